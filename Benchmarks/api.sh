#!/usr/bin/env bash
# The API benchmark of the foundation: a release build of Tandem on a fresh database, driven by
# wrk on 127.0.0.1. Prints one table: requests/s, p50/p95/p99 latency, server RSS, and each
# endpoint's ratio to the ceiling: /health/live, a route of the same server that does nothing.
#
#   Benchmarks/api.sh [sqlite|postgres]      (env: NEEDS=100000 DURATION=15 CONNECTIONS=32)
#
# Needs wrk (apt-get install wrk) and, for postgres, scripts/start-postgres.sh (run as root).
needs_default=100000 port_default=18181
source "$(dirname "$0")/lib.sh"
start_server
eval "$(python3 Benchmarks/setup.py "http://127.0.0.1:$port" bench-admin-password)"

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

printf '\nTandem API benchmark — %s, %s needs, wrk -t2 -c%s -d%ss, %s cores, %s\n' "$backend" "$total" "$connections" "$duration" "$(nproc)" "$(date -u +%F)"
table ceiling raise read queue queue/c4 page:need page:need/c4 page:queue page:queue/c4 scorecard/c4
finish
