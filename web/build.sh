#!/usr/bin/env bash
# Assembles the static site of the browser build. Called by `./qiao web build` after the set-up
# (Debian packages, cmake/wasm-deps.sh):
#
#   web/build.sh PREFIX OUT
#
# PREFIX is the dependency cache from cmake/wasm-deps.sh, OUT the site folder (replaced).
# Steps: compile qiao-web (emcmake, -Os), subset the ICU data (and check the cut with
# web/tests/icu_data_check.cpp) and the fonts, bundle the packs per language (web/bundles.py),
# copy the catalogs, give every file but
# index.html, sw.js, files.json and the manifest a content-hashed name, write files.json (what
# the shell downloads, with sizes), the service worker's lists and the page's CSP hashes, then
# print the size budget next to Debian's bare ImGui + SDL2 example.
set -euo pipefail

PY=/usr/bin/python3  # Debian's, with python3-fonttools (not a pyenv or venv python)
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
P="$1"
OUT="$2"
BUILD="$ROOT/build/web"
WORK="$BUILD/site-work"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"  # emcc needs Debian's acorn (BUILD-NOTES)

say() { printf 'qiao web: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

quiet() {  # runs a command, shows its output only if it fails
  local log
  log="$(mktemp)"
  if ! "$@" >"$log" 2>&1; then cat "$log" >&2; rm -f "$log"; return 1; fi
  rm -f "$log"
}

# [SECTION] compile

compile() {
  # A new dependency prefix (cmake/wasm-deps.sh: another ICU configuration) means a fresh
  # configure: the cache holds paths into the old one.
  if [ -f "$BUILD/CMakeCache.txt" ] && ! grep -q "^QIAO_WASM_PREFIX:[A-Z]*=$P\$" "$BUILD/CMakeCache.txt"; then
    rm -f "$BUILD/CMakeCache.txt" "$BUILD/build.ninja"
  fi
  if [ ! -f "$BUILD/build.ninja" ]; then
    quiet emcmake cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=MinSizeRel \
      -DQIAO_WASM_PREFIX="$P" || die "configuring the browser build failed"
  fi
  quiet cmake --build "$BUILD" --target qiao-web -j"$(nproc)" || die "compiling qiao-web failed"
}

# [SECTION] ICU data
# Only what the app asks ICU for at run time: line and character break rules (line.brk, zh's
# line_cj.brk, char.brk; no word or sentence rules, no lb=loose/normal variants, no word
# dictionaries: zh line breaking does not use them), plural rules and number formats for
# MessageFormat, likely subtags, and locale data for the locales we ship (and their parents).
# Collation and transliteration are not needed in the browser, nor supplementalData.res (241 KB:
# currency by region, calendar and measurement preferences; DecimalFormatSymbols does without the
# default currency), langInfo.res (locale matching), metadata.res (alias canonicalization),
# keyTypeData.res (-u- extension keywords), cnvalias.icu (converter names: the browser's ICU
# converts only UTF-8, built in with U_CHARSET_IS_UTF8; only u_init() reads it, which the app
# does not call), uemoji.icu and ulayout.icu (emoji and Indic/vertical-orientation properties:
# the app asks for line break and default-ignorable, built into ICU's code; the .brk rules are
# precompiled), icuver.res and icustd.res (ICU's version strings), the res_index.res of each tree
# (the list of installed locales, read only by uloc_getAvailable & co.; resource fallback does
# without it).
# Of what stays, the locale bundles (root and ICU_LOCALES) and the currency root bundle hold
# strings of all of ICU's locales in their shared pools (pool.res, curr/pool.res) and calendars,
# time zones, units etc. the browser never formats: they are rebuilt without the pools and with
# only the resource paths of ICU_KEEP (icu_bundles below), as ICU's own data build does with
# resource filters: derb decompiles each bundle (Debian's data has no .txt sources), the filter
# keeps ICU_KEEP, genrb compiles it standalone, icupkg puts it in. Same input, same bytes.
# web/tests/icu_data_check.cpp then runs with the browser's own ICU build on Debian's full data
# and on the cut: every catalog message of every locale must format (with numbers reaching each
# plural category), numbers group, breaking and likely subtags work, and everything it formatted,
# broke and resolved must be the same text with both data files.
# icupkg needs --ignore-deps and names its output's internal prefix after the file name, so the
# file is icudt72l.dat.
ICU_LOCALES="zh zh_Hans zh_Hans_CN en en_001 en_US ug ug_CN bo bo_CN ii ii_CN ko ko_KR mn mn_MN kk kk_KZ"
# Resource paths kept in the locale bundles (with their parents; * is any key), found by testing
# with icu_data_check: MessageFormat's number and plural arguments make a DecimalFormat from the
# locale's default numbering system (every shipped locale's is latn), its patterns and its
# symbols (decimal and group separators, signs). Nothing else in a locale bundle is read.
ICU_KEEP="NumberElements/default NumberElements/latn/patterns NumberElements/latn/symbols"
# In curr/root.res: DecimalFormatSymbols reads currency spacing (with fallback to root) and fails
# without it, though the app formats no currency; none of the currency names.
ICU_CURR_KEEP="currencySpacing"

icu_bundles() {  # icu_bundles FULL_DAT DIR: rebuilds root, ICU_LOCALES and curr/root into DIR/res
  local full="$1" d="$2" l
  rm -rf "$d/items" "$d/txt" "$d/res"
  mkdir -p "$d/items" "$d/txt/curr" "$d/res/curr"
  for l in root $ICU_LOCALES; do echo "$l.res"; done >"$d/bundles.txt"
  echo "curr/root.res" >>"$d/bundles.txt"
  { cat "$d/bundles.txt"; echo pool.res; echo curr/pool.res; } >"$d/extract.txt"
  quiet icupkg -d "$d/items" -x "$d/extract.txt" "$full" || die "icupkg -x failed"
  # derb opens a bundle by directory and finds its pool beside it (the directory must end in /);
  # -A writes aliases as aliases, not their targets.
  (cd "$d/items" && for l in root $ICU_LOCALES; do quiet derb -A -e UTF-8 -s ./ -d ../txt "$l.res" || exit 1; done \
     && cd curr && quiet derb -A -e UTF-8 -s ./ -d ../../txt/curr root.res) || die "derb failed"
  "$PY" - "$d/txt" "$ICU_KEEP" "$ICU_CURR_KEEP" <<'EOF' || die "filtering the ICU bundles failed"
# Keeps, of each derb .txt, the resources on the kept paths: a resource is written if its path
# and a kept path agree as far as both go (its ancestors and everything under it). derb writes
# one resource per line, a table or array opening with `key{` and closing with `}` on its own line.
import glob, os, re, sys
def keep_filter(paths):
    kept = [p.split("/") for p in paths.split()]
    return lambda path: any(all(k == "*" or k == p for k, p in zip(k, path)) for k in kept)
def cut(name, keeps):
    out, stack = [], []  # stack: (key, written) of the open tables and arrays
    for line in open(name, encoding="utf-8").read().splitlines(True):
        s = line.strip()
        if not stack:  # the comment header and the bundle's own `name{`
            out.append(line)
            if re.match(r"^[^\s/].*\{\s*$", line): stack.append(("", True))
            continue
        if s.startswith("}"):
            if stack.pop()[1]: out.append(line)
            continue
        key = re.match(r'^([^\s{:"]*)', s).group(1)
        emit = stack[-1][1] and keeps([k for k, _ in stack[1:]] + [key])
        if re.search(r"\{\s*(//.*)?$", s): stack.append((key, emit))
        if emit: out.append(line)
    open(name, "w", encoding="utf-8").write("".join(out))
d, keep, curr_keep = sys.argv[1], keep_filter(sys.argv[2]), keep_filter(sys.argv[3])
for name in sorted(glob.glob(os.path.join(d, "*.txt"))): cut(name, keep)
cut(os.path.join(d, "curr", "root.txt"), curr_keep)
EOF
  (cd "$d/txt" && for l in root $ICU_LOCALES; do quiet genrb -q -e UTF-8 -d ../res "$l.txt" || exit 1; done \
     && quiet genrb -q -e UTF-8 -s curr -d ../res/curr root.txt) || die "genrb failed"
}

icu_data() {
  local full="$P/src/icu/source/data/in/icudt72l.dat"
  local locs="${ICU_LOCALES// /|}"
  mkdir -p "$WORK/icu/cut" "$WORK/icu/out" "$OUT/icu"
  icupkg -l "$full" >"$WORK/icu/all.txt"
  grep -Ev "^root\.res$|^(plurals|pluralRanges|numberingSystems|likelySubtags)\.res$|^($locs)\.res$|^brkitr/(root|$locs)\.res$|^brkitr/(line|line_cj|char)\.brk$|^curr/root\.res$" \
    "$WORK/icu/all.txt" >"$WORK/icu/remove.txt" || true
  rm -f "$WORK/icu/cut/icudt72l.dat" "$WORK/icu/out/icudt72l.dat"
  # icupkg checks item names against the input's file name too: the input keeps its name.
  quiet icupkg --ignore-deps -r "$WORK/icu/remove.txt" "$full" "$WORK/icu/cut/icudt72l.dat" \
    || die "icupkg failed"
  icu_bundles "$full" "$WORK/icu"
  quiet icupkg --ignore-deps -s "$WORK/icu/res" -a "$WORK/icu/bundles.txt" "$WORK/icu/cut/icudt72l.dat" \
    "$WORK/icu/out/icudt72l.dat" || die "icupkg -a failed"
  cp "$WORK/icu/out/icudt72l.dat" "$OUT/icu/icudt72l.dat"
  local check="$BUILD/icu-check/icu_data_check.js"
  if [ ! -f "$check" ] || [ "$ROOT/web/tests/icu_data_check.cpp" -nt "$check" ] \
     || [ "$(cat "$BUILD/icu-check/prefix" 2>/dev/null)" != "$P" ]; then
    mkdir -p "$BUILD/icu-check"
    rm -f "$BUILD/icu-check/prefix"
    quiet em++ -O1 -std=c++20 -I"$P/include" -I"$BUILD/host-headers" "$ROOT/web/tests/icu_data_check.cpp" \
      "$P/lib/libicui18n.a" "$P/lib/libicuuc.a" "$P/lib/libicudata.a" -sENVIRONMENT=node -sNODERAWFS=1 \
      -sALLOW_MEMORY_GROWTH=1 -sWASM_ASYNC_COMPILATION=0 -o "$check" || die "compiling icu_data_check failed"
    echo "$P" >"$BUILD/icu-check/prefix"  # built against this prefix's ICU
  fi
  node "$check" "$full" "$ROOT/locales" "$WORK/icu/full.transcript" >/dev/null \
    || die "icu_data_check fails on Debian's full ICU data already (above)"
  node "$check" "$WORK/icu/out/icudt72l.dat" "$ROOT/locales" "$WORK/icu/cut.transcript" >&2 \
    || die "the ICU data subset lacks what the app uses (above)"
  diff "$WORK/icu/full.transcript" "$WORK/icu/cut.transcript" >&2 \
    || die "the ICU data subset formats, breaks or resolves differently from the full data (< full, > cut)"
}

# [SECTION] fonts
# The text engine looks for the file names of its font table (app/text/fonts.json) under
# /qiao/fonts. web/fonts.py reads the same table and
# cuts them with hb-subset per locale: fonts/ for the first visit (what the language picker
# shows), fonts-TAG/ fetched when a learner picks TAG (its catalog and pack text), and for
# zh-Hans a second stage that also keeps the 3,500 common Hanzi (level 1 of the 通用规范汉字表,
# from the kTGH field of Unihan in Debian's unicode-data) so search input renders.

fonts() {
  mkdir -p "$WORK/fonts"
  bzcat /usr/share/unicode/Unihan_*.bz2 | awk -F'\t' '$2 == "kTGH" {
      n = split($3, a, " "); for (i = 1; i <= n; i++) { split(a[i], b, ":"); if (b[2] + 0 <= 3500) print $1 } }' \
    | sort -u | sed 's/U+//' >"$WORK/fonts/hanzi3500.hex"
  [ "$(wc -l <"$WORK/fonts/hanzi3500.hex")" = 3500 ] || die "expected 3500 common Hanzi from Unihan kTGH"
  "$PY" "$ROOT/web/fonts.py" "$ROOT" "$WORK" "$OUT" "$WORK/fonts/hanzi3500.hex" || die "cutting the fonts failed"
}

