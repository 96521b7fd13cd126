# Chooses the OpenAPI document (and scope map) the SDK is generated from.
#
#   wink_resolve_spec(<out_spec> <out_scopes>)
#
# Cache variables:
#   WINK_SPEC            an explicit document (JSON or YAML); wins over everything else.
#   WINK_SPEC_VERSION    a Wink release pinned in specs/wink-specs.json (e.g. 30.49.0).
#   WINK_SPEC_DOCUMENT   which document of that release (empty: the release's default_document).
#   WINK_SPEC_CACHE_DIR  where Wink's published documents live as <version>/<document>.json
#                        (default: ../shared/specs/wink beside the source tree).
#   WINK_SCOPES          the scope map (default: specs/wink-scopes.yaml).
# With neither WINK_SPEC nor WINK_SPEC_VERSION, our own specs/wink-supplier.yaml is used.
# A relative path given with -D is taken from the directory cmake runs in (CMake's rule for
# PATH/FILEPATH cache entries); one set otherwise is taken from the source tree.
#
# A pinned document is taken from the cache folder only when its SHA-256 matches the manifest;
# otherwise it is downloaded (and its SHA-256 checked) into the cache folder, or into
# ${CMAKE_BINARY_DIR}/wink-specs-cache when that folder is not writable.

include_guard(GLOBAL)

# The source tree this module belongs to (cmake/..); equal to PROJECT_SOURCE_DIR of wink-codegen.
get_filename_component(_WINK_SPECS_ROOT "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
set(_WINK_SPECS_MANIFEST "${_WINK_SPECS_ROOT}/specs/wink-specs.json")

set(WINK_SPEC "" CACHE FILEPATH
    "OpenAPI document to generate the SDK from (overrides WINK_SPEC_VERSION)")
set(WINK_SPEC_VERSION "" CACHE STRING
    "Wink release whose published document to use (a version listed in specs/wink-specs.json)")
set(WINK_SPEC_DOCUMENT "" CACHE STRING
    "Document of WINK_SPEC_VERSION to use (empty: the release's default_document)")
set(WINK_SPEC_CACHE_DIR "${_WINK_SPECS_ROOT}/../shared/specs/wink" CACHE PATH
    "Folder holding Wink's published documents as <version>/<document>.json")
set(WINK_SCOPES "${_WINK_SPECS_ROOT}/specs/wink-scopes.yaml" CACHE FILEPATH
    "Scope map (tag/operation -> OAuth2 scopes)")

# Sets <out_ok> to TRUE when <file> exists and its SHA-256 is <sha256>.
function(_wink_spec_file_matches out_ok file sha256)
  set(_ok FALSE)
  if(EXISTS "${file}" AND NOT IS_DIRECTORY "${file}")
    file(SHA256 "${file}" _actual)
    string(TOLOWER "${_actual}" _actual)
    string(TOLOWER "${sha256}" _expected)
    if(_actual STREQUAL _expected)
      set(_ok TRUE)
    endif()
  endif()
  set(${out_ok} ${_ok} PARENT_SCOPE)
endfunction()

# Sets <out_ok> to TRUE when <dir> exists (or can be created) and accepts a new file.
function(_wink_spec_dir_writable out_ok dir)
  set(_ok FALSE)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E make_directory "${dir}"
                  RESULT_VARIABLE _rv OUTPUT_QUIET ERROR_QUIET)
  if(_rv EQUAL 0)
    string(RANDOM LENGTH 8 _tag)
    set(_probe "${dir}/.wink-write-test-${_tag}")
    execute_process(COMMAND "${CMAKE_COMMAND}" -E touch "${_probe}"
                    RESULT_VARIABLE _rv OUTPUT_QUIET ERROR_QUIET)
    if(_rv EQUAL 0 AND EXISTS "${_probe}")
      set(_ok TRUE)
      file(REMOVE "${_probe}")
    endif()
  endif()
  set(${out_ok} ${_ok} PARENT_SCOPE)
