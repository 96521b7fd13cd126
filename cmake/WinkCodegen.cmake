# wink_add_sdk(<target> SPEC <file> [NAMESPACE <ns>] [SCOPES <file>] [TEMPLATES <dir>]
#              [OUTPUT_DIR <dir>] [UNITY_BATCH <n>] [CONFORMANCE])
#
# Generates a C++ SDK from an OpenAPI document as a build step and defines the static library
# <target> (linked to wink::runtime). Changing the document, the scope map or a template
# regenerates; write-if-changed means only the translation units whose files changed recompile.
#
# UNITY_BATCH <n> (default 20) compiles the SDK in CMake unity batches of n sources: the shared
# headers and the code common to the models are then compiled once per batch instead of once per
# file. Model code already comes ~8 groups per source file (supplier 30.49.0: 104 sources; see the
# README's Benchmarks for clean and incremental times by batch size). A changed schema still
# recompiles only the batches holding its users, so larger batches trade rebuild time and
# parallelism on many cores for clean-build time. UNITY_BATCH 0 compiles one TU per file.
#
# The SDK's sources share a precompiled header of the standard and runtime headers they all
# include (not <nlohmann/json.hpp>, which most of them do not need). Turn it off for one SDK
# with `set_target_properties(<target> PROPERTIES DISABLE_PRECOMPILE_HEADERS ON)`, or for the
# whole build with CMAKE_DISABLE_PRECOMPILE_HEADERS (e.g. for ccache without its pch_defines,
# time_macros sloppiness).
#
# CONFORMANCE also generates the conformance program (`generate --emit-conformance`) and defines
# the executable <target>_conformance: it calls every operation with example arguments (see
# tests/e2e/).
#
# The generator comes from WINK_CODEGEN_EXECUTABLE (set by find_package(WinkCodegen)); inside
# this source tree it is built once at configure time (a "host" build), because the list of files
# to compile must be known when CMake configures.
include_guard(GLOBAL)

set(WINK_CODEGEN_SOURCE_DIR "${CMAKE_CURRENT_LIST_DIR}/.." CACHE INTERNAL "wink-codegen sources")

