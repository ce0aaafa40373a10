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
set -euo pipefail
cd "$(dirname "$0")/.."
backend=${1:-sqlite}
needs=${NEEDS:-1000000}
duration=${DURATION:-15}
connections=${CONNECTIONS:-32}
port=${PORT:-18182}
export SWIFT_BACKTRACE=enable=no WRK_LIB="$PWD/Benchmarks/wrk"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }

swift build -c release --product tandem 2>&1 | tail -1
binary=.build/release/tandem
data=$(mktemp -d)
server=
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT

database_env=()
if [ "$backend" = postgres ]; then
    url=$(scripts/start-postgres.sh)
    bench_database="tandem_scale_$$"
    runuser -u postgres -- psql -qc "DROP DATABASE IF EXISTS $bench_database" -qc "CREATE DATABASE $bench_database OWNER tandem" >/dev/null
    database_env=(DATABASE_URL="${url%/tandem\?*}/$bench_database?tlsmode=disable")
fi
run_tandem() { env "${database_env[@]}" TANDEM_DATA_DIR="$data" TANDEM_ADMIN_PASSWORD=bench-admin-password LOG_LEVEL=warning "$binary" "$@"; }

started=$(date +%s)
run_tandem dataset --needs "$needs" | awk 'NR % 10 == 0 || /ready/' >&2
generated=$(( $(date +%s) - started ))
database_size=$(du -sh "$data" | cut -f1)

# NB: started directly (not through the function), so that $! is the server itself and its RSS is measured.
env "${database_env[@]}" TANDEM_DATA_DIR="$data" TANDEM_ADMIN_PASSWORD=bench-admin-password LOG_LEVEL=warning \
    "$binary" serve --hostname 127.0.0.1 --port "$port" > "$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
eval "$(python3 Benchmarks/scale_setup.py "http://127.0.0.1:$port" bench-admin-password "$data")"

# The first reader of the company dashboard counts it (every later one reads its snapshot,
# refreshed in the background once a minute): how long that first count takes.
first_dashboard=$(curl -sf -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/api/v1/dashboards/company" -H "Authorization: Bearer $MANAGER_TOKEN")

rss() { echo $(( $(ps -o rss= -p "$server") / 1024 )); }
declare -A result
run() {  # name, script, extra env... (CONNECTIONS_NOW overrides the connection count)
    local name=$1 script=$2; shift 2
    local line
    line=$(env "$@" wrk -t2 -c"${CONNECTIONS_NOW:-$connections}" -d"${duration}s" --latency -s "Benchmarks/wrk/$script" "http://127.0.0.1:$port" | grep '^RESULT')
    result[$name]="${line#RESULT } $(rss)"
}

run ceiling get.lua WRK_PATH=/health/live
run read read.lua WRK_TOKEN="$AGENT_TOKEN" WRK_IDS="$data/ids"
CONNECTIONS_NOW=4 run "page:queue/c4" get.lua WRK_SESSION="$AGENT_SESSION" WRK_PATH=/queue
run search read.lua WRK_TOKEN="$AGENT_TOKEN" WRK_IDS="$data/queries" WRK_PREFIX="/api/v1/search?q="
CONNECTIONS_NOW=4 run "search/c4" read.lua WRK_TOKEN="$AGENT_TOKEN" WRK_IDS="$data/queries" WRK_PREFIX="/api/v1/search?q="
CONNECTIONS_NOW=4 run "dashboard/c4" get.lua WRK_TOKEN="$MANAGER_TOKEN" WRK_PATH=/api/v1/dashboards/company
CONNECTIONS_NOW=4 run "page:dashboard/c4" get.lua WRK_SESSION="$MANAGER_SESSION" WRK_PATH=/dashboards/company
run raise raise.lua WRK_TOKEN="$REQUESTER_TOKEN" WRK_OFFERING="$OFFERING"

ceiling=$(echo "${result[ceiling]}" | cut -d' ' -f1)
total=$(curl -sf "http://127.0.0.1:$port/metrics" | awk '/^tandem_needs\{/ {sum += $2} END {print sum}')
printf '\nTandem scale benchmark — %s, %s needs (made in %s s, %s on disk), wrk -t2 -c%s -d%ss, %s cores, %s\n' \
    "$backend" "$total" "$generated" "$database_size" "$connections" "$duration" "$(nproc)" "$(date -u +%F)"
printf 'first count of the company dashboard: %s s\n' "$first_dashboard"
printf '%-18s %10s %9s %9s %9s %8s %8s %9s\n' endpoint "req/s" "p50 ms" "p95 ms" "p99 ms" non-2xx "RSS MB" "÷ ceiling"
for name in ceiling raise read page:queue/c4 search search/c4 dashboard/c4 page:dashboard/c4; do
    read -r rps p50 p95 p99 bad errors mem <<< "${result[$name]}"
    printf '%-18s %10s %9s %9s %9s %8s %8s %8.0f%%\n' "$name" "$rps" "$p50" "$p95" "$p99" "$((bad + errors))" "$mem" \
        "$(echo "100 * $rps / $ceiling" | bc -l)"
done
if [ "$backend" = postgres ]; then
    kill $server; wait $server 2>/dev/null || true
    runuser -u postgres -- psql -qc "DROP DATABASE IF EXISTS $bench_database" >/dev/null
fi
