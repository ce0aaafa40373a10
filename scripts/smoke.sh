#!/usr/bin/env bash
# Starts Tandem the way the README says (a fresh data directory, embedded SQLite), checks that it
# answers, that the printed one-time administrator password signs in, that `tandem demo` fills
# the database, and that `tandem backup` / `tandem restore` carry it over. Uses the debug build.
set -euo pipefail
cd "$(dirname "$0")/.."
export SWIFT_BACKTRACE=enable=no LOG_LEVEL=warning
binary=.build/debug/tandem
port=${SMOKE_PORT:-18080}
data=$(mktemp -d)
log="$data/serve.log"
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT
# A failing step says which it was, with the server's last words and the step's own log.
trap 'echo "smoke: failed at line $LINENO" >&2; tail -20 "$log" "$data"/*.log >&2 2>/dev/null || true' ERR

if (echo > /dev/tcp/127.0.0.1/$port) 2>/dev/null; then echo "port $port is busy" >&2; exit 1; fi
TANDEM_DATA_DIR="$data" "$binary" serve --hostname 127.0.0.1 --port "$port" > "$log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
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
# An online backup of the running server, restored into a new data directory.
TANDEM_DATA_DIR="$data" "$binary" backup "$data/backup" > "$data/backup.log" 2>&1
TANDEM_DATA_DIR="$data/restored" "$binary" restore "$data/backup" > "$data/restore.log" 2>&1
# The command line explains itself and runs nothing when asked for help or given a wrong option.
(cd "$data" && "$OLDPWD/$binary" --help | grep -q "restore") 
(cd "$data" && "$OLDPWD/$binary" backup --help | grep -q "^Usage: tandem backup")
test ! -e "$data/--help"
if "$binary" backup --to "$data/elsewhere" 2>/dev/null; then echo "an unknown option was accepted" >&2; exit 1; fi
test ! -e "$data/elsewhere"
restored=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM needs').fetchone()[0])" "$data/restored/tandem.sqlite")
test "$restored" -eq 70
echo "smoke: serve, one-time admin password, demo with 70 needs, $count visible to a demo employee, backup and restore of $restored needs"
echo "smoke: 1 passed, 0 failed"
