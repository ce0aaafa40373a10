# Shared by the benchmark scripts (sourced): options, the release build, a fresh database, the
# server, wrk runs and the result table. The caller sets `needs_default` and `port_default`.
set -euo pipefail
cd "$(dirname "$0")/.."
backend=${1:-sqlite}
needs=${NEEDS:-$needs_default}
duration=${DURATION:-15}
connections=${CONNECTIONS:-32}
port=${PORT:-$port_default}
export SWIFT_BACKTRACE=enable=no WRK_LIB="$PWD/Benchmarks/wrk"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
if curl -s -o /dev/null "http://127.0.0.1:$port/health/live"; then
    echo "port $port is taken: stop what listens there (an earlier benchmark's server?)" >&2
    exit 1
fi

swift build -c release --product tandem 2>&1 | tail -1
binary=.build/release/tandem
# KEEP=1 keeps the dataset (the data directory and the PostgreSQL database) for later runs;
# DATASET_DIR (with DATABASE_URL on PostgreSQL) runs on such a kept dataset instead of a new one.
if [ -n "${DATASET_DIR:-}" ]; then
    data=$DATASET_DIR keep=1
else
    data=$(mktemp -d) keep=${KEEP:-}
fi
server=
trap 'kill $server 2>/dev/null || true; [ -n "$keep" ] || rm -rf "$data"' EXIT

database_env=()
if [ -n "${DATASET_DIR:-}" ]; then
    if [ -n "${DATABASE_URL:-}" ]; then database_env=(DATABASE_URL="$DATABASE_URL"); fi
elif [ "$backend" = postgres ]; then
    url=$(scripts/start-postgres.sh)
    bench_database="tandem_bench_$$"
    runuser -u postgres -- psql -qc "DROP DATABASE IF EXISTS $bench_database" -qc "CREATE DATABASE $bench_database OWNER tandem" >/dev/null
    database_env=(DATABASE_URL="${url%/tandem\?*}/$bench_database?tlsmode=disable")
fi

# Runs a tandem command on the benchmark's database.
tandem() { env "${database_env[@]}" TANDEM_DATA_DIR="$data" TANDEM_ADMIN_PASSWORD=bench-admin-password LOG_LEVEL=warning "$binary" "$@"; }

# Starts the server (directly, so that $server is its own process and its RSS is what is measured).
start_server() {
    env "${database_env[@]}" TANDEM_DATA_DIR="$data" TANDEM_ADMIN_PASSWORD=bench-admin-password LOG_LEVEL=warning \
        "$binary" serve --hostname 127.0.0.1 --port "$port" > "$data/server.log" 2>&1 &
    server=$!
    for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && return; sleep 0.2; done
    echo "the server did not start; its log:" >&2
    cat "$data/server.log" >&2
    exit 1
}

# The background jobs a kept dataset still owes (the notifications of an earlier run's raises)
# would share the two cores with what is measured: waits for them.
wait_for_jobs() {
    local owed
    while :; do
        owed=$(curl -sf "http://127.0.0.1:$port/metrics" | awk '/^tandem_jobs\{state="(pending|running)"\}/ {sum += $2} END {print sum + 0}')
        [ "$owed" -eq 0 ] && break
        echo "waiting for $owed background jobs" >&2
        sleep 10
    done
}

rss() { echo $(( $(ps -o rss= -p "$server") / 1024 )); }
declare -A result
run() {  # name, script, extra env... (CONNECTIONS_NOW overrides the connection count)
    local name=$1 script=$2; shift 2
    local line
    line=$(env "$@" wrk -t2 -c"${CONNECTIONS_NOW:-$connections}" -d"${duration}s" --latency -s "Benchmarks/wrk/$script" "http://127.0.0.1:$port" | grep '^RESULT')
    result[$name]="${line#RESULT } $(rss)"
}

# Prints the table of the named runs, each against the ceiling.
table() {
    local ceiling rps p50 p95 p99 bad errors mem
    ceiling=$(echo "${result[ceiling]}" | cut -d' ' -f1)
    printf '%-18s %10s %9s %9s %9s %8s %8s %9s\n' endpoint "req/s" "p50 ms" "p95 ms" "p99 ms" non-2xx "RSS MB" "÷ ceiling"
    for name in "$@"; do
        read -r rps p50 p95 p99 bad errors mem <<< "${result[$name]}"
        printf '%-18s %10s %9s %9s %9s %8s %8s %8.0f%%\n' "$name" "$rps" "$p50" "$p95" "$p99" "$((bad + errors))" "$mem" \
            "$(echo "100 * $rps / $ceiling" | bc -l)"
    done
}

# Stops the server and drops the benchmark's PostgreSQL database, or says where the kept dataset is.
finish() {
    kill $server; wait $server 2>/dev/null || true
    if [ -n "$keep" ]; then
        echo "dataset kept: DATASET_DIR=$data ${database_env[*]}"
    elif [ "$backend" = postgres ]; then
        runuser -u postgres -- psql -qc "DROP DATABASE IF EXISTS $bench_database" >/dev/null
    fi
}
