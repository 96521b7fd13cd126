#!/usr/bin/env bash
# Generated model headers include only <nlohmann/json_fwd.hpp> unless a model of theirs holds a
# free-form value: checks the preprocessor dependencies of every model header of the committed
# SDK (each as its own translation unit, as a user's file including just that header would be),
# and that model and API sources include the complete type only through such headers: the model
# code of groups reaching free-form values is in models_json_*.cpp, the rest in models_NN.cpp,
# and only API classes taking or returning free-form values include it themselves.
# usage: model_header_deps_test.sh SOURCE_DIR [CXX]
set -euo pipefail
src=$1 cxx=${2:-c++}
sdk=$src/generated
deps_of() { "$cxx" -std=c++17 -M -x c++ -I"$sdk/include" -I"$src/runtime/include" "$1"; }
with=() without=()
for header in "$sdk"/include/wink/supplier/models/*.h; do
  if grep -q 'nlohmann/json\.hpp' <<<"$(deps_of "$header")"; then with+=("$(basename "$header")"); else without+=("$(basename "$header")"); fi
done
echo "model headers without nlohmann/json.hpp: ${#without[@]}; with it (free-form values): ${with[*]}"
fail() { echo "FAIL: $*"; exit 1; }
# money.h holds no free-form value and includes no header that does.
[[ " ${without[*]} " == *" money.h "* ]] || fail "money.h pulls in nlohmann/json.hpp"
# booking.h does (a free-form `extras`): it needs the complete type.
grep -q '^#include <nlohmann/json.hpp>' "$sdk/include/wink/supplier/models/booking.h" || fail "booking.h lacks json.hpp"
[[ " ${with[*]} " == *" booking.h "* ]] || fail "booking.h does not see nlohmann/json.hpp"
(( ${#without[@]} > ${#with[@]} )) || fail "most model headers still pull in nlohmann/json.hpp"
# 1 when FILE includes <nlohmann/json.hpp> itself or a model header that pulls it in, else 0.
needs_json() {
  grep -q '^#include <nlohmann/json.hpp>' "$1" && { echo 1; return; }
  for header in $(grep -o '^#include "wink/supplier/models/[a-z0-9_]*\.h"' "$1" | grep -o '[a-z0-9_]*\.h'); do
    [[ " ${with[*]} " == *" $header "* ]] && { echo 1; return; }
  done
  echo 0
}
parses_json() { if grep -q 'nlohmann/json\.hpp' <<<"$(deps_of "$1")"; then echo 1; else echo 0; fi; }
# A model source parses json.hpp only when one of the headers it includes does.
for tu in "$sdk"/src/models/*.cpp; do
  needs=$(needs_json "$tu") parses=$(parses_json "$tu")
  (( needs == parses )) || fail "$(basename "$tu") parses nlohmann/json.hpp: $parses, its model headers need it: $needs"
  case $(basename "$tu") in
    models_json_*) (( parses )) || fail "$(basename "$tu") holds no group reaching free-form values" ;;
    *) (( !parses )) || fail "$(basename "$tu") mixes groups reaching free-form values with the others" ;;
  esac
done
echo "model sources: $(ls "$sdk"/src/models/*.cpp | wc -l), each parsing nlohmann/json.hpp only through a header that needs it"
api_without=0
for tu in "$sdk"/src/api/*.cpp; do
  needs=$(needs_json "$sdk/include/wink/supplier/api/$(basename "${tu%.cpp}").h") parses=$(parses_json "$tu")
  (( needs == parses )) || fail "$(basename "$tu") parses nlohmann/json.hpp: $parses, its header needs it: $needs"
  (( parses )) || api_without=$((api_without + 1))
done
(( api_without > 0 )) || fail "every API source parses nlohmann/json.hpp"
echo "API sources: $(ls "$sdk"/src/api/*.cpp | wc -l), $api_without without nlohmann/json.hpp"
