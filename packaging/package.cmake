# The Debian package (QIAO_PACKAGE=ON; `./qiao package` configures the `package` preset, builds
# and runs cpack): install rules, the compiled-in data paths pointed at /usr/share/qiao, CPack's
# DEB generator. Included at the end of the top-level CMakeLists.txt, when every target exists.
#
# A developer's build finds its data in the source and build trees (definitions of one source
# file per path); a packaged kiosk finds it under QIAO_SHARE_DIR. Rather than a cache variable in
# every folder, this one file rewrites those few definitions of the package build, so the paths
# a package uses are all listed here.
set(QIAO_SHARE_DIR "/usr/share/qiao" CACHE PATH "where the package puts the kiosk's data")
set(QIAO_PACKAGE_KEYS_DIR "" CACHE PATH
    "folder holding the publishers' minisign public keys (*.pub) the package ships (two: a second to move to if the first is lost)")
file(GLOB _qiao_keys "${QIAO_PACKAGE_KEYS_DIR}/*.pub")
list(LENGTH _qiao_keys _qiao_key_count)
if(_qiao_key_count LESS 1)
  message(FATAL_ERROR "QIAO_PACKAGE_KEYS_DIR (\"${QIAO_PACKAGE_KEYS_DIR}\") holds no *.pub: give the folder with the "
                      "publishers' public keys (minisign -G; docs/updates.md), e.g. "
                      "./qiao package --keys DIR")
endif()
if(_qiao_key_count LESS 2)
  message(WARNING "QIAO_PACKAGE_KEYS_DIR holds one key: ship a second, kept offline, to move to if the first is lost")
endif()

# definition name -> the path the installed kiosk uses. Each is compiled into one source file
# (its owner, below, with that file's COMPILE_DEFINITIONS), so only those files differ from the
# developer's tree and every other object comes from ccache (README "What the test costs").
set(_qiao_paths
  "QIAO_BUNDLED_PACKS=\"${QIAO_SHARE_DIR}/lessons\""
  "QIAO_BUNDLED_LOCALES=\"${QIAO_SHARE_DIR}/locales\""
  "QIAO_PINYIN_READINGS=\"${QIAO_SHARE_DIR}/pinyin-readings.txt\""
  "QIAO_TRANSLIT_RULES=\"${QIAO_SHARE_DIR}/locales/translit\""
  "QIAO_KAZAKH_ARABIC_RULES=\"${QIAO_SHARE_DIR}/voices/kk-Arab/kk_Arab-kk_Cyrl.txt\""
  "QIAO_VOICE_DATA=\"${QIAO_SHARE_DIR}\""
  "QIAO_VOICE_SOURCES=\"${QIAO_SHARE_DIR}/voices\"")
# The owners: "folder whose CMakeLists.txt adds the file|the file".
set(_qiao_path_owners
  "app/i18n|app/i18n/installed_files.cpp"
  "accessibility|accessibility/espeak.cpp"
  "app/platform|app/platform/main.cpp"
  "tools|tools/pack/main.cpp")
set(_qiao_paths_rewritten "")
foreach(owner IN LISTS _qiao_path_owners)
  string(REPLACE "|" ";" owner "${owner}")
  list(GET owner 0 dir)
  list(GET owner 1 file)
  get_source_file_property(defs ${PROJECT_SOURCE_DIR}/${file} DIRECTORY ${PROJECT_SOURCE_DIR}/${dir} COMPILE_DEFINITIONS)
  if(NOT defs)
    message(FATAL_ERROR "packaging/package.cmake: ${file} has no data paths to point at ${QIAO_SHARE_DIR} (moved?)")
  endif()
  foreach(path IN LISTS _qiao_paths)
    string(REGEX MATCH "^[A-Z_]+" name "${path}")
    if(defs MATCHES "(^|;)${name}=")
      list(TRANSFORM defs REPLACE "^${name}=.*" "${path}")
      list(APPEND _qiao_paths_rewritten ${name})
    endif()
  endforeach()
  set_source_files_properties(${PROJECT_SOURCE_DIR}/${file} DIRECTORY ${PROJECT_SOURCE_DIR}/${dir}
                              PROPERTIES COMPILE_DEFINITIONS "${defs}")
endforeach()
# A path compiled in elsewhere (or no longer) would be left pointing into this build machine's
# trees, or not be where the package puts its file: refuse to configure.
foreach(path IN LISTS _qiao_paths)
  string(REGEX MATCH "^[A-Z_]+" name "${path}")
  if(NOT name IN_LIST _qiao_paths_rewritten)
    message(FATAL_ERROR "packaging/package.cmake: no owner file defines ${name}")
  endif()
endforeach()

include(GNUInstallDirs)
install(TARGETS qiao-kiosk qiao-update qiao-pack RUNTIME DESTINATION bin)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/lessons/ DESTINATION ${QIAO_SHARE_DIR}/lessons PATTERN README.md EXCLUDE)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/locales/ DESTINATION ${QIAO_SHARE_DIR}/locales PATTERN README.md EXCLUDE)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/voices/ DESTINATION ${QIAO_SHARE_DIR}/voices
        PATTERN CMakeLists.txt EXCLUDE PATTERN README.md EXCLUDE PATTERN "*.cmake" EXCLUDE PATTERN "*.cpp" EXCLUDE)
install(DIRECTORY ${QIAO_VOICE_DATA_DIR}/espeak-ng-data DESTINATION ${QIAO_SHARE_DIR} PATTERN "*.stamp" EXCLUDE)
install(FILES ${CMAKE_BINARY_DIR}/data/pinyin-readings.txt DESTINATION ${QIAO_SHARE_DIR})
install(FILES ${_qiao_keys} DESTINATION ${QIAO_SHARE_DIR}/keys)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/qiao-kiosk.service ${CMAKE_CURRENT_LIST_DIR}/qiao-update-stick@.service
              ${CMAKE_CURRENT_LIST_DIR}/qiao-update-web.service ${CMAKE_CURRENT_LIST_DIR}/qiao-update-web.timer
        DESTINATION /lib/systemd/system)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/90-qiao-update.rules DESTINATION /lib/udev/rules.d)
install(PROGRAMS ${CMAKE_CURRENT_LIST_DIR}/qiao-update-stick DESTINATION /usr/lib/qiao)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/qiao-kiosk.1 ${CMAKE_CURRENT_LIST_DIR}/qiao-update.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/kiosk.json DESTINATION /etc/qiao)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME qiao)
set(CPACK_PACKAGE_VERSION ${QIAO_APP_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_CONTACT "Qiao maintainers <qiao@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "digital-skills kiosk for elderly, blind and ethnic-minority learners")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
# Libraries found by dpkg-shlibdeps; what runs beside the binary named here.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# ca-certificates: the web server's TLS certificate is checked against them (qiao-update URL).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "cage, xwayland, fonts-noto-core, fonts-noto-cjk, adduser, ca-certificates")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${CMAKE_CURRENT_LIST_DIR}/postinst;${CMAKE_CURRENT_LIST_DIR}/conffiles")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# The package preset builds RelWithDebInfo, as the native preset does, so ccache serves the
# objects; the installed binaries are stripped of their debug information (and of the build
# machine's paths in it).
set(CPACK_STRIP_FILES ON)
include(CPack)
