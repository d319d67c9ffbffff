#!/usr/bin/env bash
# Installs what is missing, builds the generator and generates the example site into site/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DNASTAVNIK_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" --target nastavnik
./build/nastavnik build --source . --out site --verbose
