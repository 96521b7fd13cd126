# Runs COMMAND for one of Wink's published documents after checking its SHA-256 pin.
# Prints "SKIPPED: ..." (ctest marks the test skipped) when the document is absent.
if(NOT EXISTS "${FILE}")
  message("SKIPPED: ${NAME}: ${FILE} is absent (put Wink's documents in ../shared/specs/wink or set WINK_SHARED_SPECS_DIR)")
  return()
endif()
file(SHA256 "${FILE}" _actual)
if(NOT _actual STREQUAL SHA256)
  message(FATAL_ERROR "${NAME}: ${FILE} has SHA-256 ${_actual}, pinned ${SHA256} in specs/wink-specs.json")
endif()
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "${NAME}: failed (exit ${_rc})")
endif()
