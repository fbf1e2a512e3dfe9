# Builds OUT/espeak-ng-data: a copy of Debian's data, then each Qiao voice's dictionary compiled
# from its text sources (cmake -P; arguments from voices/CMakeLists.txt).
set(data "${OUT}/espeak-ng-data")
file(REMOVE_RECURSE "${data}")
file(COPY "${DEBIAN_DATA}/" DESTINATION "${data}")
file(MAKE_DIRECTORY "${data}/lang/qiao")
file(GLOB voices "${SOURCE}/lang/*")
file(COPY ${voices} DESTINATION "${data}/lang/qiao")

# The Yi syllable list is generated from m17n-db's table at build time (never committed).
set(work "${OUT}/sources")
file(REMOVE_RECURSE "${work}")
file(MAKE_DIRECTORY "${work}/ii")
file(COPY "${SOURCE}/mn/" "${SOURCE}/za/" DESTINATION "${work}")
file(COPY "${SOURCE}/ii/ii_rules" DESTINATION "${work}/ii")
execute_process(COMMAND "${II_TOOL}" "${II_MIM}" "${SOURCE}/ii/ii_list.head" "${work}/ii/ii_list"
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "make_ii_list failed")
endif()
file(RENAME "${work}/ii/ii_list" "${work}/ii_list")
file(RENAME "${work}/ii/ii_rules" "${work}/ii_rules")

foreach(voice mn ii za)
  # espeak-ng reads <voice>_rules and <voice>_list from the working directory and writes
  # <voice>_dict into the data folder. It reports rule errors but may still exit 0: check.
  execute_process(COMMAND "${ESPEAK}" "--path=${OUT}" "--compile=qiao/${voice}"
                  WORKING_DIRECTORY "${work}" RESULT_VARIABLE rc OUTPUT_VARIABLE log ERROR_VARIABLE log)
  if(NOT rc EQUAL 0 OR log MATCHES "Error|Bad phoneme|Wrong initial" OR NOT EXISTS "${data}/${voice}_dict")
    message(FATAL_ERROR "espeak-ng could not compile the ${voice} voice:\n${log}")
  endif()
endforeach()
file(WRITE "${data}/qiao-voices.stamp" "mn ii za\n")
