#!/usr/bin/env bash
# Builds the browser build's C/C++ dependencies from Debian's source packages with Debian's
# emscripten (no emscripten ports: they download from GitHub). Called by `./qiao web build`.
#
#   cmake/wasm-deps.sh           prints the prefix (creating it if needed) on stdout
#
# Two levels, so that changing how ICU is configured rebuilds ICU only:
#   ${XDG_CACHE_HOME:-~/.cache}/qiao/wasm-<key>/          the base, outside the checkout; <key>
#       hashes the source package versions, the emcc version and RECIPE, so a Debian update or a
#       recipe change (bump RECIPE) builds a fresh base and an unchanged one costs nothing.
#       lib/ include/      SDL2, FreeType, zlib (static, wasm32)
#       src/imgui/         Dear ImGui sources (compiled by the project: core + SDL2/OpenGL3 backends)
#       src/harfbuzz/      HarfBuzz sources (the project compiles src/harfbuzz.cc)
#       src/icu/           ICU sources (icudt72l.dat, the full data the web build subsets)
#       src/imgui/examples/example_emscripten_opengl3   the bare example measured by the size table
#       build/icu-cross/   what every ICU cross build reads from --with-cross-build: two make
#                          fragments and links to Debian's icupkg and pkgdata (icu_cross_dir)
#   <base>/icu-<icukey>/   the prefix printed, what the project builds against: ICU built with
#       ICU_CONFIG (<icukey> hashes ICU_CONFIG and ICU_RECIPE) in its own lib/ include/, next to
#       links to the base's SDL2, FreeType and zlib files and src/. A new ICU_CONFIG thus costs
#       one ICU cross build (938 s, 5 min of CPU, on the 2 shared cores at load average ~9;
#       366 s at load 5-7: web/README.md "Size") and leaves the other libraries, and any other checkout's ICU
#       variant, as they are.
# Each library is built only if its output is missing (ICU: if its variant is not complete). (Bases made before this layout also hold a
# full ICU in lib/ and include/unicode: it is not linked into a variant.)
# Recipes and pitfalls: /work/shared/BUILD-NOTES.md (SDL2 via CMake, ICU cross build, config.sub
# wants wasm32-unknown-linux-gnu); since RECIPE 2 the ICU cross build needs no native ICU build.
# What a rebuild costs, cold (COLD-TIMES below, measured by this script's own step timer):
#   RECIPE bump (a new base): sources, FreeType, zlib, SDL2, then ICU for the browser;
#   ICU_CONFIG or ICU_RECIPE change: ICU for the browser only.
# Cold, measured 2026-12-07 on 2 shared cores (load average 5-7): sources ~10 s, FreeType 24 s,
# zlib 6 s, SDL2 331 s (~250 s of it CMake's configure checks, each an emcc link; compiling its
# 143 files ~80 s), ICU for the browser 366 s (its data step included); 12 min in all. Before
# RECIPE 2 the same base also built ICU natively for its tools (359 s that day) and SDL2 with
# every subsystem (307 s). What the recipes save in the .wasm: web/README.md "Size", fifth round.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/qiao"
SOURCES=(imgui libsdl2 icu harfbuzz freetype zlib)
# The binary package whose source version we build (already installed by the native set-up).
declare -A BINARY=([imgui]=libimgui-dev [libsdl2]=libsdl2-dev [icu]=libicu-dev
                   [harfbuzz]=libharfbuzz-dev [freetype]=libfreetype-dev [zlib]=zlib1g-dev)
RECIPE=2  # bump when a recipe below (not ICU_CONFIG) changes in a way that needs a rebuild (2: SDL2_OFF, ICU without a host build)
# ICU's compile-time switches (unicode/uconfig.h) for the browser: code the browser never runs.
# The browser gets search and sort keys precomputed in the bundle, so it needs neither collation
# nor transliteration (app/i18n/search.h turns key making off when uconfig.h says so). It runs
# bidi, line and character breaking, likely subtags, MessageFormat (plural/select) and number
# formatting, and folds a search query with Normalizer2 and u_foldCase: none of that uses the rest
# either (the ICU service registry, regular expressions, IDNA, the legacy code page converters,
# sentence-break exceptions). What each switch saves: web/README.md "Size".
ICU_CONFIG=(UCONFIG_NO_COLLATION UCONFIG_NO_TRANSLITERATION UCONFIG_NO_SERVICE
            UCONFIG_NO_REGULAR_EXPRESSIONS UCONFIG_NO_IDNA UCONFIG_NO_LEGACY_CONVERSION
            UCONFIG_NO_FILTERED_BREAK_ITERATION)
ICU_RECIPE=1  # bump when build_icu's recipe changes in a way that needs a rebuild
JOBS="$(nproc)"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"  # emcc needs Debian's acorn at -O1 and above