endfunction()

function(_wink_spec_json out json)
  string(JSON _value ERROR_VARIABLE _err GET "${json}" ${ARGN})
  if(_err)
    set(_value "")
  endif()
  set(${out} "${_value}" PARENT_SCOPE)
endfunction()

# Resolves WINK_SPEC_VERSION / WINK_SPEC_DOCUMENT to a verified local file.
function(_wink_resolve_pinned_spec out_spec)
  if(NOT EXISTS "${_WINK_SPECS_MANIFEST}")
    message(FATAL_ERROR "WINK_SPEC_VERSION=${WINK_SPEC_VERSION}: manifest ${_WINK_SPECS_MANIFEST} not found")
  endif()
  file(READ "${_WINK_SPECS_MANIFEST}" _manifest)
  set(_version "${WINK_SPEC_VERSION}")

  _wink_spec_json(_entry "${_manifest}" versions "${_version}")
  if(_entry STREQUAL "")
    string(JSON _count LENGTH "${_manifest}" versions)
    set(_known "")
    if(_count GREATER 0)
      math(EXPR _last "${_count} - 1")
      foreach(_i RANGE ${_last})
        string(JSON _name MEMBER "${_manifest}" versions ${_i})
        list(APPEND _known "${_name}")
      endforeach()
    endif()
    list(JOIN _known ", " _known)
    message(FATAL_ERROR "WINK_SPEC_VERSION=${_version} is not pinned in ${_WINK_SPECS_MANIFEST} "
                        "(known versions: ${_known})")
  endif()

  set(_document "${WINK_SPEC_DOCUMENT}")
  if(_document STREQUAL "")
    _wink_spec_json(_document "${_entry}" default_document)
  endif()
  if(_document STREQUAL "")
    _wink_spec_json(_document "${_manifest}" default_document)
  endif()

  _wink_spec_json(_url "${_entry}" documents "${_document}" url)
  _wink_spec_json(_sha256 "${_entry}" documents "${_document}" sha256)
  if(_url STREQUAL "" OR _sha256 STREQUAL "")
    string(JSON _count LENGTH "${_entry}" documents)
    set(_known "")
    math(EXPR _last "${_count} - 1")
    foreach(_i RANGE ${_last})
      string(JSON _name MEMBER "${_entry}" documents ${_i})
      list(APPEND _known "${_name}")
    endforeach()
    list(JOIN _known ", " _known)
    message(FATAL_ERROR "Wink ${_version} has no document '${_document}' in ${_WINK_SPECS_MANIFEST} "
                        "(documents: ${_known}); set WINK_SPEC_DOCUMENT to one of them")
  endif()

  get_filename_component(_cache_dir "${WINK_SPEC_CACHE_DIR}" ABSOLUTE BASE_DIR "${_WINK_SPECS_ROOT}")
  set(_rel "${_version}/${_document}.json")
  set(_primary "${_cache_dir}/${_rel}")
  set(_fallback "${CMAKE_BINARY_DIR}/wink-specs-cache/${_rel}")

  foreach(_candidate IN ITEMS "${_primary}" "${_fallback}")
    _wink_spec_file_matches(_ok "${_candidate}" "${_sha256}")
    if(_ok)
      message(STATUS "Wink spec: ${_version}/${_document} (${_candidate}, SHA-256 verified)")
      set(${out_spec} "${_candidate}" PARENT_SCOPE)
      return()
    endif()
  endforeach()

  if(EXISTS "${_primary}")
    file(SHA256 "${_primary}" _actual)
    message(WARNING "Wink spec ${_version}/${_document}: ${_primary} has SHA-256 ${_actual}, "
                    "expected ${_sha256}; ignoring it and downloading a fresh copy")
  endif()

  _wink_spec_dir_writable(_writable "${_cache_dir}/${_version}")
  if(_writable)
    set(_dest "${_primary}")
  else()
    set(_dest "${_fallback}")
    message(STATUS "Wink spec: ${_cache_dir} is not writable; caching in ${CMAKE_BINARY_DIR}/wink-specs-cache")
    file(MAKE_DIRECTORY "${CMAKE_BINARY_DIR}/wink-specs-cache/${_version}")
  endif()

  message(STATUS "Wink spec: downloading ${_version}/${_document} from ${_url}")
  set(_part "${_dest}.part")
  file(REMOVE "${_part}")
  # The hash is checked below rather than with EXPECTED_HASH, which (CMake <= 3.25) turns a
  # network failure into a "HASH mismatch" error that aborts before our explanation is printed.
  file(DOWNLOAD "${_url}" "${_part}"
       STATUS _status
       TLS_VERIFY ON
       TIMEOUT 20
       INACTIVITY_TIMEOUT 10)
  list(GET _status 0 _code)
  list(LENGTH _status _n)
  set(_reason "")
  if(_n GREATER 1)
    list(GET _status 1 _reason)
  endif()
  _wink_spec_file_matches(_ok "${_part}" "${_sha256}")
  if(NOT _code EQUAL 0 OR NOT _ok)
    if(_code EQUAL 0)
      file(SHA256 "${_part}" _actual)
      set(_reason "downloaded content has SHA-256 ${_actual}")
    endif()
    file(REMOVE "${_part}")
    message(FATAL_ERROR
      "Cannot obtain Wink's published OpenAPI document ${_version}/${_document}.\n"
      "  looked in:        ${_primary}\n"
      "                    ${_fallback}\n"
      "  download from:    ${_url}\n"
      "  failed:           ${_reason} (status ${_code})\n"
      "  expected SHA-256: ${_sha256}\n"
      "Provide a local copy: save that URL as ${_primary} (or point WINK_SPEC_CACHE_DIR at a "
      "folder holding ${_rel}), or pass -DWINK_SPEC=<file> to use a document directly, or leave "
      "WINK_SPEC_VERSION empty to build from specs/wink-supplier.yaml.")
  endif()
  file(RENAME "${_part}" "${_dest}")
  message(STATUS "Wink spec: ${_version}/${_document} (${_dest}, SHA-256 verified)")
  set(${out_spec} "${_dest}" PARENT_SCOPE)
