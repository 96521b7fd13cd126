#!/usr/bin/env bash
# Builds examples/ as a user would: against the installed package, or with add_subdirectory.
# Then checks that wink_add_sdk regenerates and recompiles only what a spec change touches: the
# installed package with wink_add_sdk's default (unity batches of 20 sources), the source tree
# with one translation unit per file (UNITY_BATCH 0).
# usage: consumer_test.sh install|subdirectory SOURCE_DIR BINARY_DIR
set -euo pipefail
mode=$1 src=$2 bin=$3
work="$bin/consumer-$mode"
rm -rf "$work" && mkdir -p "$work"
cp "$src/specs/wink-supplier.yaml" "$work/spec.yaml"
if [[ $mode == install ]]; then
  cmake --install "$bin" --prefix "$work/prefix" >/dev/null
  cmake -S "$src/examples" -B "$work/build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" \
    -DEXAMPLE_SPEC="$work/spec.yaml" >/dev/null
else
  # The generator this build made at configure time (the host build wink_add_sdk does inside a
  # source tree is what the build under test did already): saves building it a third time.
  host=()
  [[ -x "$bin/_wink_codegen_host/generator/wink-codegen" ]] &&
    host=(-DWINK_CODEGEN_EXECUTABLE="$bin/_wink_codegen_host/generator/wink-codegen")
  cmake -S "$src/examples" -B "$work/build" -G Ninja -DWINK_CODEGEN_SOURCE="$src" \
    -DEXAMPLE_SPEC="$work/spec.yaml" -DEXAMPLE_UNITY_BATCH=0 "${host[@]}" >/dev/null
fi
out=$(cmake --build "$work/build")
test -x "$work/build/list_rate_plans"
echo "built list_rate_plans ($mode)"

# The SDK is compiled as wink_add_sdk was asked to: ceil(sources / 16) unity TUs by default,
# after its precompiled header (not counted: it depends on the runtime's headers only).
sdk_tus() { grep 'Building CXX object CMakeFiles/supplier_sdk\.dir/' | grep -cv 'cmake_pch' || true; }
sources=$(grep -c '\.cpp$' "$work/build/supplier_sdk/wink-sdk-files.txt")
tus=$(sdk_tus <<<"$out")
grep -q 'Building CXX object CMakeFiles/supplier_sdk\.dir/cmake_pch' <<<"$out" ||
  { echo "the SDK's precompiled header was not built:"; echo "$out"; exit 1; }
expected=$sources
[[ $mode == subdirectory ]] || expected=$(( (sources + 15) / 16 ))
echo "supplier_sdk: $sources sources compiled as $tus translation unit(s)"
(( tus == expected )) || { echo "expected $expected translation unit(s)"; echo "$out"; exit 1; }

# Nothing changed: nothing is regenerated or compiled.
out=$(cmake --build "$work/build" -- -d explain 2>&1 || true)
if grep -q "Building CXX" <<<"$out"; then echo "rebuild without changes:"; echo "$out"; exit 1; fi

# One schema changes: the generator runs again and only the files it touches recompile.
sed -i 's/Error body in the problem-details format./Error body (problem details)./' "$work/spec.yaml"
out=$(cmake --build "$work/build" 2>&1)
grep -q "Generating supplier_sdk" <<<"$out" || { echo "spec change did not regenerate:"; echo "$out"; exit 1; }
compiled=$(sdk_tus <<<"$out")
echo "after a one-schema change: $compiled of the SDK's $tus translation unit(s) recompiled"
(( compiled >= 1 )) || { echo "the changed schema's users did not recompile:"; echo "$out"; exit 1; }
(( compiled < sources )) || { echo "everything recompiled ($compiled of $sources)"; exit 1; }
