#!/bin/sh
# deb_test.sh SOURCE_DIR TREE WORK: the ctest packaging.deb (CMakeLists.txt here). Makes two
# throwaway publisher key pairs in WORK, builds the package in TREE with packaging/build-deb.sh (as
# `./qiao package` does) and so checks it with packaging/check-deb.sh against this checkout. Then
# prints what the build cost: seconds, and ccache's hits and misses for this build alone (its
# own stats log; `ccache -s` counts every build sharing the cache).
set -eu
src="$1"
tree="$2"
work="$3"
rm -rf "$work"
mkdir -p "$work/keys"
for n in 1 2; do
  # -W: no password (a throwaway key). Only the public halves go into the package.
  minisign -G -W -p "$work/keys/publisher-$n.pub" -s "$work/publisher-$n.key" >/dev/null
done
export CCACHE_STATSLOG="$work/ccache-stats.log"
start=$(date +%s)
deb=$("$src/packaging/build-deb.sh" "$tree" "$work/keys")
took=$(($(date +%s) - start))
[ -f "$deb" ] || { echo "packaging.deb: no package made" >&2; exit 1; }
echo "packaging.deb: $deb ($(du -k "$deb" | cut -f1) KB) built and checked in $took s"
if [ -f "$CCACHE_STATSLOG" ] && command -v ccache >/dev/null; then
  ccache --show-log-stats | grep -E 'Hits|Direct|Preprocessed|Misses' | sed 's/^/packaging.deb: ccache /'
  # The files compiled rather than taken from the cache (the stats log names each source).
  awk '/^# /{f=$2} /^cache_miss$/{sub(/^(\.\.\/)+/, "", f); print "packaging.deb: compiled " f}' "$CCACHE_STATSLOG"
else
  echo "packaging.deb: nothing was compiled (the tree was up to date) or ccache is not used"
fi
