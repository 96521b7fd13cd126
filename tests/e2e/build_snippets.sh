#!/usr/bin/env bash
# Builds each README snippet target (compile + link only) and reports every one that fails with
# the README line of its block and the compiler's first errors.
# usage: build_snippets.sh BINARY_DIR SNIPPET_DIR TARGET...
set -uo pipefail
bin=$1 dir=$2
shift 2
failed=0
for target in "$@"; do
  n=${target##*_}
  where=$(head -n 1 "$dir/snippet_$n.cpp" | sed 's#^// ##')
  if out=$(cmake --build "$bin" --target "$target" 2>&1); then
    echo "ok: $target ($where)"
  else
    failed=$((failed + 1))
    echo "FAIL: $target ($where) does not compile:"
    grep -E 'error|note: ' <<<"$out" | head -n 15
  fi
done
echo "$(( $# - failed )) passed, $failed failed"
(( failed == 0 ))
