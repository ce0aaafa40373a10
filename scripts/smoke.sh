#!/usr/bin/env bash
# Starts Tandem the way the README says (a fresh data directory, embedded SQLite), checks that it
# answers, that the printed one-time administrator password signs in, and that `tandem demo`
# fills the database. Uses the debug build in .build/debug.
set -euo pipefail
cd "$(dirname "$0")/.."
export SWIFT_BACKTRACE=enable=no LOG_LEVEL=warning
binary=.build/debug/tandem
port=${SMOKE_PORT:-18080}
data=$(mktemp -d)
log="$data/serve.log"
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT

if (echo > /dev/tcp/127.0.0.1/$port) 2>/dev/null; then echo "port $port is busy" >&2; exit 1; fi
TANDEM_DATA_DIR="$data" "$binary" serve --hostname 127.0.0.1 --port "$port" > "$log" 2>&1 &
server=$!
for _ in $(seq 1 60); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    sleep 0.5
done
curl -sf "http://127.0.0.1:$port/health" | grep -q '"status":"ok"'
test -f "$data/tandem.sqlite"
password=$(sed -n 's/^ *password: *//p' "$log" | head -1)
test -n "$password"
curl -sf -X POST "http://127.0.0.1:$port/api/v1/auth/sign-in" -H 'Content-Type: application/json' \
    -d "{\"login\":\"admin\",\"password\":\"$password\"}" | grep -q '"login":"admin"'
TANDEM_DATA_DIR="$data" "$binary" demo --needs 70 > "$data/demo.log" 2>&1
grep -q "70 needs" "$data/demo.log"
token=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/auth/sign-in" -H 'Content-Type: application/json' \
    -d '{"login":"xiaoming.wang","password":"tandem-demo-2026"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["session_token"])')
count=$(curl -sf "http://127.0.0.1:$port/api/v1/needs?limit=200" -H "Cookie: tandem_session=$token" \
    | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
test "$count" -gt 0
echo "smoke: serve, one-time admin password, demo with 70 needs, $count visible to a demo employee"
echo "smoke: 1 passed, 0 failed"
