#!/usr/bin/env bash
# Builds examples/ as a user would: against the installed package, or with add_subdirectory.
# Then checks that wink_add_sdk regenerates and recompiles only what a spec change touches.
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
  cmake -S "$src/examples" -B "$work/build" -G Ninja -DWINK_CODEGEN_SOURCE="$src" \
    -DEXAMPLE_SPEC="$work/spec.yaml" >/dev/null
fi
cmake --build "$work/build" >/dev/null
test -x "$work/build/list_rate_plans"
echo "built list_rate_plans ($mode)"

# Nothing changed: nothing is regenerated or compiled.
out=$(cmake --build "$work/build" -- -d explain 2>&1 || true)
if grep -q "Building CXX" <<<"$out"; then echo "rebuild without changes:"; echo "$out"; exit 1; fi

# One schema changes: the generator runs again and only the files it touches recompile.
sed -i 's/Error body in the problem-details format./Error body (problem details)./' "$work/spec.yaml"
out=$(cmake --build "$work/build" 2>&1)
grep -q "Generating supplier_sdk" <<<"$out" || { echo "spec change did not regenerate:"; echo "$out"; exit 1; }
compiled=$(grep -c "Building CXX" <<<"$out" || true)
echo "after a one-schema change: $compiled translation unit(s) recompiled"
total=$(grep -c '\.cpp$' "$work/build/supplier_sdk/wink-sdk-files.txt")
(( compiled < total )) || { echo "everything recompiled ($compiled of $total)"; exit 1; }
