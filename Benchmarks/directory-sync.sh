#!/usr/bin/env bash
# The directory sync at a company's size: Debian's slapd holding PEOPLE people (10,000) in
# DEPARTMENTS units (800, two levels, each person with a manager), a release build of Tandem on a
# fresh database, and `tandem directory-sync` timed three times: the dry run, the first run
# (creates everything) and the second (changes nothing).
#
#   Benchmarks/directory-sync.sh [sqlite|postgres]   (env: PEOPLE=10000 DEPARTMENTS=800)
needs_default=0 port_default=18185
source "$(dirname "$0")/lib.sh"
people=${PEOPLE:-10000}
departments=${DEPARTMENTS:-800}
started=$(date +%s.%N)
eval "$(scripts/ldap/start-slapd.sh --people "$people" --departments "$departments")"
trap 'kill "$(cat "$TANDEM_TEST_LDAP_DIR/slapd.pid")" 2>/dev/null || true; [ -n "$keep" ] || rm -rf "$data"' EXIT
printf 'directory of %s people in %s units loaded into slapd in %.1f s\n' "$people" "$departments" "$(echo "$(date +%s.%N) - $started" | bc)"
export TANDEM_LDAP_URL=$TANDEM_TEST_LDAP_URL TANDEM_LDAP_CA_FILE=$TANDEM_TEST_LDAP_CA TANDEM_LDAP_BASE_DN=dc=example,dc=com \
    TANDEM_LDAP_BIND_DN=cn=tandem,ou=service,dc=example,dc=com TANDEM_LDAP_BIND_PASSWORD=tandem-service-password \
    TANDEM_LDAP_UNITS_DN=ou=departments,dc=example,dc=com TANDEM_LDAP_UNIT_CODE_ATTRIBUTE=businessCategory
for step in --dry-run "" ""; do
    began=$(date +%s.%N)
    tandem directory-sync $step | tail -1
    printf '  took %.1f s\n' "$(echo "$(date +%s.%N) - $began" | bc)"
done
printf '\nTandem directory sync — %s, %s people in %s units, %s cores, %s\n' "$backend" "$people" "$departments" "$(nproc)" "$(date -u +%F)"
if [ "$backend" = postgres ]; then runuser -u postgres -- psql -qc "DROP DATABASE IF EXISTS $bench_database" >/dev/null; fi
