#!/usr/bin/env bash
# The Debian package, end to end: `cmake --install` into a prefix, then CPack's .deb installed
# with its Depends into a clean Debian (debootstrap --variant=minbase, same release as this
# machine, from the mirror apt uses here) and `nastavnik init x && cd x && nastavnik build`
# run inside it. The minbase root and the .debs apt fetched into it are kept in
# $NASTAVNIK_TEST_CACHE (default /var/cache/nastavnik-tests) and reused; every run installs
# into a fresh copy of the root. Needs root (debootstrap, chroot, mount): skipped otherwise.
# Usage: deb_install.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
if [[ $(id -u) -ne 0 ]]; then
  echo "SKIP: installing the .deb into a clean root needs root (debootstrap, chroot, mount)"
  exit 77
fi
for tool in cpack debootstrap dpkg-shlibdeps unshare chroot; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (scripts/install-deps.sh --test installs it)"; exit 1; }
done

cache=${NASTAVNIK_TEST_CACHE:-/var/cache/nastavnik-tests}
. /etc/os-release
suite=${VERSION_CODENAME:-bookworm}
pristine=$cache/debian-$suite-minbase
mkdir -p "$cache/archives-$suite"
# Copies left by runs that were killed before their cleanup.
find "$cache" -maxdepth 1 -name 'run.*' -mmin +120 -exec rm -rf {} +
work=$(mktemp -d "$cache/run.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "--- cmake --install into a prefix"
cmake --install "$build" --prefix "$work/prefix" >/dev/null
"$work/prefix/bin/nastavnik" version
test -f "$work/prefix/share/doc/nastavnik/editing.md"

echo "--- cpack -G DEB"
(cd "$work" && cpack -G DEB -B "$work/deb" --config "$build/CPackConfig.cmake" >/dev/null)
deb=$(ls "$work"/deb/nastavnik_*.deb)
dpkg-deb -f "$deb" Package Version Depends

# The mirror apt uses on this machine (deb822 sources or a sources.list line).
mirror=$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -n 1)
[[ -n "$mirror" ]] || mirror=$(grep -hsE '^deb https?://' /etc/apt/sources.list | awk '{print $2}' | head -n 1)
mirror=${mirror:-http://deb.debian.org/debian}

(
  flock 9
  if [[ ! -d "$pristine" ]]; then
    echo "--- debootstrap --variant=minbase $suite from $mirror (cached in $pristine)"
    rm -rf "$pristine.tmp"
    debootstrap --variant=minbase "$suite" "$pristine.tmp" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
      { tail -n 20 "$cache/debootstrap.log"; exit 1; }
    rm -f "$pristine.tmp"/var/cache/apt/archives/*.deb
    mv "$pristine.tmp" "$pristine"
  fi
) 9>"$cache/.lock"

echo "--- dpkg -i in a fresh copy of the $suite minbase root"
root=$work/root
cp -a "$pristine" "$root"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/"
cp "$cache/archives-$suite"/*.deb "$root/var/cache/apt/archives/" 2>/dev/null || true
# dpkg -i alone stops at the missing Depends; apt installs them from the mirror and then the package.
cat >"$root/tmp/install-and-build.sh" <<'INNER'
set -eu
export DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8
if dpkg -i /tmp/nastavnik_*.deb >/tmp/dpkg.log 2>&1; then
  echo "unexpected: dpkg -i succeeded without the Depends"; exit 1
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends -f >/tmp/apt.log 2>&1 || { tail -n 20 /tmp/apt.log; exit 1; }
dpkg-query -W -f='${Package} ${Version} ${Status}\n' nastavnik
command -v nastavnik
cd /tmp && nastavnik init x && cd x && nastavnik build
test -s site/index.html && test -s site/practices/index.html && test -s site/feed.xml
grep -q '<html lang="ru"' site/index.html
echo "built $(find site -type f | wc -l) files"
INNER
# A private mount and PID namespace: /proc for the chroot (the launcher finds the generator
# through /proc/self/exe) goes away with it, whatever happens.
unshare --mount --pid --fork --mount-proc="$root/proc" chroot "$root" /bin/sh /tmp/install-and-build.sh
cp -n "$root"/var/cache/apt/archives/*.deb "$cache/archives-$suite/" 2>/dev/null || true
echo "PASS: the .deb installs on a clean $suite and builds a new site"