endfunction()

function(wink_resolve_spec out_spec out_scopes)
  if(NOT "${WINK_SPEC}" STREQUAL "")
    get_filename_component(_spec "${WINK_SPEC}" ABSOLUTE BASE_DIR "${_WINK_SPECS_ROOT}")
    if(NOT EXISTS "${_spec}")
      message(FATAL_ERROR "WINK_SPEC=${WINK_SPEC}: no such file (${_spec})")
    endif()
    message(STATUS "Wink spec: ${_spec} (WINK_SPEC)")
  elseif(NOT "${WINK_SPEC_VERSION}" STREQUAL "")
    _wink_resolve_pinned_spec(_spec)
  else()
    set(_spec "${_WINK_SPECS_ROOT}/specs/wink-supplier.yaml")
    message(STATUS "Wink spec: ${_spec} (default; set WINK_SPEC_VERSION to use a published one)")
  endif()

  if("${WINK_SCOPES}" STREQUAL "")
    set(_scopes "${_WINK_SPECS_ROOT}/specs/wink-scopes.yaml")
  else()
    get_filename_component(_scopes "${WINK_SCOPES}" ABSOLUTE BASE_DIR "${_WINK_SPECS_ROOT}")
  endif()
  if(NOT EXISTS "${_scopes}")
    message(FATAL_ERROR "WINK_SCOPES=${WINK_SCOPES}: no such file (${_scopes})")
  endif()

  set(${out_spec} "${_spec}" PARENT_SCOPE)
  set(${out_scopes} "${_scopes}" PARENT_SCOPE)
endfunction()
