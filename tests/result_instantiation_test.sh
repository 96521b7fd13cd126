#!/usr/bin/env bash
# An operation result's model code is compiled once, by its model's source: the committed SDK's
# property_api.cpp calls wink::detail::finish_json<Property> (declared `extern template` by
# property.h) instead of instantiating it, so it defines neither the decoding nor Property's
# destructor, and the model source holding Property defines the instantiation.
# usage: result_instantiation_test.sh SOURCE_DIR [CXX]
set -euo pipefail
src=$1 cxx=${2:-c++}
sdk=$src/generated
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
compile() { "$cxx" -std=c++17 -O2 -c -I"$sdk/include" -I"$src/runtime/include" "$1" -o "$2"; }
finish='wink::detail::finish_json<wink::supplier::Property>'
model_src=$(grep -l "^template wink::Response<wink::supplier::Property> $finish(" "$sdk"/src/models/*.cpp) ||
  fail "no model source instantiates $finish"
compile "$sdk/src/api/property_api.cpp" "$out/api.o"
compile "$model_src" "$out/model.o"
symbols() { nm -C "$1" | grep -F -- "$2" || true; }
echo "API source:";  symbols "$out/api.o" "$finish("
echo "model source ($(basename "$model_src")):"; symbols "$out/model.o" "$finish("
symbols "$out/api.o" "$finish(" | grep -q '^ *U ' || fail "property_api.cpp does not call $finish"
! symbols "$out/api.o" "$finish(" | grep -qv '^ *U ' || fail "property_api.cpp instantiates $finish itself"
[[ -z $(symbols "$out/api.o" 'wink::supplier::Property::~Property()') ]] || fail "property_api.cpp emits ~Property()"
symbols "$out/model.o" "$finish(" | grep -qE '^[0-9a-f]+ [WT] ' || fail "$(basename "$model_src") does not define $finish"
echo "OK"
