#!/usr/bin/env bash
# Runs every test: unit and end-to-end tests (ctest), the same suite under ASan+UBSan, the
# browser tests, the fuzzers for a bounded time and the formatting check. Installs what it needs.
# Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
# ccache hits across clones in other folders (CI builds a fresh clone each run).
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
scripts/install-deps.sh --test || exit 1
jobs=$(nproc)
passed=0
failed=0

# Adds the counts of a ctest summary ("... tests failed out of N") to the totals.
count_ctest() {
  local log=$1 line total bad
  line=$(grep -E 'tests? failed out of [0-9]+' "$log" | tail -n 1)
  if [[ -z "$line" ]]; then failed=$((failed + 1)); return; fi
  total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$line")
  bad=$(sed -E 's/.*, ([0-9]+) tests? failed.*/\1/' <<<"$line")
  passed=$((passed + total - bad))
  failed=$((failed + bad))
}

# Counts a single named check.
check() {
  local name=$1; shift
  echo "=== $name"
  if "$@"; then passed=$((passed + 1)); echo "PASS $name"; else failed=$((failed + 1)); echo "FAIL $name"; fi
}

echo "=== build (release, with tests)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DNASTAVNIK_TESTS=ON >/dev/null &&
  cmake --build build -j"$jobs" || { echo "0 passed, 1 failed"; exit 1; }
echo "=== ctest (release)"
(cd build && ctest --output-on-failure -j"$jobs") 2>&1 | tee /tmp/nastavnik-ctest.log
count_ctest /tmp/nastavnik-ctest.log

echo "=== build (ASan+UBSan)"
if cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNASTAVNIK_SANITIZE=ON -DNASTAVNIK_TESTS=ON >/dev/null &&
  cmake --build build-asan -j"$jobs"; then
  echo "=== ctest (ASan+UBSan)"
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    ctest --output-on-failure -j"$jobs" -E '^browser$') 2>&1 | tee /tmp/nastavnik-ctest-asan.log
  count_ctest /tmp/nastavnik-ctest-asan.log
else
  failed=$((failed + 1))
fi

if [[ -x scripts/fuzz.sh ]]; then check "fuzzers (${FUZZ_SECONDS:-60} s each)" scripts/fuzz.sh; fi
check "clang-format" bash -c "git ls-files 'generator/*.cpp' 'generator/*.h' 'tests/*.cpp' 'fuzz/*.cpp' | xargs clang-format --dry-run --Werror"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
