#!/bin/sh
# nastavnik beside Hugo on generated sites of N practices (bench/gen_site.py writes the same
# Markdown as a nastavnik site and as a Hugo site with equivalent templates, bench/hugo_site.py).
#
# For each N: full builds of both with hyperfine (output folder and nastavnik's cache set aside
# before every run), their ratio, Hugo's build again without the practice pages' `.Related`
# lookup (four related practices, about 10 ms a page in Hugo) and nastavnik's ratio to that, the peak memory of each (/usr/bin/time, maximum resident set
# size; nastavnik's run leaves its output and cache for the next step), nastavnik's incremental
# rebuilds (nothing changed, and one practice edited), then the time `cp -r` takes to write
# nastavnik's output alone (the file system's share).
#
# Old outputs are moved into $WORK/trash and deleted only when the script ends. Deleting them
# before each run billed the next build for it: ext4 without a journal (as on this machine) skips
# inodes freed in the last minute when it allocates new ones, one by one, so a build of 100,000
# practices right after `rm -rf` of the previous output spent 22 % of its CPU time in the kernel's
# recently_deleted() (perf), and Hugo would pay the same.
#
# Usage: bench/run.sh [N ...]                      (default: 1000 10000)
# Environment:
#   NASTAVNIK   the binary to measure (default: build/nastavnik; use a Release build)
#   RUNS        hyperfine runs per full build (default 3)
#   INC_RUNS    hyperfine runs per incremental rebuild (default 5; they take seconds at most)
#   HUGO_MAX    largest N Hugo is run for (default 10000: Hugo needs minutes there already)
#   WORK        where the sites are generated (default bench/out, kept between runs)
# Needs: python3, hugo, hyperfine (Debian: apt-get install -y hugo hyperfine), /usr/bin/time.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
nastavnik=$(realpath "${NASTAVNIK:-$root/build/nastavnik}")
runs=${RUNS:-3}
inc_runs=${INC_RUNS:-5}
hugo_max=${HUGO_MAX:-10000}
work=${WORK:-$here/out}
[ $# -gt 0 ] || set -- 1000 10000
for tool in hyperfine hugo python3 /usr/bin/time; do
    command -v "$tool" > /dev/null || { echo "bench: $tool is not installed" >&2; exit 2; }
done
mkdir -p "$work"
trash="$work/trash"
summary="$work/summary.txt"
: > "$summary"

peak_kb() {  # peak resident memory (KB) of one full run of the command
    /usr/bin/time -f "%M" -o "$work/time.txt" "$@" > /dev/null 2>&1
    tail -n 1 "$work/time.txt"
}

for n in "$@"; do
    dir="$work/n$n"
    stamp="$dir/.generated"
    gen_hash=$(cat "$here/gen_site.py" "$here/hugo_site.py" "$root/config.toml" | sha256sum | cut -c1-16)
    if [ "$(cat "$stamp" 2> /dev/null)" != "$gen_hash" ] || [ ! -d "$dir/nastavnik" ]; then
        echo "== generating $n practices in $dir"
        python3 "$here/gen_site.py" "$n" "$dir"
        echo "$gen_hash" > "$stamp"
    fi
    src="$dir/nastavnik"
    # The theme as it is now (the generated copy may be older than the binary).
    rm -rf "$src/themes/default" && cp -r "$root/themes/default" "$src/themes/default"
    hsrc="$dir/hugo"
    # The same Hugo site whose practice pages list no related practices (a skeptic's baseline:
    # nastavnik computes them too, so this ratio is the less favourable one).
    hsrc_plain="$dir/hugo-norelated"
    rm -rf "$hsrc_plain" && cp -r "$hsrc" "$hsrc_plain"
    sed -i '/\.Related/d; /Похожие практики/d' "$hsrc_plain/layouts/practices/single.html"
    if grep -q 'Related' "$hsrc_plain/layouts/practices/single.html"; then
        echo "bench: could not take .Related out of the Hugo layout" >&2; exit 2
    fi
    out="$dir/nk-out"
    hout="$dir/hugo-out"
    hout_plain="$dir/hugo-norelated-out"
    build="$nastavnik build --source $src --out $out"
    hugo_cmd="hugo --quiet --source $hsrc --destination $hout"
    hugo_plain_cmd="hugo --quiet --source $hsrc_plain --destination $hout_plain"
    clean="sh $here/set_aside.sh $trash $out $dir/.nk-out.nastavnik-spare $src/.nastavnik-cache $hout $hout_plain"

    echo "== N = $n: full builds"
    if [ "$n" -le "$hugo_max" ]; then
        hyperfine --runs "$runs" --prepare "$clean" --export-json "$dir/full.json" \
            -n nastavnik "$build" -n hugo "$hugo_cmd" -n "hugo without .Related" "$hugo_plain_cmd"
    else
        hyperfine --runs "$runs" --prepare "$clean" --export-json "$dir/full.json" -n nastavnik "$build"
    fi
    sh -c "$clean"
    nk_mem=$(peak_kb $build)
    nk_files=$(find "$out" -type f | wc -l)
    # The rebuilds follow nastavnik's own full build, as a user's would, not Hugo's: a process
    # that has just freed gigabytes leaves the next one to touch memory the hypervisor took
    # back (a one-edit rebuild after a 2.3 GB process: 0.43-0.57 s of system time, not 0.11).
    echo "== N = $n: incremental rebuilds (the output of a full build is in place)"
    edited="$src/content/practices/praktika-$((n / 2)).md"
    # The full builds' writes are flushed first: a rebuild should not pay for their writeback.
    # One --prepare per command: nothing before the first, an appended line before the second.
    sync
    # The first rebuild after a full build into a fresh folder makes the spare folder the
    # publisher stages into (a folder per page, hard links to the live files): timed on its own,
    # after the no-change runs below would not have made it (they write nothing).
    echo "Правка $(date +%s%N)." >> "$edited"
    /usr/bin/time -f "%e" -o "$work/time.txt" $build > /dev/null 2>&1
    first_s=$(tail -n 1 "$work/time.txt")
    hyperfine --runs "$inc_runs" --export-json "$dir/incremental.json" \
        --prepare "true" -n "no change" "$build" \
        --prepare "echo \"Правка \$(date +%s%N).\" >> $edited" -n "one practice edited" "$build"

    hugo_mem=0
    hugo_files=0
    if [ "$n" -le "$hugo_max" ]; then
        hugo_mem=$(peak_kb $hugo_cmd)
        hugo_files=$(find "$hout" -type f | wc -l)
    fi
    copy="$dir/copy-of-output"
    sh "$here/set_aside.sh" "$trash" "$copy"
    sync
    /usr/bin/time -f "%e" -o "$work/time.txt" cp -r "$out" "$copy"
    copy_s=$(tail -n 1 "$work/time.txt")
    sh "$here/set_aside.sh" "$trash" "$copy"

    python3 - "$dir" "$n" "$nk_mem" "$hugo_mem" "$nk_files" "$hugo_files" "$copy_s" "$first_s" >> "$summary" << 'EOF'
import json, sys
d, n = sys.argv[1], int(sys.argv[2])
nk_mem, hugo_mem, nk_files, hugo_files = map(int, sys.argv[3:7])
copy_s = float(sys.argv[7])
first_s = float(sys.argv[8])
full = {r["command"]: r for r in json.load(open(f"{d}/full.json"))["results"]}
inc = {r["command"]: r for r in json.load(open(f"{d}/incremental.json"))["results"]}
nk = full["nastavnik"]["mean"]
line = f"N={n:>6}  nastavnik {nk:7.2f} s ({nk_files} files, {nk_mem / 1024:6.0f} MB)"
if "hugo" in full:
    hg = full["hugo"]["mean"]
    line += (f"  hugo {hg:7.2f} s ({hugo_files} files, {hugo_mem / 1024:6.0f} MB)"
             f"  time ratio {nk / hg:.3f}  memory ratio {nk_mem / hugo_mem:.3f}")
line += f"  per 1000 practices {nk / n * 1000:.3f} s"
if "hugo without .Related" in full:
    plain = full["hugo without .Related"]["mean"]
    line += (f"\n          hugo without .Related {plain:7.2f} s  time ratio {nk / plain:.3f}"
             f"  (.Related cost Hugo {hg - plain:.2f} s, {(hg - plain) / n * 1000:.1f} ms a practice)")
line += f"\n          cp -r of its output alone: {copy_s:.2f} s = {copy_s / nk:.2f} x full build"
line += f"\n          first rebuild after it (one edit, makes the spare): {first_s:.2f} s"
for name, r in inc.items():
    line += f"\n          {name}: {r['mean']:.3f} s = {r['mean'] / nk:.3f} x full build"
print(line)
EOF
done
rm -rf "$trash"
echo
echo "== summary (means of $runs full and $inc_runs incremental runs; memory: peak resident set)"
cat "$summary"
