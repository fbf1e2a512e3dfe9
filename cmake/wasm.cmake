# The browser build's dependencies, as the same target names the native build gets from Debian's
# packages (ICU::uc, PkgConfig::HARFBUZZ, qiao_imgui, ...), so app/* CMakeLists are unchanged.
# QIAO_WASM_PREFIX is the cache cmake/wasm-deps.sh fills from Debian's source packages
# (./qiao web build passes it). Nothing here is downloaded by CMake.
if(NOT QIAO_WASM_PREFIX OR NOT EXISTS "${QIAO_WASM_PREFIX}/.complete")
  message(FATAL_ERROR "QIAO_WASM_PREFIX must point at a prefix built by cmake/wasm-deps.sh "
                      "(use ./qiao web build)")
endif()
set(_p "${QIAO_WASM_PREFIX}")
set(QIAO_IMGUI_SOURCE_DIR "${_p}/src/imgui" CACHE PATH "Dear ImGui sources (Debian source package imgui)")
set(QIAO_HARFBUZZ_SOURCE_DIR "${_p}/src/harfbuzz" CACHE PATH "HarfBuzz sources (Debian source package harfbuzz)")

# Host headers we use without a library (nlohmann/json is header-only). Emscripten's sysroot
# does not see /usr/include, and adding all of it would mix glibc headers in: link just the
# one folder into the build tree.
set(_hdr "${CMAKE_BINARY_DIR}/host-headers")
if(NOT EXISTS "${_hdr}/nlohmann")
  file(MAKE_DIRECTORY "${_hdr}")
  file(CREATE_LINK /usr/include/nlohmann "${_hdr}/nlohmann" SYMBOLIC)
endif()
add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED GLOBAL)
target_include_directories(nlohmann_json::nlohmann_json INTERFACE "${_hdr}")

# ICU 72, static, data packaged as an archive: the web shell loads a subset .dat at run time
# (udata_setCommonData in app/platform/web.cpp), so libicudata is only a stub.
foreach(_c uc i18n data)
  add_library(ICU::${_c} STATIC IMPORTED GLOBAL)
  set_target_properties(ICU::${_c} PROPERTIES IMPORTED_LOCATION "${_p}/lib/libicu${_c}.a"
                        INTERFACE_INCLUDE_DIRECTORIES "${_p}/include")
endforeach()
set_property(TARGET ICU::i18n APPEND PROPERTY INTERFACE_LINK_LIBRARIES ICU::uc)
set_property(TARGET ICU::uc APPEND PROPERTY INTERFACE_LINK_LIBRARIES ICU::data)

# FreeType 2.12, static (no zlib/png/brotli: fonts are plain OpenType).
add_library(PkgConfig::FREETYPE STATIC IMPORTED GLOBAL)
set_target_properties(PkgConfig::FREETYPE PROPERTIES IMPORTED_LOCATION "${_p}/lib/libfreetype.a"
                      INTERFACE_INCLUDE_DIRECTORIES "${_p}/include/freetype2")

