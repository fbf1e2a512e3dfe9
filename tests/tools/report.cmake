# `qiao-pack report` (tools/pack/report.cpp) from the sample exports in report/:
#  - report_test: the numbers in the page's tables, file:line messages for bad lines, no script,
#    nothing loaded from elsewhere, a table behind every chart;
#  - tools.report_axe: the page in headless Chromium (Debian's) through playwright-core, axe-core
#    with the WCAG 2.2 A/AA rules: 0 violations, 0 needing review, no request but the page, no
#    Content-Security-Policy violation. Needs what ./qiao installs for the browser tests
#    (~/.cache/qiao/node: playwright-core, axe-core) and /usr/bin/chromium; registered only where
#    they are (always under ./qiao test, which installs them first).
add_executable(report_test report_test.cpp)
target_link_libraries(report_test PRIVATE GTest::gtest_main)
target_compile_definitions(report_test PRIVATE QIAO_PACK_BINARY="$<TARGET_FILE:qiao-pack>"
  QIAO_REPORT_SAMPLES="${CMAKE_CURRENT_SOURCE_DIR}/report")
add_dependencies(report_test qiao-pack)
gtest_discover_tests(report_test TEST_PREFIX "tools." DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 120)

if(DEFINED ENV{XDG_CACHE_HOME} AND NOT "$ENV{XDG_CACHE_HOME}" STREQUAL "")
  set(_report_node_modules "$ENV{XDG_CACHE_HOME}/qiao/node/node_modules")
else()
  set(_report_node_modules "$ENV{HOME}/.cache/qiao/node/node_modules")
endif()
find_program(QIAO_CHROMIUM chromium)
if(QIAO_WEB_TESTS OR (QIAO_CHROMIUM AND EXISTS "${_report_node_modules}/axe-core" AND
                      EXISTS "${_report_node_modules}/playwright-core"))
  add_test(NAME tools.report_axe
           COMMAND ${NODE_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/report_axe.mjs $<TARGET_FILE:qiao-pack>
                   ${CMAKE_CURRENT_SOURCE_DIR}/report ${CMAKE_CURRENT_BINARY_DIR}/report-axe.html)
  set_tests_properties(tools.report_axe PROPERTIES ENVIRONMENT "NODE_PATH=${_report_node_modules}" TIMEOUT 300)
endif()
