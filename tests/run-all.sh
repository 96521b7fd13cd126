#!/usr/bin/env bash
# Every test: installs what is missing, then
#   1. builds everything (generator, runtime, the bundled SDK, tests) and runs ctest;
#   2. AddressSanitizer + UndefinedBehaviorSanitizer build (clang): the unit, SDK, runtime and fuzz
#      regression tests, plus a bounded libFuzzer run of each fuzz target;
#   3. ThreadSanitizer build of the runtime and its tests, and of the generator's emit stage
#      (it renders and compares files on several threads).
# WINK_SKIP_SANITIZERS=1 runs stage 1 only. Extra arguments go to stage 1's ctest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${WINK_BUILD_DIR:-$root/build}
jobs=$(nproc)
"$root/.ci/setup"

echo "== stage 1: build and test"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=${WINK_BUILD_TYPE:-RelWithDebInfo}
cmake --build "$build" -j "$jobs"
(cd "$build" && ctest --output-on-failure --timeout 1800 -j "$jobs" "$@")

[[ "${WINK_SKIP_SANITIZERS:-0}" == 1 ]] && exit 0

# Tests that only compile generated code are left to stage 1.
unit_tests='^(compile|consumer|e2e)\.'

echo "== stage 2: AddressSanitizer + UndefinedBehaviorSanitizer, fuzzing"
CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build-asan" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DWINK_SANITIZE=address,undefined -DWINK_FUZZ=ON -DWINK_FUZZ_SECONDS=${WINK_FUZZ_SECONDS:-60}
cmake --build "$build-asan" -j "$jobs"
(cd "$build-asan" && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --output-on-failure --timeout 1800 -j "$jobs" -E "$unit_tests")

echo "== stage 3: ThreadSanitizer (runtime, emit)"
cmake -S "$root" -B "$build-tsan" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWINK_SANITIZE=thread \
  -DWINK_BUILD_SDK=OFF
targets=$(ninja -C "$build-tsan" -t targets all | grep -o '^runtime_[a-z_]*_test\b' | sort -u)
cmake --build "$build-tsan" -j "$jobs" --target $targets generator_emit_test
(cd "$build-tsan" && TSAN_OPTIONS=halt_on_error=1 ctest --output-on-failure --timeout 1800 -L runtime)
(cd "$build-tsan" && TSAN_OPTIONS=halt_on_error=1 ctest --output-on-failure --timeout 600 -R '^Emit\.')
