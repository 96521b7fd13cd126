# Sourced by the e2e drivers: starts the local OAuth2 server (tests/servers/oauth_server.mjs) and a
# Prism mock of a document, both on 127.0.0.1 with ports the OS picks, and stops them on exit.
#   e2e_require_servers             prints "SKIPPED: ..." and exits 0 when npm packages are missing
#   e2e_start_oauth                 sets OAUTH_PORT, exports WINK_TOKEN_URL/WINK_CLIENT_ID/SECRET
#   e2e_start_prism DOC             sets PRISM_PORT, exports WINK_API_BASE_URL
# Prism runs in plain mock mode (no --errors, static examples: deterministic answers): a request
# that does not match the document is still answered, and the violations come back in the
# `sl-violations` response header.
servers_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../servers" && pwd)"
e2e_tmp=$(mktemp -d "${TMPDIR:-/tmp}/wink-e2e.XXXXXX")
e2e_pids=()

e2e_cleanup() {
  local pid
  for pid in "${e2e_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${e2e_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  exec 7>&- 2>/dev/null || true
  rm -rf "$e2e_tmp"
}
trap e2e_cleanup EXIT
trap 'exit 130' INT TERM

e2e_require_servers() {
  if ! command -v node >/dev/null 2>&1; then
    echo "SKIPPED: node is not installed (run .ci/setup)"; exit 0
  fi
  if [[ ! -x "$servers_dir/node_modules/.bin/prism" || ! -d "$servers_dir/node_modules/oauth2-mock-server" ]]; then
    echo "SKIPPED: tests/servers/node_modules lacks @stoplight/prism-cli or oauth2-mock-server" \
         "(run .ci/setup or: npm ci --prefix tests/servers)"
    exit 0
  fi
}

# Waits until FILE has a line matching REGEX (or the process PID died); prints the match.
e2e_wait_for() {
  local file=$1 regex=$2 pid=$3 seconds=$4 i line
  for ((i = 0; i < seconds * 10; i++)); do
    line=$(grep -m1 -oE "$regex" "$file" 2>/dev/null || true)
    if [[ -n "$line" ]]; then echo "$line"; return 0; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "e2e: timed out waiting for /$regex/ in $file:" >&2
  tail -n 40 "$file" >&2
  return 1
}

e2e_start_oauth() {
  mkfifo "$e2e_tmp/oauth.stdin"
  # The server exits when its stdin closes: fd 7 keeps it open until this shell ends.
  node "$servers_dir/oauth_server.mjs" 0 <"$e2e_tmp/oauth.stdin" >"$e2e_tmp/oauth.log" 2>&1 &
  e2e_pids+=($!)
  exec 7>"$e2e_tmp/oauth.stdin"
  local port
  port=$(e2e_wait_for "$e2e_tmp/oauth.log" '"port":[0-9]+' "${e2e_pids[-1]}" 30) || return 1
  OAUTH_PORT=${port#\"port\":}
  export WINK_TOKEN_URL="http://127.0.0.1:$OAUTH_PORT/token"
  export WINK_CLIENT_ID=wink-test-client
  export WINK_CLIENT_SECRET='node s3cret:&+'
  unset WINK_SCOPE WINK_ENVIRONMENT
}

e2e_start_prism() {
  local doc=$1 log="$e2e_tmp/prism.$RANDOM.log" served
  # The mock serves a temporary copy without the defaults that contradict their schemas
  # (mock_document.mjs says why); sets MOCK_DROPPED_DEFAULTS.
  served="$e2e_tmp/mock.$RANDOM.${doc##*.}"
  MOCK_DROPPED_DEFAULTS=$(node "$(dirname "${BASH_SOURCE[0]}")/mock_document.mjs" "$doc" "$served" |
                          e2e_json_field dropped_defaults) || return 1
  "$servers_dir/node_modules/.bin/prism" mock -h 127.0.0.1 -p 0 ${E2E_PRISM_ARGS:-} "$served" >"$log" 2>&1 &
  e2e_pids+=($!)
  PRISM_LOG=$log
  local url
  url=$(e2e_wait_for "$log" 'Prism is listening on http://127\.0\.0\.1:[0-9]+' "${e2e_pids[-1]}" 300) || return 1
  PRISM_PORT=${url##*:}
  export WINK_API_BASE_URL="http://127.0.0.1:$PRISM_PORT"
}

# Reads one JSON summary line on stdin and prints FIELD (node is there: the servers need it).
e2e_json_field() {
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s)[process.argv[1]];
    console.log(typeof v==="object"?JSON.stringify(v):v)})' "$1"
}
