#!/usr/bin/env bash
# Renders the documentation screenshots with the real native window under Xvfb (Mesa llvmpipe).
# Usage: tools/screenshots.sh PATH/TO/qiao-kiosk OUTPUT_DIR
set -euo pipefail
KIOSK="$1"
OUT="$2"
mkdir -p "$OUT"
DATA="$(mktemp -d)"  # fresh settings: the screenshots show defaults unless asked
trap 'rm -rf "$DATA"' EXIT

shot() {  # NAME WxH ARGS...
  local name="$1" size="$2"
  shift 2
  xvfb-run -a -s "-screen 0 ${size}x24" "$KIOSK" --size "$size" --data-dir "$DATA" \
    --screenshot "$OUT/$name.png" "$@" 2>&1 | grep -v '^qiao-kiosk: wrote' || true
}

shot picker               1280x800
shot home-zh              1280x800 --locale zh-Hans
shot lesson-practice-zh   1280x800 --locale zh-Hans --open lesson/qr-code/3
shot lesson-quiz-en       1280x800 --locale en --open lesson/fraud-sms/5
shot guide-zh             1280x800 --locale zh-Hans --open guide/pension-certification
shot guide-zh-largest     1280x800 --locale zh-Hans --open guide/pension-certification --text-scale 3
shot lesson-en-largest-800x600 800x600 --locale en --open lesson/qr-code/3 --text-scale 3
shot home-ug              1280x800 --locale ug
# Home in the four languages that came last (issue 14): Yi not tofu, Mongolian in columns,
# Kazakh joined and right to left, Zhuang's Latin.
for lang in ii mn-Mong kk-Arab za; do shot "home-$lang" 1280x800 --locale "$lang"; done
shot settings-en          1280x800 --locale en --open settings
# Every script the text engine must get right (issue: "every script right, at every size"):
# a lesson text step and a guide, at the default text size and the largest (3x).
for lang in ug bo mn-Mong ii ko zh-Hans kk-Arab za; do
  shot "lesson-text-$lang"         1280x800 --locale "$lang" --open lesson/qr-code/1
  shot "lesson-text-$lang-largest" 1280x800 --locale "$lang" --open lesson/qr-code/1 --text-scale 3
  shot "guide-$lang"               1280x800 --locale "$lang" --open guide/pension-certification
  shot "guide-$lang-largest"       1280x800 --locale "$lang" --open guide/pension-certification --text-scale 3
done
# Rehearsals (issue 13): red flags, a conversation, typing on the keypad; in Mandarin and in two
# minority languages whose learners see Chinese labels on the real phone, at default and largest.
for lang in zh-Hans ug bo; do
  for size in "" 3; do
    suffix="${size:+-largest}"
    scale=(${size:+--text-scale $size})
    shot "rehearsal-red-flags-$lang$suffix"    1280x800 --locale "$lang" --open lesson/rehearse-fake-sms/2 "${scale[@]}"
    shot "rehearsal-conversation-$lang$suffix" 1280x800 --locale "$lang" --open lesson/rehearse-police-call/2 "${scale[@]}"
    shot "rehearsal-typing-$lang$suffix"       1280x800 --locale "$lang" --open lesson/rehearse-shop-payment/2 "${scale[@]}"
    shot "gesture-swipe-$lang$suffix"          1280x800 --locale "$lang" --open lesson/unlock-charge/3 "${scale[@]}"
  done
done
shot rehearsal-multi-quiz-en 1280x800 --locale en --open lesson/rehearse-fake-sms/3
# Mongolian body text in vertical columns (the help text comes from the UI catalog).
shot help-mn-Mong         1280x800 --locale mn-Mong --open help
shot help-mn-Mong-largest 1280x800 --locale mn-Mong --open help --text-scale 3
echo "screenshots written to $OUT"
