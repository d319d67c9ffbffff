#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) in build-fuzz/ and runs each for FUZZ_SECONDS
# seconds (default 60) from a seed corpus of the example site's and the test fixtures' files.
# Fails when a fuzzer finds a crash, a leak, undefined behaviour, a timeout or a broken
# invariant; the input that did it is kept as build-fuzz/artifacts/<fuzzer>-crash-….
# Prints libFuzzer's final figures: executions, coverage (cov:) and features (ft:).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
build=${FUZZ_BUILD_DIR:-build-fuzz}

if ! command -v clang++ >/dev/null || ! compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null; then
  scripts/install-deps.sh --test
fi

echo "building the fuzzers in $build/"
CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNASTAVNIK_FUZZ=ON \
  -DNASTAVNIK_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target front_matter_fuzzer record_fuzzer

corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
mkdir -p "$corpus/front_matter" "$corpus/record" "$build/artifacts"
# Seeds: every page and record of the example site and of the test fixtures, valid or broken.
n=0
while IFS= read -r -d '' file; do
  n=$((n + 1))
  case "$file" in
    *.md) cp "$file" "$corpus/front_matter/seed-$n.md"; cp "$file" "$corpus/record/seed-$n.md" ;;
    *) cp "$file" "$corpus/record/seed-$n.toml" ;;
  esac
done < <(find content data config.toml tests/sites tests/sites_invalid -type f \
  \( -name '*.md' -o -name '*.toml' \) -size -64k -print0 2>/dev/null)
echo "seed corpus: $n files"

status=0
for name in front_matter record; do
  log="$build/artifacts/$name.log"
  echo "=== ${name}_fuzzer for $seconds s"
  if "$build/fuzz/${name}_fuzzer" "$corpus/$name" -dict="fuzz/$name.dict" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$build/artifacts/$name-" >"$log" 2>&1; then
    grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)' "$log" | tail -n 2 || true
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" || true
  else
    status=1
    echo "FAILED: ${name}_fuzzer; the input is in $build/artifacts/"
    grep -E -A30 'ERROR: |runtime error|deadly signal|SUMMARY' "$log" | head -n 60 || true
  fi
done
exit $status
