#!/usr/bin/env bash
# Every test: installs what is missing, builds everything (generator, runtime, the bundled SDK,
# the tests) and runs ctest. usage: tests/run-all.sh [extra ctest args]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${WINK_BUILD_DIR:-$root/build}
"$root/.ci/setup"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=${WINK_BUILD_TYPE:-RelWithDebInfo}
cmake --build "$build" -j "$(nproc)"
cd "$build"
ctest --output-on-failure --timeout 1800 -j "$(nproc)" "$@"
