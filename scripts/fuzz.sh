#!/usr/bin/env bash
# Fuzzes the API against its own OpenAPI document with schemathesis (PyPI), signed in as an
# administrator: no answer may be a 5xx, and every answer must fit the document's schema.
#   scripts/fuzz.sh [MAX_EXAMPLES] [SEED]      (defaults: 20 examples an operation, a fixed seed)
set -euo pipefail
cd "$(dirname "$0")/.."
export SWIFT_BACKTRACE=enable=no
examples=${1:-20}
seed=${2:-289918108345456211582280845502760504062}
port=${FUZZ_PORT:-18484}
python3 -m pip install -q schemathesis >/dev/null 2>&1 || python3 -m pip install -q --break-system-packages schemathesis
data=$(mktemp -d)
TANDEM_DATA_DIR="$data" TANDEM_ADMIN_PASSWORD=fuzz-admin-password LOG_LEVEL=warning \
    .build/debug/tandem serve --hostname 127.0.0.1 --port "$port" > "$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health/live" >/dev/null && break; sleep 0.2; done
session=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/auth/sign-in" -H 'Content-Type: application/json' \
    -d '{"login":"admin","password":"fuzz-admin-password"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["session_token"])')
token=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/me/tokens" -H 'Content-Type: application/json' \
    -H "Cookie: tandem_session=$session" -d '{"name":"fuzz"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
# Signing out and revoking tokens would end the fuzzer's own session, so those stay out.
python3 -m schemathesis.cli run "http://127.0.0.1:$port/api/v1/openapi.json" -H "Authorization: Bearer $token" \
    --checks not_a_server_error,response_schema_conformance --max-examples "$examples" --seed "$seed" \
    --exclude-path-regex 'sign-out|/me/tokens/' 2>&1 | tail -${FUZZ_LINES:-25}
if grep -q "unexpected error" "$data/server.log"; then
    echo "the server logged unexpected errors:"; grep "unexpected error" "$data/server.log" | head -5
    exit 1
fi
