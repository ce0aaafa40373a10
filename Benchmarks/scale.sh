#!/usr/bin/env bash
# The scale benchmark: a release build of Tandem on a deterministic dataset of a million needs
# (30 departments, 2,000 people, Chinese and English text, histories, replies, notes, ratings),
# made through the store's bulk path by `tandem dataset`, then driven by wrk on 127.0.0.1.
# Prints one table — requests/s, p50/p95/p99 latency, server RSS — with each endpoint's ratio
# to the ceiling (/health/live on the same server), and how long the dataset took.
#
#   Benchmarks/scale.sh [sqlite|postgres]      (env: NEEDS=1000000 DURATION=15 CONNECTIONS=32)
#
# Needs wrk (apt-get install wrk) and, for postgres, scripts/start-postgres.sh (run as root).
needs_default=1000000 port_default=18182
source "$(dirname "$0")/lib.sh"

# DATASET_DIR (see lib.sh) runs on a kept dataset: nothing is generated then.
generated=-
if [ -z "${DATASET_DIR:-}" ]; then
    started=$(date +%s)
    tandem dataset --needs "$needs" | awk 'NR % 10 == 0 || /ready/' >&2
    generated=$(( $(date +%s) - started ))
fi
database_size=$(du -sh "$data" | cut -f1)

start_server
wait_for_jobs
eval "$(python3 Benchmarks/scale_setup.py "http://127.0.0.1:$port" bench-admin-password "$data")"

# The first reader of the company dashboard counts it (every later one reads its snapshot,
# refreshed in the background once a minute): how long that first count takes.
first_dashboard=$(curl -sf -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/api/v1/dashboards/company" -H "Authorization: Bearer $MANAGER_TOKEN")

run ceiling get.lua WRK_PATH=/health/live
run read read.lua WRK_TOKEN="$AGENT_TOKEN" WRK_IDS="$data/ids"
CONNECTIONS_NOW=4 run "page:queue/c4" get.lua WRK_SESSION="$AGENT_SESSION" WRK_PATH=/queue
run search read.lua WRK_TOKEN="$AGENT_TOKEN" WRK_IDS="$data/queries" WRK_PREFIX="/api/v1/search?q="
CONNECTIONS_NOW=4 run "search/c4" read.lua WRK_TOKEN="$AGENT_TOKEN" WRK_IDS="$data/queries" WRK_PREFIX="/api/v1/search?q="
CONNECTIONS_NOW=4 run "dashboard/c4" get.lua WRK_TOKEN="$MANAGER_TOKEN" WRK_PATH=/api/v1/dashboards/company
CONNECTIONS_NOW=4 run "page:dashboard/c4" get.lua WRK_SESSION="$MANAGER_SESSION" WRK_PATH=/dashboards/company
run raise raise.lua WRK_TOKEN="$REQUESTER_TOKEN" WRK_OFFERING="$OFFERING"

total=$(curl -sf "http://127.0.0.1:$port/metrics" | awk '/^tandem_needs\{/ {sum += $2} END {print sum}')
printf '\nTandem scale benchmark — %s, %s needs (made in %s s, %s on disk), wrk -t2 -c%s -d%ss, %s cores, %s\n' \
    "$backend" "$total" "$generated" "$database_size" "$connections" "$duration" "$(nproc)" "$(date -u +%F)"
printf 'first count of the company dashboard: %s s\n' "$first_dashboard"
table ceiling raise read page:queue/c4 search search/c4 dashboard/c4 page:dashboard/c4
finish
