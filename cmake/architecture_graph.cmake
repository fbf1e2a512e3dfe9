# Writes the dependency graph of our libraries and programs, as CMake sees them (each target's
# LINK_LIBRARIES), as a mermaid block: ${CMAKE_BINARY_DIR}/architecture-graph.md.
# docs/ARCHITECTURE.md carries a copy between "<!-- graph:begin -->" and "<!-- graph:end -->";
# the test architecture.graph_matches_cmake fails when the two differ, and
# `cmake --build build/native --target architecture-graph` copies the fresh one into the doc.
# Included at the end of the top-level CMakeLists.txt, when every target exists.

# Our targets, bottom to top, and the external libraries worth a node (by a pattern of how they
# are named on the link line).
set(_graph_targets qiao_support qiao_content qiao_i18n qiao_store qiao_text qiao_a11y qiao_ui
    qiao_render_text qiao_audio qiao_imgui_backends qiao-kiosk qiao_pack_tool qiao-pack)
set(_graph_externals
  "nlohmann=nlohmann/json" "ICU=ICU" "HARFBUZZ=HarfBuzz" "FREETYPE=FreeType" "ZLIB=zlib"
  "espeak=espeak-ng" "EBUR128=libebur128" "SNDFILE=libsndfile" "SDL2=SDL2" "OpenGL=OpenGL"
  "qiao_imgui$=Dear ImGui" "STB=stb")

set(_graph_edges "")
foreach(target ${_graph_targets})
  if(NOT TARGET ${target})
    continue()
  endif()
  get_target_property(_libs ${target} LINK_LIBRARIES)
  if(NOT _libs)
    set(_libs "")
  endif()
  foreach(lib ${_libs})
    set(to "")
    if(lib IN_LIST _graph_targets)
      set(to "${lib}")
    else()
      foreach(pair ${_graph_externals})
        string(REGEX REPLACE "=.*" "" pattern "${pair}")
        string(REGEX REPLACE "^[^=]*=" "" name "${pair}")
        if(lib MATCHES "${pattern}")
          set(to "\"${name}\"")
          break()
        endif()
      endforeach()
    endif()
    if(to)
      list(APPEND _graph_edges "  ${target} --> ${to}")
    endif()
  endforeach()
endforeach()
list(REMOVE_DUPLICATES _graph_edges)
string(REPLACE ";" "\n" _graph_edges "${_graph_edges}")
set(QIAO_ARCHITECTURE_GRAPH ${CMAKE_BINARY_DIR}/architecture-graph.md)
file(WRITE ${QIAO_ARCHITECTURE_GRAPH}.tmp
  "```mermaid\nflowchart BT\n${_graph_edges}\n```\n")
# Rewrite only on change: the test and the update target depend on its time stamp staying put.
file(COPY_FILE ${QIAO_ARCHITECTURE_GRAPH}.tmp ${QIAO_ARCHITECTURE_GRAPH} ONLY_IF_DIFFERENT)
file(REMOVE ${QIAO_ARCHITECTURE_GRAPH}.tmp)

add_custom_target(architecture-graph
  COMMAND ${CMAKE_COMMAND} -DGRAPH=${QIAO_ARCHITECTURE_GRAPH} -DDOC=${PROJECT_SOURCE_DIR}/docs/ARCHITECTURE.md
          -DUPDATE=ON -P ${PROJECT_SOURCE_DIR}/cmake/architecture_graph_check.cmake
  COMMENT "Copying the dependency graph into docs/ARCHITECTURE.md"
  VERBATIM)