# HarfBuzz 6: its single-file amalgamation (its installed CMake config is broken), built lean with
# HarfBuzz's own switches (src/hb-config.hh: what HB_LEAN and HB_MINI imply, minus what we use).
# What the app asks of HarfBuzz (app/text): hb_blob_create_from_file_or_fail, hb_face_count,
# HarfBuzz's own OpenType font functions (hb_font_create: not FreeType's) for horizontal
# extents, nominal glyphs and glyph extents, hb_shape with LTR/RTL buffers and a language, the
# unsafe-to-break flag. Mongolian columns are shaped as left-to-right lines that the renderer
# turns (app/text/README.md "Direction"): no vertical shaping. The fonts are Noto's static
# TrueType and CFF faces with GSUB/GPOS. Kept on purpose: CFF (the CJK faces' glyph extents,
# which size and centre lines), file opening (the browser reads the fonts from Emscripten's
# file system with hb_blob_create_from_file_or_fail). What this saves: web/README.md "Size".
# Every text the packs and catalogs hold shapes to the same glyphs and positions with and
# without these switches (checked natively on 2026-12-07 with Debian's fonts: web/README.md).
set(QIAO_HARFBUZZ_CONFIG
  HB_DISABLE_DEPRECATED           # deprecated API: not called
  HB_NO_ATEXIT                    # frees static data at exit: the page never exits (EXIT_RUNTIME=0)
  HB_NO_BUFFER_MESSAGE            # debugging callbacks: not set
  HB_NO_BUFFER_SERIALIZE          # hb_buffer_serialize: not called
  HB_NO_BUFFER_VERIFY             # HB_SHAPE_VERIFY checks: debugging only
  HB_NO_BITMAP                    # CBDT/sbix bitmap glyphs: none in our fonts
  HB_NO_COLOR                     # COLR/CPAL/SVG: none in our fonts
  HB_NO_DRAW                      # outlines through HarfBuzz: FreeType rasterizes
  HB_NO_ERRNO                     # errno after failed calls: not read
  HB_NO_GETENV                    # HB_OPTIONS from the environment: none in a browser
  HB_NO_FACE_COLLECT_UNICODES     # hb_face_collect_unicodes: not called
  HB_NO_HINTING                   # GPOS device tables at a ppem: the app never sets a ppem
  HB_NO_LANGUAGE_LONG             # 3-letter and multi-subtag language tags (e.g. zh-Hant-HK): the app's are zh-Hans (same tag either way), en, ug, bo, ko, mn, mn-Mong, kk-Arab, za, ii
  HB_NO_LANGUAGE_PRIVATE_SUBTAG   # -x-hbot/-x-hbsc tags: none
  HB_NO_LAYOUT_FEATURE_PARAMS     # hb_ot_layout_feature_get_*params: not called
  HB_NO_LAYOUT_COLLECT_GLYPHS     # hb_ot_layout_lookup_collect_glyphs: not called
  HB_NO_LAYOUT_RARELY_USED        # hb_ot_layout_lookup_get_glyph_alternates & co.: not called
  HB_NO_LAYOUT_UNUSED             # hb_ot_layout_*_get_* queries: not called
  HB_NO_MATH                      # MATH table API: not called
  HB_NO_META                      # meta table API: not called
  HB_NO_METRICS                   # hb_ot_metrics_get_position: not called (horizontal extents do not use it)
  HB_NO_MMAP                      # no mmap in the browser: the blob is read into memory either way
  HB_NO_NAME                      # name table API: not called
  HB_NO_OT_FONT_GLYPH_NAMES       # glyph names: not asked for
  HB_NO_OT_SHAPE_FRACTIONS        # automatic fractions around U+2044: no text has one
  HB_NO_SETLOCALE                 # C-locale number parsing (feature strings): not called
  HB_NO_STYLE                     # hb_style_get_value: not called
  HB_NO_VERTICAL                  # vertical (TTB) shaping and metrics: never asked (see above)
  HB_NO_VAR                       # variable fonts: ours are static
  HB_NO_AAT                       # Apple morx/kerx/trak: none in Noto's fonts
  HB_NO_OT_KERN                   # the legacy kern table: Noto's fonts kern with GPOS
  HB_NO_FALLBACK_SHAPE            # the shaper used when the OpenType one cannot be: never with our fonts
  HB_NO_OT_LAYOUT_BLOCKLIST       # GDEF fixes for a list of old broken fonts: not ours
  # (HB_NO_LEGACY would also drop the fallback mark positioning: Noto Sans Yi has no GPOS marks,
  # and the notdef boxes of Tibetan marks it cannot draw then sit differently. Kept.)
  HB_NO_BORING_EXPANSION          # beyond-64K-glyph tables: none
  HB_NO_MT                        # locks: the browser build is single-threaded (no -pthread)
)
# HarfBuzz's Unicode character data (general category, scripts, mirroring, combining classes,
# NFC compose/decompose; ~44 KB of tables) comes from ICU instead, which the browser links anyway
# with the same Unicode 15.0 (NFC is built into ICU's code, app/i18n uses it): HB_NO_UCD +
# hb-icu.cc (HarfBuzz's own ICU binding, made the default by HAVE_ICU_BUILTIN). Same check as above.
# No HAVE_FREETYPE: the app uses HarfBuzz's OpenType font functions, not hb-ft.
add_library(qiao_harfbuzz STATIC "${QIAO_HARFBUZZ_SOURCE_DIR}/src/harfbuzz.cc"
            "${QIAO_HARFBUZZ_SOURCE_DIR}/src/hb-icu.cc")
