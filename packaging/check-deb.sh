#!/bin/sh
# check-deb.sh DEB [SOURCE_DIR KEYS_DIR]: what packaging/build-deb.sh (`./qiao package`, the ctest
# packaging.deb) checks of the package it just made: the files the appliance needs are in it,
# its control file depends on what runs beside the kiosk, and every systemd unit it ships
# verifies (systemd-analyze, against the package's own files as the root), and the packaged
# kiosk loads the packaged content (--check).
# With SOURCE_DIR (the checkout it was built from) and KEYS_DIR (the publishers' keys it was
# given), also that what it holds is current: every unit in packaging/ is shipped, the units,
# udev rule, helper, man pages, /etc/qiao/kiosk.json, postinst and conffiles are the checkout's,
# the keys are exactly KEYS_DIR's, and the binaries are stripped and hold no path of the checkout
# (a data path compiled in that packaging/package.cmake did not point at /usr/share/qiao).
set -eu
deb="$1"
src="${2:-}"
keys="${3:-}"
fail() { echo "check-deb: $deb: $*" >&2; exit 1; }
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/qiao-kiosk ./usr/bin/qiao-update ./usr/bin/qiao-pack \
         ./usr/share/qiao/lessons/basics.pack.json ./usr/share/qiao/locales/locales.json \
         ./usr/share/qiao/locales/translit ./usr/share/qiao/voices/kk-Arab/kk_Arab-kk_Cyrl.txt \
         ./usr/share/qiao/espeak-ng-data/phontab ./usr/share/qiao/pinyin-readings.txt \
         ./usr/share/qiao/voices/voices.json \
         ./lib/systemd/system/qiao-kiosk.service ./lib/systemd/system/qiao-update-stick@.service \
         ./lib/systemd/system/qiao-update-web.service ./lib/systemd/system/qiao-update-web.timer \
         ./lib/udev/rules.d/90-qiao-update.rules ./usr/lib/qiao/qiao-update-stick \
         ./usr/share/man/man1/qiao-kiosk.1 ./usr/share/man/man1/qiao-update.1 ./etc/qiao/kiosk.json; do
  echo "$contents" | grep -qx "$f/\{0,1\}" || fail "has no $f"
done
echo "$contents" | grep -q '^\./usr/share/qiao/keys/.*\.pub$' || fail "has no public key in /usr/share/qiao/keys"
[ "$(dpkg-deb -f "$deb" Package)" = qiao ] || fail "Package is not qiao: $(dpkg-deb -f "$deb" Package)"
[ "$(dpkg-deb -f "$deb" Architecture)" = "$(dpkg --print-architecture)" ] ||
  fail "Architecture is $(dpkg-deb -f "$deb" Architecture), not this machine's"
depends=$(dpkg-deb -f "$deb" Depends)
for d in cage xwayland libsdl2 libsodium libsystemd0 libcurl4 ca-certificates fonts-noto-cjk adduser; do
  echo "$depends" | grep -q "$d" || fail "Depends lacks $d: $depends"
done
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
dpkg-deb -e "$deb" "$root/DEBIAN"
grep -qx /etc/qiao/kiosk.json "$root/DEBIAN/conffiles" || fail "conffiles lacks /etc/qiao/kiosk.json"
[ -x "$root/DEBIAN/postinst" ] || fail "has no executable postinst"
# The units as installed, their programs looked up in the package (cage, not in it, by a
# stand-in), so verify judges the units rather than what this machine has installed. Every unit
# the package ships is verified, not only the four the appliance is known to need.
printf '#!/bin/sh\n' >"$root/cage" && chmod +x "$root/cage"
mkdir "$root/units"
units=""
for unit in "$root"/lib/systemd/system/*; do
  name=${unit##*/}
  sed -e "s|/usr/bin/cage|$root/cage|; s| /usr/| $root/usr/|g; s|=/usr/|=$root/usr/|g" "$unit" >"$root/units/$name"
  units="$units $root/units/$name"
done
# verify exits 0 on unknown keys and bad values (it only warns): any word from it is a failure.
# shellcheck disable=SC2086 # the unit paths (mktemp's, no spaces)
said=$(systemd-analyze verify --man=no $units 2>&1) || fail "systemd-analyze verify failed: $said"
[ -z "$said" ] || fail "systemd-analyze verify: $said"
# The packaged kiosk starts on this machine's libraries and loads the packaged lessons, catalogs
# and voices without a problem (its data folders given, as /usr/share/qiao is not installed here).
said=$(QIAO_VOICE_DATA="$root/usr/share/qiao" QIAO_VOICE_SOURCES="$root/usr/share/qiao/voices" \
       "$root/usr/bin/qiao-kiosk" --check --packs "$root/usr/share/qiao/lessons" \
       --locales "$root/usr/share/qiao/locales" 2>&1) || fail "qiao-kiosk --check on the packaged content: $said"
what="files, control, Depends, units and the kiosk on its content"

if [ -n "$src" ]; then
  p="$src/packaging"
  same() {  # same INSTALLED SOURCE
    cmp -s "$root/$1" "$2" || fail "/$1 is not the checkout's ${2#"$src"/} (a stale or rewritten copy)"
  }
  for unit in "$p"/*.service "$p"/*.timer; do
    [ -f "$root/lib/systemd/system/${unit##*/}" ] || fail "does not ship ${unit#"$src"/} (install it in packaging/package.cmake)"
    same "lib/systemd/system/${unit##*/}" "$unit"
  done
  same lib/udev/rules.d/90-qiao-update.rules "$p/90-qiao-update.rules"
  same usr/lib/qiao/qiao-update-stick "$p/qiao-update-stick"
  [ -x "$root/usr/lib/qiao/qiao-update-stick" ] || fail "/usr/lib/qiao/qiao-update-stick is not executable"
  same usr/share/man/man1/qiao-kiosk.1 "$p/qiao-kiosk.1"
  same usr/share/man/man1/qiao-update.1 "$p/qiao-update.1"
  same etc/qiao/kiosk.json "$p/kiosk.json"
  same DEBIAN/postinst "$p/postinst"
  same DEBIAN/conffiles "$p/conffiles"
  shipped=$(cd "$root/usr/share/qiao/keys" && ls)
  given=$(cd "$keys" && ls -- *.pub)
  [ "$shipped" = "$given" ] || fail "ships the keys $(echo "$shipped" | tr '\n' ' '), not the given $(echo "$given" | tr '\n' ' ')"
  for k in $given; do same "usr/share/qiao/keys/$k" "$keys/$k"; done
  for b in qiao-kiosk qiao-update qiao-pack; do
    if readelf -S "$root/usr/bin/$b" | grep -q '\.debug_info'; then fail "/usr/bin/$b is not stripped"; fi
    if grep -qF "$src" "$root/usr/bin/$b"; then
      fail "/usr/bin/$b holds a path of the checkout it was built in: $(strings "$root/usr/bin/$b" | grep -F "$src" | head -3)"
    fi
  done
  what="$what; the packaged files, keys and binaries are current"
fi
echo "check-deb: $deb: $what"
