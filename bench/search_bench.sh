#!/bin/sh
# Search benchmark on a generated site of N practices (default 10,000): the share of the build the
# search index takes (from `nastavnik build --verbose` stage timings), the size of the index, what
# the first query downloads (gzip) and how long queries take in Node and, when the browser tests'
# packages and Chromium are installed, in Chromium with the CPU throttled 4×.
# Usage: bench/search_bench.sh [path/to/nastavnik] [practices]   (use a Release build)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
nastavnik=${1:-$root/build/nastavnik}
practices=${2:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

python3 "$here/search_bench_site.py" "$work/src" --practices "$practices"
"$nastavnik" build --verbose --source "$work/src" --out "$work/out" > "$work/build.log"
echo "== build stages"
grep ' ms$' "$work/build.log"
awk -F' — ' '/ ms$/ { ms = $2 + 0; total += ms; if ($1 ~ /search index/) search = ms }
    END { printf "search index: %d ms of %d ms = %.1f %% of the build\n", search, total, 100 * search / total }' \
    "$work/build.log"

echo "== index size"
files=$(ls "$work/out/search" | wc -l)
raw=$(cat "$work/out/search"/* | wc -c)
gz=$(for f in "$work/out/search"/*; do gzip -c "$f" | wc -c; done | awk '{ s += $1 } END { print s }')
echo "$files files, $((raw / 1024)) KB, $((gz / 1024)) KB gzip in all"
for f in manifest.json facets.json order-title.json t0.json d0.json; do
    echo "  $f: $(($(wc -c < "$work/out/search/$f") / 1024)) KB, $(($(gzip -c "$work/out/search/$f" | wc -c) / 1024)) KB gzip"
done

echo "== queries (Node $(node --version))"
node "$here/search_bench.mjs" "$work/out"
if [ -d "$root/tests/browser/node_modules/playwright-core" ] && [ -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
    echo "== queries (Chromium)"
    node "$here/search_bench_browser.mjs" "$work/out"
fi
