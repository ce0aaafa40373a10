#!/usr/bin/env bash
# The API benchmark of the foundation: a release build of Tandem on a fresh database, driven by
# wrk on 127.0.0.1. Prints one table: requests/s, p50/p95/p99 latency, server RSS, and each
# endpoint's ratio to the ceiling: /health/live, a route of the same server that does nothing.
#
#   Benchmarks/api.sh [sqlite|postgres]      (env: NEEDS=100000 DURATION=15 CONNECTIONS=32)
#
# Needs wrk (apt-get install wrk) and, for postgres, scripts/start-postgres.sh (run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
backend=${1:-sqlite}
needs=${NEEDS:-100000}
duration=${DURATION:-15}
connections=${CONNECTIONS:-32}
port=${PORT:-18181}
export SWIFT_BACKTRACE=enable=no WRK_LIB="$PWD/Benchmarks/wrk"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }

swift build -c release --product tandem 2>&1 | tail -1
binary=.build/release/tandem
data=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT

database_env=()
if [ "$backend" = postgres ]; then
    url=$(scripts/start-postgres.sh)
    bench_database="tandem_bench_$$"
    runuser -u postgres -- psql -qc "DROP DATABASE IF EXISTS $bench_database" -qc "CREATE DATABASE $bench_database OWNER tandem" >/dev/null
    database_env=(DATABASE_URL="${url%/tandem\?*}/$bench_database?tlsmode=disable")
fi
env "${database_env[@]}" TANDEM_DATA_DIR="$data" TANDEM_ADMIN_PASSWORD=bench-admin-password LOG_LEVEL=warning \
    "$binary" serve --hostname 127.0.0.1 --port "$port" > "$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
eval "$(python3 Benchmarks/setup.py "http://127.0.0.1:$port" bench-admin-password)"

rss() { echo $(( $(ps -o rss= -p "$server") / 1024 )); }
declare -A result
run() {  # name, script, extra env... (CONNECTIONS_NOW overrides the connection count)
    local name=$1 script=$2; shift 2
    local line
    line=$(env "$@" wrk -t2 -c"${CONNECTIONS_NOW:-$connections}" -d"${duration}s" --latency -s "Benchmarks/wrk/$script" "http://127.0.0.1:$port" | grep '^RESULT')
    result[$name]="${line#RESULT } $(rss)"
}

run ceiling get.lua WRK_PATH=/health/live
run raise raise.lua WRK_TOKEN="$REQUESTER_TOKEN" WRK_OFFERING="$OFFERING"
count() { curl -sf "http://127.0.0.1:$port/metrics" | awk '/^tandem_needs\{/ {sum += $2} END {print sum}'; }
have=$(count)
if [ "$have" -lt "$needs" ]; then
    echo "filling to $needs needs (have $have)…" >&2
    fill=$(( (needs - have) / 1500 + 5 ))
    env WRK_TOKEN="$REQUESTER_TOKEN" WRK_OFFERING="$OFFERING" \
        wrk -t2 -c"$connections" -d"${fill}s" -s Benchmarks/wrk/raise.lua "http://127.0.0.1:$port" >/dev/null
fi
# The follow-up jobs of every raised need (notifications, service-level deadlines) run in the
# background; the read runs start once they are done, and the time they took is printed.
jobs_left() { curl -sf "http://127.0.0.1:$port/metrics" | awk '/^tandem_jobs\{state="(pending|running)"\}/ {sum += $2} END {print sum + 0}'; }
drain_started=$(date +%s)
backlog=$(jobs_left)
for _ in $(seq 1 900); do [ "$(jobs_left)" -eq 0 ] && break; sleep 1; done
drained=$(( $(date +%s) - drain_started ))
echo "background: $backlog follow-up jobs done in ${drained} s" >&2
total=$(count)
curl -sf "http://127.0.0.1:$port/api/v1/needs?limit=200&sort=oldest" -H "Authorization: Bearer $REQUESTER_TOKEN" \
    | python3 -c '
import json, sys
items = json.load(sys.stdin)["items"]
open(sys.argv[1], "w").write("\n".join(n["id"] for n in items))
open(sys.argv[2], "w").write("\n".join(n["number"] for n in items))' "$data/ids" "$data/numbers"
run read read.lua WRK_TOKEN="$REQUESTER_TOKEN" WRK_IDS="$data/ids"
queue_path="/api/v1/needs?providing_department_id=$IT_DEPARTMENT&status=new,accepted,in_progress&sort=priority&limit=50"
run queue get.lua WRK_TOKEN="$AGENT_TOKEN" WRK_PATH="$queue_path"
# The same page under light load (4 connections): how long one agent waits for it.
CONNECTIONS_NOW=4 run "queue/c4" get.lua WRK_TOKEN="$AGENT_TOKEN" WRK_PATH="$queue_path"
# The pages people use, signed in with a session cookie: a need's page and the provider queue.
run "page:need" read.lua WRK_SESSION="$REQUESTER_SESSION" WRK_IDS="$data/numbers" WRK_PREFIX=/needs/
CONNECTIONS_NOW=4 run "page:need/c4" read.lua WRK_SESSION="$REQUESTER_SESSION" WRK_IDS="$data/numbers" WRK_PREFIX=/needs/
run "page:queue" get.lua WRK_SESSION="$AGENT_SESSION" WRK_PATH=/queue
CONNECTIONS_NOW=4 run "page:queue/c4" get.lua WRK_SESSION="$AGENT_SESSION" WRK_PATH=/queue
# A scorecard reads every need the provider got in the quarter (here: all of them).
CONNECTIONS_NOW=4 run "scorecard/c4" get.lua WRK_TOKEN="$AGENT_TOKEN" WRK_PATH="/api/v1/departments/$IT_DEPARTMENT/scorecard"

ceiling=$(echo "${result[ceiling]}" | cut -d' ' -f1)
printf '\nTandem API benchmark — %s, %s needs, wrk -t2 -c%s -d%ss, %s cores, %s\n' "$backend" "$total" "$connections" "$duration" "$(nproc)" "$(date -u +%F)"
printf '%-13s %10s %9s %9s %9s %8s %8s %9s\n' endpoint "req/s" "p50 ms" "p95 ms" "p99 ms" non-2xx "RSS MB" "÷ ceiling"
for name in ceiling raise read queue queue/c4 page:need page:need/c4 page:queue page:queue/c4 scorecard/c4; do
    read -r rps p50 p95 p99 bad errors mem <<< "${result[$name]}"
    printf '%-13s %10s %9s %9s %9s %8s %8s %8.0f%%\n' "$name" "$rps" "$p50" "$p95" "$p99" "$((bad + errors))" "$mem" \
        "$(echo "100 * $rps / $ceiling" | bc -l)"
done
if [ "$backend" = postgres ]; then
    kill $server; wait $server 2>/dev/null || true
    runuser -u postgres -- psql -qc "DROP DATABASE IF EXISTS $bench_database" >/dev/null
fi
