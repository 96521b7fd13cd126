#!/usr/bin/env bash
# Runs examples/rate_plans/list_rate_plans against a Prism mock of DOCUMENT with tokens from the
# local OAuth2 server; asserts it exits 0 and prints rate plans.
# usage: run_example.sh DOCUMENT PROGRAM
set -euo pipefail
doc=$1 program=$2
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/servers.sh"
e2e_require_servers
e2e_start_oauth
e2e_start_prism "$doc"

set +e
out=$("$program" hotel-alba 2>"$e2e_tmp/example.err")
rc=$?
set -e
echo "$out"
cat "$e2e_tmp/example.err"
[[ $rc == 0 ]] || { echo "FAIL: list_rate_plans exited $rc"; tail -n 20 "$PRISM_LOG"; exit 1; }
count=$(grep -oE '^[0-9]+ rate plan\(s\)$' <<<"$out" | grep -oE '^[0-9]+' || true)
[[ -n "$count" && "$count" -gt 0 ]] || { echo "FAIL: no rate plans printed"; exit 1; }
rows=$(grep -c $'\t' <<<"$out" || true)
(( rows == count )) || { echo "FAIL: $rows rate plan line(s) for a count of $count"; exit 1; }
echo "PASS: list_rate_plans printed $count rate plan(s)"
