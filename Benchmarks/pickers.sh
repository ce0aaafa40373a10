#!/usr/bin/env bash
# The type-ahead pickers at a company's size: a release build on a fresh database holding
# 10,000 people in 800 departments (`tandem dataset --needs 0`), then wrk on each picker with
# queries as people type them (a surname, pinyin, initials, a login, a department's code or
# name), taken round-robin, signed in as a manager with a page session.
#
#   Benchmarks/pickers.sh [sqlite|postgres]   (env: PEOPLE=10000 DEPARTMENTS=800 DURATION=15 CONNECTIONS=32)
needs_default=0 port_default=18184
source "$(dirname "$0")/lib.sh"
people=${PEOPLE:-10000}
departments=${DEPARTMENTS:-800}
started=$(date +%s)
tandem dataset --needs 0 --people "$people" --departments "$departments" | tail -1
echo "directory made in $(( $(date +%s) - started )) s" >&2
start_server
session=$(cd Benchmarks && python3 -c 'import sys; from client import Client; print(Client(sys.argv[1]).session_for("u00001"))' \
    "http://127.0.0.1:$port")
# u00001 manages the first department (SALES); the fifth, IT, is a provider whose agents a need is assigned to.
it=$(curl -sf "http://127.0.0.1:$port/pickers/departments?q=IT" -H "Cookie: tandem_session=$session" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["value"])')
python3 - "$data" <<'PY'
import sys, urllib.parse
people = ["王", "wang", "w", "wxm", "王小明", "li", "lihua", "zhang", "zj", "张建国", "chen", "刘", "yang", "zhao",
          "huang", "hj", "zhou", "wu", "xu", "sun", "hu", "zhu", "gao", "lin", "he", "guo", "ma", "luo", "u00042",
          "u0999", "xiaom", "lv", "ting", "朱", "gj", "majun"]
departments = ["xs", "销售", "IT", "it", "hua", "华东", "sales-e", "hdxs", "caiwu", "财务部", "FIN12", "rlzy", "研发", "yf",
               "d", "部", "SALES-S7", "shuju", "安全", "pur"]
folder = sys.argv[1]
open(f"{folder}/people-queries", "w").write("\n".join(urllib.parse.quote(q) for q in people))
open(f"{folder}/department-queries", "w").write("\n".join(urllib.parse.quote(q) for q in departments))
PY
echo "each query alone (s): people, then departments" >&2
for file in people-queries department-queries; do
    kind=${file%%-*}; [ "$kind" = department ] && kind=departments
    while read -r query || [ -n "$query" ]; do
        printf '  %s %s\n' "$(curl -sf -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/pickers/$kind?q=$query" \
            -H "Cookie: tandem_session=$session")" "$query"
    done < "$data/$file" | sort -rn | head -3 >&2
done

run ceiling get.lua WRK_PATH=/health/live
for c in 4 "$connections"; do
    CONNECTIONS_NOW=$c run "people/c$c" read.lua WRK_SESSION="$session" WRK_IDS="$data/people-queries" WRK_PREFIX="/pickers/people?q="
    CONNECTIONS_NOW=$c run "assignees/c$c" read.lua WRK_SESSION="$session" WRK_IDS="$data/people-queries" \
        WRK_PREFIX="/pickers/people?serving=1&department=$it&q="
    CONNECTIONS_NOW=$c run "departments/c$c" read.lua WRK_SESSION="$session" WRK_IDS="$data/department-queries" \
        WRK_PREFIX="/pickers/departments?q="
    CONNECTIONS_NOW=$c run "api:people/c$c" read.lua WRK_SESSION="$session" WRK_IDS="$data/people-queries" \
        WRK_PREFIX="/api/v1/people?limit=20&q="
done
printf '\nTandem pickers — %s, %s people in %s departments, wrk -t2 -d%ss, %s cores, %s\n' \
    "$backend" "$people" "$departments" "$duration" "$(nproc)" "$(date -u +%F)"
table ceiling people/c4 assignees/c4 departments/c4 api:people/c4 "people/c$connections" "assignees/c$connections" \
    "departments/c$connections" "api:people/c$connections"
finish