function(_wink_codegen_host_build out_exe)
  get_property(_exe GLOBAL PROPERTY WINK_CODEGEN_HOST_EXE)
  if(_exe)
    set(${out_exe} "${_exe}" PARENT_SCOPE)
    return()
  endif()
  set(_dir "${CMAKE_BINARY_DIR}/_wink_codegen_host")
  set(_gen_args -G "${CMAKE_GENERATOR}")
  if(NOT EXISTS "${_dir}/CMakeCache.txt")
    message(STATUS "wink-codegen: building the generator (once) in ${_dir}")
    execute_process(
      COMMAND "${CMAKE_COMMAND}" -S "${WINK_CODEGEN_SOURCE_DIR}" -B "${_dir}" ${_gen_args}
              -DWINK_HOST_TOOLS_ONLY=ON -DCMAKE_BUILD_TYPE=Release
              -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
      RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
    if(NOT _rc EQUAL 0)
      message(FATAL_ERROR "wink-codegen: configuring the generator failed:\n${_out}\n${_err}")
    endif()
  endif()
  execute_process(COMMAND "${CMAKE_COMMAND}" --build "${_dir}" --target wink-codegen
                  RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "wink-codegen: building the generator failed:\n${_out}\n${_err}")
  endif()
  set(_exe "${_dir}/generator/wink-codegen")
  # Keep the host generator up to date during builds too (a changed template or generator source
  # rebuilds it, which regenerates the SDKs).
  add_custom_target(wink_codegen_host
    COMMAND "${CMAKE_COMMAND}" --build "${_dir}" --target wink-codegen
    BYPRODUCTS "${_exe}"
    COMMENT "Updating wink-codegen"
    VERBATIM)
  set_property(GLOBAL PROPERTY WINK_CODEGEN_HOST_EXE "${_exe}")
  set(${out_exe} "${_exe}" PARENT_SCOPE)
endfunction()

function(wink_add_sdk target)
  cmake_parse_arguments(ARG "CONFORMANCE" "SPEC;NAMESPACE;SCOPES;TEMPLATES;OUTPUT_DIR;UNITY_BATCH" "" ${ARGN})
  if(NOT ARG_SPEC)
    message(FATAL_ERROR "wink_add_sdk(${target}): SPEC <file> is required")
  endif()
  get_filename_component(_spec "${ARG_SPEC}" ABSOLUTE)
  if(NOT EXISTS "${_spec}")
    message(FATAL_ERROR "wink_add_sdk(${target}): SPEC '${_spec}' does not exist")
  endif()
  if(NOT ARG_NAMESPACE)
    set(ARG_NAMESPACE "wink::sdk")
  endif()
  if(NOT ARG_OUTPUT_DIR)
    set(ARG_OUTPUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/${target}")
  endif()
  get_filename_component(_out "${ARG_OUTPUT_DIR}" ABSOLUTE)

  if(WINK_CODEGEN_EXECUTABLE)
    set(_exe "${WINK_CODEGEN_EXECUTABLE}")
  else()
    _wink_codegen_host_build(_exe)
  endif()

  set(_args --spec "${_spec}" --namespace "${ARG_NAMESPACE}")
  set(_depends "${_spec}" "${_exe}")
  if(ARG_SCOPES)
    get_filename_component(_scopes "${ARG_SCOPES}" ABSOLUTE)
    list(APPEND _args --scopes "${_scopes}")
    list(APPEND _depends "${_scopes}")
  endif()
  if(ARG_TEMPLATES)
    get_filename_component(_templates "${ARG_TEMPLATES}" ABSOLUTE)
    list(APPEND _args --templates "${_templates}")
    file(GLOB _template_files CONFIGURE_DEPENDS "${_templates}/*.mustache")
    list(APPEND _depends ${_template_files})
  endif()
  if(ARG_CONFORMANCE)
    list(APPEND _args --emit-conformance)
  endif()
  # The file list depends on the document: re-list when it changes.
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_depends})

  execute_process(COMMAND "${_exe}" generate ${_args} --list-outputs --quiet
                  RESULT_VARIABLE _rc OUTPUT_VARIABLE _list ERROR_VARIABLE _err)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "wink_add_sdk(${target}): wink-codegen rejected ${_spec}:\n${_err}")
  endif()
  string(REPLACE "\n" ";" _list "${_list}")
  set(_outputs "")
  set(_sources "")
  set(_conformance_sources "")
  foreach(_f IN LISTS _list)
    if(_f STREQUAL "")
      continue()
    endif()
    list(APPEND _outputs "${_out}/${_f}")
    if(_f MATCHES "^src/conformance/.*\\.cpp$")
      list(APPEND _conformance_sources "${_out}/${_f}")
    elseif(_f MATCHES "\\.cpp$")
      list(APPEND _sources "${_out}/${_f}")
    endif()
  endforeach()

  add_custom_command(
    OUTPUT ${_outputs}
    COMMAND "${_exe}" generate ${_args} --out "${_out}" --quiet
    DEPENDS ${_depends}
    COMMENT "Generating ${target} from ${ARG_SPEC}"
    VERBATIM)
  add_library(${target} STATIC ${_sources})
  if(TARGET wink_codegen_host)
    add_dependencies(${target} wink_codegen_host)
  endif()
  target_include_directories(${target} PUBLIC "$<BUILD_INTERFACE:${_out}/include>")
  target_compile_features(${target} PUBLIC cxx_std_17)
  target_link_libraries(${target} PUBLIC wink::runtime)
  set_target_properties(${target} PROPERTIES WINK_SDK_OUTPUT_DIR "${_out}" WINK_SDK_SPEC "${_spec}")
  if(NOT DEFINED ARG_UNITY_BATCH)
    set(ARG_UNITY_BATCH 20)
  endif()
  if(NOT ARG_UNITY_BATCH MATCHES "^[0-9]+$")
    message(FATAL_ERROR "wink_add_sdk(${target}): UNITY_BATCH expects a number (0: one translation unit per file), got '${ARG_UNITY_BATCH}'")
  endif()
  if(ARG_UNITY_BATCH GREATER 0)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE ${ARG_UNITY_BATCH})
  else()
    set_target_properties(${target} PROPERTIES UNITY_BUILD OFF)
  endif()
  # Parsed once per SDK instead of once per translation unit (about a tenth of a clean build).
  target_precompile_headers(${target} PRIVATE
    <map> <memory> <optional> <string> <string_view> <utility> <variant> <vector>
    <wink/client.h> <wink/json.h> <wink/multipart.h> <wink/response.h> <wink/url.h> <wink/values.h>)
  if(ARG_CONFORMANCE)
    add_executable(${target}_conformance ${_conformance_sources})
    target_link_libraries(${target}_conformance PRIVATE ${target})
  endif()
  # <target>_check: exits non-zero when the generated files differ from what the document gives
  # (CI: the committed or cached SDK is stale). Writes nothing.
  add_custom_target(${target}_check
    COMMAND "${_exe}" generate ${_args} --check --out "${_out}"
    COMMENT "Checking that ${target} is up to date with ${ARG_SPEC}"
    VERBATIM)
endfunction()
