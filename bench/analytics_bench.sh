#!/bin/sh
# Analytics and charts for many schools against a build of those schools' pages.
#
#     bench/analytics_bench.sh [BUILD_DIR] [SCHOOLS] [JOBS]
#
# Generates a site of SCHOOLS schools × 5 years (default 40000) in a temporary directory,
# builds the analytics_bench target in BUILD_DIR (default build/, Release recommended), runs it
# and removes the site. Target: analytics and charts add less than 10 % to the build.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
schools=${2:-40000}
jobs=${3:-1}
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
python3 "$root/bench/gen_schools.py" "$site" --schools "$schools"
cmake --build "$build" --target analytics_bench nastavnik
"$build/bench/analytics_bench" "$site" "$jobs"
echo "nastavnik build --verbose --jobs $jobs (second build, same site):"
"$build/nastavnik" build --source "$site" --out "$site/site2" --verbose --jobs "$jobs" | tail -n 12
