#!/usr/bin/env bash
# Generated model headers include only <nlohmann/json_fwd.hpp> unless a model of theirs holds a
# free-form value: checks the preprocessor dependencies of every model TU of the committed SDK.
# usage: model_header_deps_test.sh SOURCE_DIR [CXX]
set -euo pipefail
src=$1 cxx=${2:-c++}
sdk=$src/generated
with=() without=()
for tu in "$sdk"/src/models/*.cpp; do
  deps=$("$cxx" -std=c++17 -M -I"$sdk/include" -I"$src/runtime/include" "$tu")
  if grep -q 'nlohmann/json\.hpp' <<<"$deps"; then with+=("$(basename "$tu")"); else without+=("$(basename "$tu")"); fi
done
echo "model TUs without nlohmann/json.hpp: ${#without[@]}; with it (free-form values): ${with[*]}"
fail() { echo "FAIL: $*"; exit 1; }
# money.h holds no free-form value and includes no header that does.
[[ " ${without[*]} " == *" money.cpp "* ]] || fail "money.cpp parses nlohmann/json.hpp"
# booking.h does (a free-form `extras`): it needs the complete type.
grep -q '^#include <nlohmann/json.hpp>' "$sdk/include/wink/supplier/models/booking.h" || fail "booking.h lacks json.hpp"
[[ " ${with[*]} " == *" booking.cpp "* ]] || fail "booking.cpp does not see nlohmann/json.hpp"
(( ${#without[@]} > ${#with[@]} )) || fail "most model TUs still parse nlohmann/json.hpp"