# [SECTION] content and shell

content() {
  mkdir -p "$OUT/content" "$OUT/locales"
  # The packs as one bundle per language (web/bundles.py): `qiao-pack bundle` (the native tool,
  # built by ./qiao before this) makes the search and sort keys with the kiosk's ICU, so the
  # browser's ICU needs no collation or transliteration.
  local pack="$ROOT/build/native/tools/qiao-pack"
  [ -x "$pack" ] || die "no $pack (./qiao build makes it)"
  quiet "$pack" bundle --locales "$ROOT/locales" --out "$WORK/all.qbundle" "$ROOT/lessons" || die "qiao-pack bundle failed"
  "$PY" "$ROOT/web/bundles.py" "$WORK/all.qbundle" "$ROOT/locales/locales.json" "$OUT/content" || die "cutting the bundle failed"
  cp "$ROOT"/locales/*.json "$OUT/locales/"
  cp "$BUILD/app/platform/qiao-web.js" "$BUILD/app/platform/qiao-web.wasm" "$OUT/"
  cp "$ROOT/web/index.html" "$ROOT/web/a11y_bridge.js" "$ROOT/web/manifest.webmanifest" "$ROOT/web/icon.svg" "$OUT/"
  # Content-hashed names, files.json, sw.js and the page's Content-Security-Policy.
  (cd "$OUT" && "$PY" - <<'EOF'
import base64, hashlib, json, os, re
# Every file but these four gets a content hash in its name (basics.pack.json ->
# basics.pack.1a2b3c4d5e.json): a name then always means the same bytes, so servers may cache
# it for good (README "Putting the site on a web server") and a new version's service worker
# copies unchanged files from the old cache instead of downloading them (sw.js).
FIXED = ["index.html", "files.json", "manifest.webmanifest", "sw.js"]
def hashed_name(p):
    h = hashlib.sha256(open(p, "rb").read()).hexdigest()[:10]
    d, n = os.path.split(p)
    stem, ext = os.path.splitext(n)
    return os.path.join(d, f"{stem}.{h}{ext}")
renamed = {}
for d, _, names in os.walk("."):
    for n in names:
        p = os.path.normpath(os.path.join(d, n))
        if p not in FIXED:
            renamed[p] = hashed_name(p)
for p, q in renamed.items():
    os.rename(p, q)
def entry(p, name=None):
    return {"path": renamed[p], "name": name or p, "size": os.path.getsize(renamed[p])}

# The shell: the page names its script and icon by their hashed names.
page = open("index.html").read()
page = page.replace('src="a11y_bridge.js"', f'src="{renamed["a11y_bridge.js"]}"')
page = page.replace('href="icon.svg"', f'href="{renamed["icon.svg"]}"')
for f in ("qiao-web.wasm", "qiao-web.js"):  # its <link rel="preload">s
    page = page.replace(f'href="{f}"', f'href="{renamed[f]}"')
manifest = open("manifest.webmanifest").read().replace('"icon.svg"', f'"{renamed["icon.svg"]}"')
open("manifest.webmanifest", "w").write(manifest)
# The page's language picker, drawn while the app's code downloads (index.html), from the one
# list of languages the app's picker shows too (locales/locales.json, its order; each name in its
# own language and direction) and the picker's title in Mandarin and English, as the app has it.
import html
locales_dir = os.environ["QIAO_LOCALES_DIR"]
title = lambda tag: json.load(open(os.path.join(locales_dir, tag + ".json")))["strings"]["picker.title"]
rtl_scripts = {"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm"}
buttons = "\n".join(
    f'<li><button type="button" data-locale="{html.escape(l["tag"])}" lang="{html.escape(l["tag"])}"'
    + (' dir="rtl"' if l.get("script") in rtl_scripts else "") + f'>{html.escape(l["endonym"])}</button></li>'
    for l in json.load(open(os.path.join(locales_dir, "locales.json")))["locales"])
page = page.replace("<!--@PICKER@-->", f'<h1 lang="zh-Hans">{html.escape(title("zh-Hans"))}</h1>\n'
                    f'<h2 lang="en" id="picker-heading">{html.escape(title("en"))}</h2>\n'
                    f'<ul aria-labelledby="picker-heading">\n{buttons}\n</ul>')
# No inline script or style runs unless its hash is in the policy (the page has one of each).
def csp_hash(tag):
    m = re.findall(f"<{tag}>(.*?)</{tag}>", page, re.S)
    assert len(m) == 1, f"index.html: expected one inline <{tag}>, found {len(m)}"
    return "sha256-" + base64.b64encode(hashlib.sha256(m[0].encode()).digest()).decode()
page = page.replace("@SCRIPT_HASH@", csp_hash("script")).replace("@STYLE_HASH@", csp_hash("style"))
open("index.html", "w").write(page)

# files.json: what the shell downloads into the virtual filesystem (path: the hashed file,
# name: where it goes under /qiao), with sizes for the progress bar.
files = [entry(p) for p in sorted(renamed) if p.split(os.sep)[0] in ("locales", "fonts", "icu")]
# Each language's content (content/TAG/bundle.qbundle), fetched with its first font stage and
# written to /qiao/content/bundle.qbundle (web.cpp).
bundles = {p.split(os.sep)[1]: entry(p, "content/bundle.qbundle") for p in sorted(renamed) if p.startswith("content" + os.sep)}
# Fetched when a learner picks the locale, stage by stage, and search's fonts when they first
# type (web/fonts.py); each font replaces the one of the same name in fonts/.
stages = json.load(open(os.environ["QIAO_FONT_STAGES"]))
font = lambda p: entry(p, "fonts/" + os.path.basename(p))
per_locale = {tag: [[font(p) for p in stage] for stage in s] for tag, s in stages["perLocale"].items()}
search = {tag: [font(p) for p in s] for tag, s in stages["search"].items()}
shell = ["index.html", "files.json", "manifest.webmanifest", renamed["a11y_bridge.js"], renamed["icon.svg"]]
# The version (a hash of every file) names the service worker's cache.
h = hashlib.sha256()
for p in sorted(set(renamed.values()) | {"index.html", "manifest.webmanifest"}):
    h.update(p.encode()); h.update(open(p, "rb").read())
version = h.hexdigest()[:16]
json.dump({"version": version, "wasm": entry("qiao-web.wasm"), "js": entry("qiao-web.js"), "shell": shell,
           "files": files, "perLocale": per_locale, "search": search, "bundles": bundles}, open("files.json", "w"), indent=1)
optional = [f["path"] for s in per_locale.values() for stage in s for f in stage] + \
           [f["path"] for s in search.values() for f in s] + [b["path"] for b in bundles.values()]
sw = open(os.environ["QIAO_SW_SOURCE"]).read().replace("@VERSION@", version)
sw = sw.replace("@FIXED@", json.dumps(["./", "index.html", "files.json", "manifest.webmanifest"]))
sw = sw.replace("@HASHED@", json.dumps(shell[3:] + [renamed["qiao-web.js"], renamed["qiao-web.wasm"]] + [f["path"] for f in files]))
sw = sw.replace("@OPTIONAL@", json.dumps(optional))
open("sw.js", "w").write(sw)
print(version)
EOF
  ) >"$WORK/version.txt"
}

# [SECTION] sizes

bare_example() {
  # Dear ImGui's own Emscripten example (SDL2 + OpenGL3), from Debian's source package, built
  # with the same toolchain, SDL2 and flags, as shipped (its demo window included; its
  # Makefile's default: no filesystem, so ImGui's built-in font): the floor any ImGui + SDL2
  # app pays. web/bench.mjs times its first frame.
  local ex="$P/src/imgui/examples/example_emscripten_opengl3" im="$P/src/imgui" o="$BUILD/bare"
  local recipe="2 $P"  # bump when the flags below change
  [ -f "$o/bare.wasm" ] && [ "$o/bare.wasm" -nt "$ex/main.cpp" ] && [ "$o/bare.wasm" -nt "$P/lib/libSDL2.a" ] &&
    [ "$(cat "$o/recipe" 2>/dev/null)" = "$recipe" ] && return 0
  mkdir -p "$o"
  quiet em++ -Os -std=c++17 -DIMGUI_IMPL_OPENGL_ES3 -DIMGUI_DISABLE_FILE_FUNCTIONS -sNO_FILESYSTEM=1 -I"$im" -I"$im/backends" \
    -I"$P/include/SDL2" "$ex/main.cpp" "$im/imgui.cpp" "$im/imgui_draw.cpp" "$im/imgui_tables.cpp" \
    "$im/imgui_widgets.cpp" "$im/imgui_demo.cpp" "$im/backends/imgui_impl_sdl.cpp" \
    "$im/backends/imgui_impl_opengl3.cpp" "$P/lib/libSDL2.a" \
    -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2 -sALLOW_MEMORY_GROWTH=1 \
    -sDISABLE_EXCEPTION_CATCHING=1 -sENVIRONMENT=web -o "$o/bare.js" \
    || { say "the bare ImGui example did not build (its size is left out of the table)"; return 0; }
  echo "$recipe" >"$o/recipe"
}

main() {
  mkdir -p "$WORK"
  rm -rf "$OUT"
  mkdir -p "$OUT"
  compile
  icu_data
  fonts
  QIAO_SW_SOURCE="$ROOT/web/sw.js" QIAO_FONT_STAGES="$WORK/fonts/stages.json" QIAO_LOCALES_DIR="$ROOT/locales" content
  bare_example
  node "$ROOT/web/sizes.mjs" "$OUT" "$BUILD/bare"
  say "site: $OUT (version $(cat "$WORK/version.txt"))"
}

main
