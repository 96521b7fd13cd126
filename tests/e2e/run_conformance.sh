#!/usr/bin/env bash
# Runs a generated conformance program (wink_add_sdk(... CONFORMANCE)) against a Prism mock of its
# document, with tokens from the local OAuth2 server, and asserts: every operation called (less
# the exclusions listed in exclusions.txt, each with its reason), 0 request violations (Prism's
# `sl-violations` header), 0 decode failures.
# usage: run_conformance.sh KEY DOCUMENT PROGRAM
#   KEY names the document in exclusions.txt (e.g. 30.49.0/supplier or bundled).
set -euo pipefail
key=$1 doc=$2 program=$3
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/servers.sh"

if [[ ! -f "$doc" ]]; then
  echo "SKIPPED: $doc is absent (Wink's documents: -DWINK_SHARED_SPECS_DIR=...)"; exit 0
fi
e2e_require_servers

excludes=()
while read -r k op kind _; do
  [[ "$k" == "$key" && "$kind" == skip ]] && excludes+=(--exclude "$op")
done < <(grep -v '^#' "$here/exclusions.txt")

e2e_start_oauth
started=$(date +%s)
e2e_start_prism "$doc"
echo "prism mock of $key on port $PRISM_PORT (ready in $(( $(date +%s) - started ))s), oauth on $OAUTH_PORT;" \
     "$MOCK_DROPPED_DEFAULTS default/example value(s) contradicting their schema left out of the mock's copy"

set +e
"$program" "${excludes[@]}" >"$e2e_tmp/summary.json" 2>"$e2e_tmp/program.log"
rc=$?
set -e
summary=$(tail -n 1 "$e2e_tmp/summary.json")
if [[ -z "$summary" || "${summary:0:1}" != "{" ]]; then
  echo "FAIL: the conformance program printed no summary (exit $rc)"; tail -n 40 "$e2e_tmp/program.log"; exit 1
fi
if node "$here/check_summary.mjs" "$key" "$here/exclusions.txt" <<<"$summary"; then
  echo "PASS: $key conformance"
else
  echo "--- summary: $summary" | head -c 4000; echo
  echo "--- program stderr (last 10 lines)"; tail -n 10 "$e2e_tmp/program.log"
  echo "--- prism log (last 10 lines)"; tail -n 10 "$PRISM_LOG" || true
  exit 1
fi
