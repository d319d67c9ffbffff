#!/usr/bin/env bash
# Installs what is missing, builds the generator and generates the example site into site/.
set -euo pipefail
cd "$(dirname "$0")/.."
# ccache hits across clones in other folders (CI builds a fresh clone each run).
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DNASTAVNIK_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" --target nastavnik
./build/nastavnik build --source . --out site --verbose
