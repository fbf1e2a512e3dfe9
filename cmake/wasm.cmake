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

# HarfBuzz 6: its single-file amalgamation, with FreeType (its installed CMake config is broken).
add_library(qiao_harfbuzz STATIC "${QIAO_HARFBUZZ_SOURCE_DIR}/src/harfbuzz.cc")
target_compile_definitions(qiao_harfbuzz PRIVATE HAVE_FREETYPE=1)
target_compile_options(qiao_harfbuzz PRIVATE -w -fno-exceptions -fno-rtti)
target_include_directories(qiao_harfbuzz PUBLIC "${QIAO_HARFBUZZ_SOURCE_DIR}/src")
target_link_libraries(qiao_harfbuzz PUBLIC PkgConfig::FREETYPE)
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