target_compile_definitions(qiao_harfbuzz PRIVATE ${QIAO_HARFBUZZ_CONFIG} HB_NO_UCD HAVE_ICU HAVE_ICU_BUILTIN)
target_compile_options(qiao_harfbuzz PRIVATE -w -fno-exceptions -fno-rtti)
target_include_directories(qiao_harfbuzz PUBLIC "${QIAO_HARFBUZZ_SOURCE_DIR}/src")
target_link_libraries(qiao_harfbuzz PUBLIC PkgConfig::FREETYPE ICU::uc)
add_library(PkgConfig::HARFBUZZ ALIAS qiao_harfbuzz)

# zlib (app/store's CRC-32): FindZLIB takes these and the target as found. Built with Z_PREFIX
# (symbols z_*), as FreeType's static library carries its own copy of some zlib functions.
add_library(ZLIB::ZLIB STATIC IMPORTED GLOBAL)
set_target_properties(ZLIB::ZLIB PROPERTIES IMPORTED_LOCATION "${_p}/lib/libz.a"
                      INTERFACE_INCLUDE_DIRECTORIES "${_p}/include" INTERFACE_COMPILE_DEFINITIONS Z_PREFIX)
set(ZLIB_INCLUDE_DIR "${_p}/include" CACHE PATH "zlib headers (wasm)")
set(ZLIB_LIBRARY "${_p}/lib/libz.a" CACHE FILEPATH "zlib (wasm)")

# SDL2 2.26, static, built with CMake (not emscripten's port).
add_library(SDL2::SDL2 STATIC IMPORTED GLOBAL)
set_target_properties(SDL2::SDL2 PROPERTIES IMPORTED_LOCATION "${_p}/lib/libSDL2.a"
                      INTERFACE_INCLUDE_DIRECTORIES "${_p}/include/SDL2")

# Dear ImGui 1.86: core + SDL2/OpenGL3 backends compiled from the source package, OpenGL ES 3
# (WebGL 2; 1.86 would default to GLES 2 under Emscripten).
add_library(qiao_imgui STATIC
  "${QIAO_IMGUI_SOURCE_DIR}/imgui.cpp" "${QIAO_IMGUI_SOURCE_DIR}/imgui_draw.cpp"
  "${QIAO_IMGUI_SOURCE_DIR}/imgui_tables.cpp" "${QIAO_IMGUI_SOURCE_DIR}/imgui_widgets.cpp")
target_include_directories(qiao_imgui PUBLIC "${QIAO_IMGUI_SOURCE_DIR}")
target_compile_definitions(qiao_imgui PUBLIC IMGUI_DEFINE_MATH_OPERATORS IMGUI_DISABLE_DEMO_WINDOWS)
target_compile_options(qiao_imgui PRIVATE -w)
add_library(qiao_imgui_backends STATIC
  "${QIAO_IMGUI_SOURCE_DIR}/backends/imgui_impl_sdl.cpp"
  "${QIAO_IMGUI_SOURCE_DIR}/backends/imgui_impl_opengl3.cpp")
target_include_directories(qiao_imgui_backends PUBLIC "${QIAO_IMGUI_SOURCE_DIR}/backends")
target_compile_definitions(qiao_imgui_backends PUBLIC IMGUI_IMPL_OPENGL_ES3)
target_compile_options(qiao_imgui_backends PRIVATE -w)
target_link_libraries(qiao_imgui_backends PUBLIC qiao_imgui SDL2::SDL2)
unset(_p)