say() { printf 'qiao web: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

source_version() { dpkg-query -W -f='${source:Version}' "${BINARY[$1]}" 2>/dev/null; }

key() {
  {
    for s in "${SOURCES[@]}"; do echo "$s=$(source_version "$s")"; done
    emcc --version 2>/dev/null | head -1
    echo "recipe $RECIPE"
  } | sha256sum | cut -c1-12
}

icu_key() { echo "${ICU_CONFIG[*]} recipe $ICU_RECIPE" | sha256sum | cut -c1-12; }

# Quiet step runner: output goes to a log that is shown only on failure.
run() {
  local what="$1"; shift
  local log="$LOGS/$what.log" t0=$SECONDS
  if ! "$@" >"$log" 2>&1; then
    tail -40 "$log" >&2
    die "$what failed (full log: $log)"
  fi
  say "$what: $((SECONDS - t0)) s"
}

fetch_sources() {
  local s v
  mkdir -p "$SRC/dl"
  for s in "${SOURCES[@]}"; do
    v="$(source_version "$s")"
    [ -n "$v" ] || die "${BINARY[$s]} is not installed (run ./qiao build first)"
    if ! ls "$SRC/dl/${s}_${v#*:}.dsc" >/dev/null 2>&1; then
      (cd "$SRC/dl" && apt-get source --download-only -qq "$s=$v") >/dev/null 2>&1 \
        || die "apt-get source $s=$v failed (is there a deb-src entry? ./qiao web build adds one)"
    fi
    if [ ! -d "$SRC/$s" ]; then
      rm -rf "$SRC/$s.tmp"
      dpkg-source --no-check -x "$SRC/dl/${s}_${v#*:}.dsc" "$SRC/$s.tmp" >/dev/null \
        || die "dpkg-source -x ${s}_${v}.dsc failed"
      mv "$SRC/$s.tmp" "$SRC/$s"
    fi
  done
}

# SDL2's subsystems the browser never uses (SDL's own CMake switches). The page opens one window
# with a WebGL 2 context and reads events and timers; Dear ImGui draws with OpenGL ES 3. Off:
#   SDL_RENDER      SDL's 2D renderer (software and GLES2) and, through it, most of its blitters:
#                   nothing calls SDL_CreateRenderer or SDL_GetWindowSurface
#   SDL_AUDIO       speech in the browser is the Web Speech API (app/platform/web.cpp, web/
#                   index.html); qiao_audio (SDL audio) is native only
#   SDL_HAPTIC SDL_HIDAPI SDL_SENSOR  no force feedback, USB HID or sensors. The joystick
#                   subsystem stays: Dear ImGui's own example (the bare example web/bench.mjs
#                   times against) asks SDL_Init for SDL_INIT_GAMECONTROLLER and stops if SDL
#                   was built without it
#   SDL_POWER SDL_FILESYSTEM SDL_LOCALE SDL_MISC  SDL_GetPowerInfo, SDL_GetPrefPath,
#                   SDL_GetPreferredLocales, SDL_OpenURL: not called (the page's files are
#                   Emscripten's file system, its locale comes from the URL or the picker)
#   SDL_DUMMYVIDEO SDL_OFFSCREEN  video drivers besides Emscripten's
SDL2_OFF=(SDL_RENDER SDL_AUDIO SDL_HAPTIC SDL_HIDAPI SDL_SENSOR SDL_POWER SDL_FILESYSTEM
          SDL_LOCALE SDL_MISC SDL_DUMMYVIDEO SDL_OFFSCREEN)

build_sdl2() {
  # Rebuilt alone when SDL2_OFF changes (its options are kept beside the library), not the base.
  local off="" o
  for o in "${SDL2_OFF[@]}"; do off+=" -D$o=OFF"; done
  [ -f "$P/lib/libSDL2.a" ] && [ "$(cat "$P/sdl2.options" 2>/dev/null)" = "$off" ] && return 0
  rm -rf "$B/sdl2"
  run "SDL2"  bash -c "emcmake cmake -S '$SRC/libsdl2' -B '$B/sdl2' -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF -DSDL_THREADS=OFF $off -DCMAKE_INSTALL_PREFIX='$P' \
    && cmake --build '$B/sdl2' -j$JOBS && cmake --install '$B/sdl2'"
  echo "$off" >"$P/sdl2.options"
}

# FreeType's compile-time options (include/freetype/config/ftoption.h) turned off for the browser,
# in the ftoption.h FreeType's CMake writes into its build tree (the one installed, so the app
# compiles against the same options). The page only rasterizes glyphs of our cut fonts (static
# TrueType, CID-keyed CFF: web/fonts.py, --no-hinting) by glyph id with FT_LOAD_TARGET_LIGHT
# (app/text/atlas.cpp): light hinting of TrueType is the auto-hinter, of CFF the CFF driver's own
# (Adobe) hinter, so the TrueType bytecode interpreter never runs. Glyph names, variations,
# embedded bitmaps/colour/SVG glyphs, Mac resource forks, incremental loading, SFNT name access,
# FREETYPE_PROPERTIES from the environment and the legacy cmap formats are not used either
# (HarfBuzz maps characters to glyphs). Every glyph of the cut fonts renders to the same bitmap
# with and without these (checked natively on 2026-12-07, web/README.md "Size").
FREETYPE_OFF=(FT_CONFIG_OPTION_ENVIRONMENT_PROPERTIES FT_CONFIG_OPTION_POSTSCRIPT_NAMES
              FT_CONFIG_OPTION_ADOBE_GLYPH_LIST FT_CONFIG_OPTION_MAC_FONTS
              FT_CONFIG_OPTION_GUESSING_EMBEDDED_RFORK FT_CONFIG_OPTION_INCREMENTAL FT_CONFIG_OPTION_SVG
              TT_CONFIG_OPTION_EMBEDDED_BITMAPS TT_CONFIG_OPTION_COLOR_LAYERS
              TT_CONFIG_OPTION_POSTSCRIPT_NAMES TT_CONFIG_OPTION_SFNT_NAMES TT_CONFIG_CMAP_FORMAT_0
              TT_CONFIG_CMAP_FORMAT_2 TT_CONFIG_CMAP_FORMAT_6 TT_CONFIG_CMAP_FORMAT_8
              TT_CONFIG_CMAP_FORMAT_10 TT_CONFIG_CMAP_FORMAT_13 TT_CONFIG_OPTION_BYTECODE_INTERPRETER
              TT_CONFIG_OPTION_GX_VAR_SUPPORT TT_CONFIG_OPTION_BDF)

build_freetype() {
  [ -f "$P/lib/libfreetype.a" ] && return 0
  local off="" o
  for o in "${FREETYPE_OFF[@]}"; do off+=" -e 's|^#define $o\\( .*\\)\\?\$|/* #undef $o: off in the browser build (cmake/wasm-deps.sh) */|'"; done
  run "FreeType" bash -c "emcmake cmake -S '$SRC/freetype' -B '$B/freetype' -G Ninja \
      -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF -DFT_DISABLE_ZLIB=ON -DFT_DISABLE_BZIP2=ON \
      -DFT_DISABLE_PNG=ON -DFT_DISABLE_HARFBUZZ=ON -DFT_DISABLE_BROTLI=ON -DCMAKE_INSTALL_PREFIX='$P' \
    && sed -i $off '$B/freetype/include/freetype/config/ftoption.h' \
    && [ \$(grep -c 'off in the browser build' '$B/freetype/include/freetype/config/ftoption.h') = ${#FREETYPE_OFF[@]} ] \
    && cmake --build '$B/freetype' -j$JOBS && cmake --install '$B/freetype'"
}

build_zlib() {  # app/store's CRC-32. Debian's source lacks win32/, which zlib's CMake needs:
  # compile the library's C files directly. Z_PREFIX (zlib's own option) names every symbol z_*,
  # since FreeType carries its own copy of zlib's crc32_z & co. (cmake/wasm.cmake sets it too).
  [ -f "$P/lib/libz.a" ] && return 0
  local z="$SRC/zlib"
  [ -f "$z/zconf.h.included" ] && [ ! -f "$z/zconf.h" ] && mv "$z/zconf.h.included" "$z/zconf.h"
  run "zlib" bash -c "mkdir -p '$B/zlib' '$P/lib' '$P/include' && cd '$B/zlib' \
    && for f in adler32 compress crc32 deflate gzclose gzlib gzread gzwrite infback inffast \
                inflate inftrees trees uncompr zutil; do emcc -Os -DHAVE_UNISTD_H -DZ_PREFIX -c '$z/'\$f.c -o \$f.o || exit 1; done \
    && emar rcs '$P/lib/libz.a' *.o && cp '$z/zlib.h' '$z/zconf.h' '$P/include/'"
}

# ICU's cross build reads from its --with-cross-build directory only two make fragments
# (config/icucross.mk: where the tools are and how to run them; config/icucross.inc: CURR_FULL_DIR)
# and, in its data step, runs two tools from bin/: icupkg (lists and unpacks the source's
# icudt72l.dat) and pkgdata (packs it again as the archive). Debian's icu-devtools is the same
# ICU 72.1 (a source version check below), so this directory is made from it in no time instead of
# a native ICU build (6.6 min cold under load). The fragments are what ICU 72.1's configure
# writes on Linux (Makefile.in, config/mh-linux). The site's ICU data does not come from this
# step at all: web/build.sh cuts src/icu's icudt72l.dat with the same Debian icupkg.
icu_cross_dir() {
  local d="$B/icu-cross"
  [ -f "$d/config/icucross.mk" ] && return 0
  [ "$(dpkg-query -W -f='${source:Version}' icu-devtools 2>/dev/null)" = "$(source_version icu)" ] \
    || die "icu-devtools must be the version of libicu-dev (apt-get install icu-devtools)"
  rm -rf "$d" && mkdir -p "$d/config" "$d/bin"
  ln -s "$(command -v icupkg || echo /usr/sbin/icupkg)" "$d/bin/icupkg"
  ln -s "$(command -v pkgdata || echo /usr/bin/pkgdata)" "$d/bin/pkgdata"
  printf '%s\n' "CURR_FULL_DIR?=\$(shell pwd | sed 's/ /\\\\ /g')" "" >"$d/config/icucross.inc"
  {
    echo "CROSS_ICU_VERSION=$(source_version icu | sed 's/-.*//')"
    echo "TOOLEXEEXT="
    echo 'TOOLBINDIR=$(cross_buildroot)/bin'
    echo 'TOOLLIBDIR=$(cross_buildroot)/lib'
    echo 'INVOKE=LD_LIBRARY_PATH=$(TOOLLIBDIR):$(cross_buildroot)/stubdata:$(cross_buildroot)/tools/ctestfw:$$LD_LIBRARY_PATH'
    echo 'PKGDATA_INVOKE=LD_LIBRARY_PATH=$(cross_buildroot)/stubdata:$(cross_buildroot)/tools/ctestfw:$(TOOLLIBDIR):$$LD_LIBRARY_PATH '
    echo
  } >"$d/config/icucross.mk.new"
  mv "$d/config/icucross.mk.new" "$d/config/icucross.mk"
}

build_icu() {  # into the variant $I, with the base's cross directory (icu_cross_dir)
  [ -f "$I/.complete" ] && return 0  # written once ICU is installed and its uconfig.h amended
  local src="$SRC/icu/source" cppflags="" d
  icu_cross_dir
  for d in "${ICU_CONFIG[@]}"; do cppflags+=" -D$d=1"; done
  rm -rf "$I/build" && mkdir -p "$I/build"
  run "ICU wasm" bash -c "cd '$I/build' && emconfigure '$src/configure' \
      --host=wasm32-unknown-linux-gnu --with-cross-build='$B/icu-cross' --enable-static \
      --disable-shared --disable-tools --disable-tests --disable-samples --disable-extras \
      --disable-layoutex --disable-icuio --with-data-packaging=archive --prefix='$I' \
      CPPFLAGS='$cppflags' CFLAGS=-Os CXXFLAGS=-Os && emmake make -j$JOBS && emmake make install"
  # Code compiled against this ICU must see the same switches (ICU's configure says to prepend
  # them to uconfig.h): app/i18n/search.h reads UCONFIG_NO_COLLATION from it.
  {
    echo "/* Qiao's browser build (cmake/wasm-deps.sh ICU_CONFIG): ICU was built without these. */"
    for d in "${ICU_CONFIG[@]}"; do echo "#define $d 1"; done
    echo
    cat "$I/include/unicode/uconfig.h"
  } >"$I/include/unicode/uconfig.h.new"
  mv "$I/include/unicode/uconfig.h.new" "$I/include/unicode/uconfig.h"
}

# The variant's links to what the base built: everything in the base's lib/ and include/ except
# ICU's own files, and the sources.
link_base() {
  local f
  mkdir -p "$I/lib" "$I/include"
  for f in "$P"/lib/* "$P"/include/*; do
    case "${f##*/}" in libicu*|icu|unicode|pkgconfig) continue ;; esac
    ln -sfn "$f" "$I/${f#"$P"/}"
  done
  ln -sfn "$SRC" "$I/src"
}

main() {
  command -v emcc >/dev/null || die "emcc not found (apt-get install emscripten)"
  local k
  k="$(key)"
  P="$CACHE/wasm-$k"
  SRC="$P/src"
  B="$P/build"
  LOGS="$P/logs"
  mkdir -p "$SRC" "$B" "$LOGS"
  [ -f "$P/.complete" ] || say "building the browser dependencies into $P (first time: several minutes)"
  fetch_sources
  build_freetype
  build_zlib
  build_sdl2
  touch "$P/.complete"
  I="$P/icu-$(icu_key)"
  LOGS="$I/logs"
  mkdir -p "$LOGS"
  build_icu
  link_base
  touch "$I/.complete"
  echo "$I"
}

main "$@"
