#!/bin/sh
# check-deb.sh DEB: what `./qiao package` checks of the package it just made: the files the
# appliance needs are in it, its control file depends on what runs beside the kiosk, and the
# systemd units verify (systemd-analyze, against the package's own files as the root).
set -eu
deb="$1"
fail() { echo "check-deb: $deb: $*" >&2; exit 1; }
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/qiao-kiosk ./usr/bin/qiao-update ./usr/bin/qiao-pack \
         ./usr/share/qiao/lessons/basics.pack.json ./usr/share/qiao/locales/locales.json \
         ./usr/share/qiao/espeak-ng-data/phontab ./usr/share/qiao/pinyin-readings.txt \
         ./usr/share/qiao/voices/voices.json \
         ./lib/systemd/system/qiao-kiosk.service ./lib/systemd/system/qiao-update-stick@.service \
         ./lib/systemd/system/qiao-update-web.service ./lib/systemd/system/qiao-update-web.timer \
         ./lib/udev/rules.d/90-qiao-update.rules ./usr/lib/qiao/qiao-update-stick \
         ./usr/share/man/man1/qiao-kiosk.1 ./usr/share/man/man1/qiao-update.1 ./etc/qiao/kiosk.json; do
  echo "$contents" | grep -qx "$f" || fail "has no $f"
done
echo "$contents" | grep -q '^\./usr/share/qiao/keys/.*\.pub$' || fail "has no public key in /usr/share/qiao/keys"
depends=$(dpkg-deb -f "$deb" Depends)
for d in cage xwayland libsdl2 libsodium libsystemd0 libcurl4 ca-certificates fonts-noto-cjk; do
  echo "$depends" | grep -q "$d" || fail "Depends lacks $d: $depends"
done
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
# The units as installed, their programs looked up in the package (cage, not in it, by a
# stand-in), so verify judges the units rather than what this machine has installed.
printf '#!/bin/sh\n' >"$root/cage" && chmod +x "$root/cage"
mkdir "$root/units"
for unit in qiao-kiosk.service qiao-update-stick@.service qiao-update-web.service qiao-update-web.timer; do
  sed -e "s|/usr/bin/cage|$root/cage|; s| /usr/| $root/usr/|g; s|=/usr/|=$root/usr/|g" \
    "$root/lib/systemd/system/$unit" >"$root/units/$unit"
done
# verify exits 0 on unknown keys and bad values (it only warns): any word from it is a failure.
u="$root/units"
said=$(systemd-analyze verify --man=no "$u/qiao-kiosk.service" "$u/qiao-update-stick@.service" \
         "$u/qiao-update-web.service" "$u/qiao-update-web.timer" 2>&1) ||
  fail "systemd-analyze verify failed: $said"
[ -z "$said" ] || fail "systemd-analyze verify: $said"
echo "check-deb: $deb: files, Depends and units are as the appliance needs"
