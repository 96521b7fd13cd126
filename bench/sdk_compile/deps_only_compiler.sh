#!/usr/bin/env bash
# Compiler launcher for the incremental-compile benchmark (CMAKE_CXX_COMPILER_LAUNCHER).
# With WINK_BENCH_DEPS_ONLY=1 it runs only the preprocessor with the same flags (which writes
# the same depfile ninja records) and emits an empty object: a cheap way to bring a tree of
# hundreds of TUs up to date. Otherwise it runs the compiler unchanged. The command line ninja
# sees is the same in both modes, so switching modes recompiles nothing by itself, and the
# "Building CXX" lines ninja prints after a change are exactly the TUs a real build recompiles.
set -euo pipefail
if [[ "${WINK_BENCH_DEPS_ONLY:-0}" != 1 ]]; then exec "$@"; fi
compiler=$1; shift
args=() out=""
while (($#)); do
  case $1 in
    -c) args+=(-E); shift ;;
    -o) out=$2; args+=(-o /dev/null); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
"$compiler" "${args[@]}"
[[ -n "$out" ]] && "$compiler" -x c++ -c /dev/null -o "$out"
