#!/bin/sh
# nastavnik's search beside Pagefind on one generated site of N practices (default 10,000), in one
# run: the site is generated (bench/search_bench_site.py) and built by nastavnik (its index is a
# stage of the build: `--verbose` times it); Pagefind (npm, bench/pagefind/, a test tool only)
# then indexes the practice pages of that same output; bench/search_compare.mjs measures both in
# Chromium (bytes of the first query and of typing, query times with the CPU throttled 4×, recall
# on 200 one-letter and 200 two-letter typos).
# Usage: bench/search_compare.sh [path/to/nastavnik] [practices]   (use a Release build)
# Needs: tests/browser/node_modules (npm ci there), /usr/bin/chromium; installs bench/pagefind/.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
nastavnik=${1:-$root/build/nastavnik}
practices=${2:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
[ -x "$here/pagefind/node_modules/.bin/pagefind" ] || (cd "$here/pagefind" && npm ci --no-audit --no-fund)

python3 "$here/search_bench_site.py" "$work/src" --practices "$practices" > /dev/null
"$nastavnik" build --verbose --source "$work/src" --out "$work/out" > "$work/build.log"
echo "== nastavnik: build stages (wall time; cpu in brackets)"
grep ' ms' "$work/build.log"
awk -F' — ' '/ ms \(cpu/ { split($2, a, " "); ms = a[1] + 0; total += ms; c = $2; sub(/.*cpu /, "", c); cpu += c + 0;
        if ($1 ~ /search index/) { search = ms; scpu = c + 0 } }
    END { printf "nastavnik index: %d ms of %d ms = %.1f %% of the build (cpu %d of %d ms = %.1f %%)\n",
        search, total, 100 * search / total, scpu, cpu, 100 * scpu / cpu }' "$work/build.log"

# The same documents as nastavnik's practice index: the practices' own pages, their <main>.
start=$(date +%s%N)
"$here/pagefind/node_modules/.bin/pagefind" --site "$work/out" --glob 'practices/*/index.html' \
    --root-selector main --output-subdir pagefind > "$work/pagefind.log" 2>&1 || { cat "$work/pagefind.log"; exit 1; }
end=$(date +%s%N)
echo "== pagefind $("$here/pagefind/node_modules/.bin/pagefind" --version | cut -d' ' -f2): $(grep -E 'Indexed [0-9]+ page' "$work/pagefind.log" | head -1 | sed 's/^ *//')"
echo "pagefind index: $(( (end - start) / 1000000 )) ms"

for d in search pagefind; do
    files=$(find "$work/out/$d" -type f | wc -l)
    raw=$(find "$work/out/$d" -type f -exec cat {} + | wc -c)
    echo "$d/: $files files, $((raw / 1024)) KB on disk"
done
gz() { gzip -c "$1" | wc -c; }
echo "records.json: $(($(wc -c < "$work/out/search/records.json") / 1024)) KB, $(($(gz "$work/out/search/records.json") / 1024)) KB gzip; manifest.json: $(($(gz "$work/out/search/manifest.json") / 1024)) KB gzip"
m=$(find "$work/out/search" -name 'm[0-9]*.json' | wc -l)
echo "middle lexicon: $m shards, $(($(cat "$work/out/search"/m[0-9]*.json | wc -c) / 1024)) KB; middle.json $(gz "$work/out/search/middle.json") bytes gzip, a shard $(gz "$work/out/search/m$((m / 2)).json") bytes gzip"
echo "== queries"
node "$here/search_compare.mjs" "$work/out" "$work/src"
