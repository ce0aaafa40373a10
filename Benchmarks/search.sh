#!/usr/bin/env bash
# Search alone, on a dataset a scale run kept (`KEEP=1 Benchmarks/scale.sh postgres` prints
# where): starts a release server on it, times each query of `search_queries.txt` alone, then
# drives wrk with them at 4 connections and at CONNECTIONS, as one reader, against the same
# server's /health/live.
#
#   DATASET_DIR=/tmp/tmp.x [DATABASE_URL=postgres://…] Benchmarks/search.sh [sqlite|postgres]
#   (env: READER=u00035, an agent of IT; READER=admin READER_PASSWORD=bench-admin-password for
#    an administrator; DURATION=15 CONNECTIONS=32)
needs_default=0 port_default=18183
: "${DATASET_DIR:?set DATASET_DIR (and DATABASE_URL on PostgreSQL) to a dataset that KEEP=1 Benchmarks/scale.sh kept}"
source "$(dirname "$0")/lib.sh"

reader=${READER:-u00035}
start_server
wait_for_jobs
token=$(cd Benchmarks && python3 -c 'import sys; from client import Client; print(Client(sys.argv[1]).token_for(sys.argv[2], sys.argv[3]))' \
    "http://127.0.0.1:$port" "$reader" "${READER_PASSWORD:-bench-password-1}")
echo "each query alone, as $reader (s):"
while read -r query || [ -n "$query" ]; do
    curl -sf -o /dev/null -w "  %{time_total}  " "http://127.0.0.1:$port/api/v1/search?q=$query" -H "Authorization: Bearer $token"
    python3 -c 'import sys, urllib.parse; print(urllib.parse.unquote(sys.argv[1]))' "$query"
done < "$data/queries"

run ceiling get.lua WRK_PATH=/health/live
CONNECTIONS_NOW=4 run "search/c4" read.lua WRK_TOKEN="$token" WRK_IDS="$data/queries" WRK_PREFIX="/api/v1/search?q="
run search read.lua WRK_TOKEN="$token" WRK_IDS="$data/queries" WRK_PREFIX="/api/v1/search?q="
printf '\nTandem search — %s, as %s, wrk -t2 -c4 / -c%s -d%ss, %s cores, %s\n' "$backend" "$reader" "$connections" "$duration" "$(nproc)" "$(date -u +%F)"
table ceiling search/c4 search
finish
