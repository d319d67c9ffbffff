#!/bin/sh
# Browser tests: builds the example site into a temporary directory and drives Debian's Chromium
# (playwright-core) against it, with axe-core checks. Installs what it needs: npm packages in this
# folder and, when missing, the chromium package.
# Usage: tests/browser/run.sh [path/to/nastavnik]   (default: $NASTAVNIK, then build/nastavnik)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
nastavnik=${1:-${NASTAVNIK:-$root/build/nastavnik}}

if [ ! -x /usr/bin/chromium ]; then
    echo "installing chromium" >&2
    if [ "$(id -u)" = 0 ]; then apt-get install -y chromium >/dev/null
    else sudo apt-get install -y chromium >/dev/null; fi
fi
if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/axe-core" ]; then
    (cd "$here" && npm install --no-audit --no-fund)
fi

site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT INT TERM
"$nastavnik" build --source "$root" --out "$site/site" >/dev/null

cd "$here"
# editor.test.mjs starts `nastavnik serve` on a Git copy of tests/sites/privacy.
NASTAVNIK="$nastavnik" SITE_DIR="$site/site" node --test --test-concurrency=1 search.test.mjs site-search.test.mjs a11y.test.mjs \
    weight.test.mjs phone.test.mjs dashboards.test.mjs mentors.test.mjs reports.test.mjs \
    editor.test.mjs
