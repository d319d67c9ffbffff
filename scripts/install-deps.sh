#!/usr/bin/env bash
# Installs the Debian packages nastavnik needs; with --test also what the test suite needs.
# Installs only what is missing, so a prepared machine pays nothing.
set -euo pipefail

build_packages=(cmake g++ make pkg-config ccache git python3
  libcmark-gfm-dev libcmark-gfm-extensions-dev libtomlplusplus-dev libboost-filesystem-dev
  doctest-dev libkainjow-mustache-dev nlohmann-json3-dev libcli11-dev libfmt-dev
  libstemmer-dev libutf8proc-dev libxxhash-dev libgit2-dev libcpp-httplib-dev libxlsxwriter-dev libmimalloc-dev
  libicu-dev)
test_packages=(python3-icalendar python3-openpyxl chromium nodejs npm clang libclang-rt-14-dev
  clang-format poppler-utils curl dpkg-dev debootstrap python3-yaml)

wanted=("${build_packages[@]}")
if [[ "${1:-}" == "--test" ]]; then wanted+=("${test_packages[@]}"); fi

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The machine image may ship its own node; only install Debian's when none is on PATH.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs/}"); missing=("${missing[@]/npm/}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
