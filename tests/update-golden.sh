#!/usr/bin/env bash
# Regenerates every golden SDK under tests/golden/ and generated/ (the committed SDK of the
# bundled spec). usage: tests/update-golden.sh [path/to/wink-codegen]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
codegen=${1:-$root/build/generator/wink-codegen}
for spec in "$root"/tests/specs/positive/*.yaml "$root"/tests/specs/positive/*.json; do
  [ -e "$spec" ] || continue
  name=$(basename "${spec%.*}")
  "$codegen" generate --spec "$spec" --out "$root/tests/golden/$name" --namespace "golden::$name" --quiet
done
"$codegen" generate --spec "$root/specs/wink-supplier.yaml" --scopes "$root/specs/wink-scopes.yaml" \
  --namespace wink::supplier --out "$root/generated" --quiet
echo "golden files updated"
