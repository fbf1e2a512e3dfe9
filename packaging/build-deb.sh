#!/bin/sh
# build-deb.sh TREE KEYS_DIR: the one recipe for the Debian package, used by `./qiao package`
# (TREE = build/package) and by the ctest packaging.deb (tests/packaging/, its own TREE):
# configure the `package` preset in TREE with the publishers' public keys in KEYS_DIR (*.pub),
# build it, run CPack, and check the .deb with check-deb.sh (against this checkout's packaging
# files and KEYS_DIR). Prints the path of the .deb; quiet otherwise, but the build's and cpack's
# full output on failure.
set -eu
[ $# -eq 2 ] || { echo "usage: build-deb.sh TREE KEYS_DIR" >&2; exit 2; }
tree="$1"
keys=$(cd "$2" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
fail() { echo "build-deb: $*" >&2; exit 1; }

mkdir -p "$tree"
log="$tree/build-deb.log"
# The preset's binaryDir is build/package; -B gives this tree instead. Configured every time so a
# new KEYS_DIR is taken.
cmake --preset package -S "$root" -B "$tree" -DQIAO_PACKAGE_KEYS_DIR="$keys" >"$log" 2>&1 ||
  { cat "$log" >&2; fail "cmake configure (package) failed"; }
cmake --build "$tree" -j"$(nproc)" >"$log" 2>&1 || { cat "$log" >&2; fail "build (package) failed"; }
rm -f "$tree"/qiao_*.deb
(cd "$tree" && cpack) >"$log" 2>&1 || { cat "$log" >&2; fail "cpack failed"; }
rm -f "$log"
found=0
for deb in "$tree"/qiao_*.deb; do
  [ -f "$deb" ] || fail "cpack made no qiao_*.deb in $tree"
  "$root/packaging/check-deb.sh" "$deb" "$root" "$keys" >&2 || fail "the package is not as the appliance needs"
  echo "$deb"
  found=1
done
[ "$found" = 1 ]
