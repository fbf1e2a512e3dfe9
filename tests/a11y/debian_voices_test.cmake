# cmake -DESPEAK=espeak-ng -DDATA=<folder holding espeak-ng-data> -DWORK=<dir> -P this
file(MAKE_DIRECTORY "${WORK}")
set(cases
  "en-us|Scan the QR code, then press Next. Call 12345 for help."
  "cmn-latn-pinyin|扫描二维码，然后点下一步。请拨打12345。"
  "ug|ئىككى ئۆلچەملىك كودنى سىكانىرلاڭ."
  "ko|큐알 코드를 스캔하세요."
  "kk|Не істегіңіз келеді? Кітап пен экран.")
foreach(c IN LISTS cases)
  string(REPLACE "|" ";" parts "${c}")
  list(GET parts 0 voice)
  list(GET parts 1 text)
  execute_process(COMMAND "${ESPEAK}" -v "${voice}" -w "${WORK}/${voice}-debian.wav" "${text}" RESULT_VARIABLE a)
  execute_process(COMMAND "${ESPEAK}" "--path=${DATA}" -v "${voice}" -w "${WORK}/${voice}-qiao.wav" "${text}"
                  RESULT_VARIABLE b)
  if(NOT a EQUAL 0 OR NOT b EQUAL 0)
    message(FATAL_ERROR "espeak-ng failed for ${voice}")
  endif()
  file(SIZE "${WORK}/${voice}-debian.wav" size)
  if(size LESS 20000)
    message(FATAL_ERROR "${voice}: only ${size} bytes of speech from Debian's data")
  endif()
  file(SHA256 "${WORK}/${voice}-debian.wav" h1)
  file(SHA256 "${WORK}/${voice}-qiao.wav" h2)
  if(NOT h1 STREQUAL h2)
    message(FATAL_ERROR "${voice}: speech from ${DATA}/espeak-ng-data differs from Debian's")
  endif()
  message(STATUS "${voice}: ${size} bytes, identical")
endforeach()
