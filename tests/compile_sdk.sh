#!/usr/bin/env bash
# Generates an SDK and compiles every generated file with -Wall -Wextra -Werror.
# usage: compile_sdk.sh CODEGEN SPEC OUT_DIR CXX_STD [SCOPES_FILE]
# Sources are checked in unity chunks (both cores) with -fsyntax-only (templates are instantiated,
# no code is made: a third less time) so that 29 documents fit in CI time; a last translation unit
# includes every public header, mocks included, on its own. The bundled SDK is linked by the build.
set -euo pipefail
codegen=$1 spec=$2 out=$3 std=$4 scopes=${5:-}
src_root=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$out" && mkdir -p "$out/tu"
args=(generate --spec "$spec" --out "$out/sdk" --namespace wink_test::sdk --quiet)
[ -n "$scopes" ] && args+=(--scopes "$scopes")
"$codegen" "${args[@]}"

mapfile -t sources < <(cd "$out/sdk" && find src -name '*.cpp' | sort)
chunk=${WINK_COMPILE_CHUNK:-40}
n=0
for ((i = 0; i < ${#sources[@]}; i += chunk)); do
  tu="$out/tu/unit_$n.cpp"
  : > "$tu"
  for f in "${sources[@]:i:chunk}"; do echo "#include \"$out/sdk/$f\"" >> "$tu"; done
  n=$((n + 1))
done
{
  echo '#include <gmock/gmock.h>'
  (cd "$out/sdk/include" && find . -name '*.h' | sort | sed 's|^\./|#include "|; s|$|"|')
} > "$out/tu/headers.cpp"

flags=(-std="$std" -fsyntax-only -Wall -Wextra -Wpedantic -Werror -I"$out/sdk/include" -I"$src_root/runtime/include")
ls "$out"/tu/*.cpp | xargs -P "${WINK_COMPILE_JOBS:-2}" -I{} sh -c 'c++ "$@" "{}" && touch "{}.ok" || exit 255' _ "${flags[@]}"
echo "compiled $(ls "$out"/tu/*.ok | wc -l) translation units (${#sources[@]} sources) of $(basename "$spec") as $std"
