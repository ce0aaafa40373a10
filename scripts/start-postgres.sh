#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages when missing, starts it on 127.0.0.1 only, and
# creates the role and database the tests use. Prints the URL to use as TANDEM_TEST_POSTGRES_URL.
# Run as root (CI and the development machines are). Safe to run again.
set -euo pipefail

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
    pg_createcluster "$version" main >&2
fi
conf=/etc/postgresql/$version/main/conf.d
mkdir -p "$conf"
cat > "$conf/tandem.conf" <<CONF
listen_addresses = '127.0.0.1'
# Throw-away test data: durability is not needed, speed is.
fsync = off
synchronous_commit = off
full_page_writes = off
# The tests run side by side: ~120 applications at once, each with its own pool.
max_connections = 1000
CONF
wait_for_server() {
    for _ in $(seq 1 30); do
        runuser -u postgres -- psql -qtAc "SELECT 1" >/dev/null 2>&1 && return
        sleep 1
    done
}
if ! pg_lsclusters -h | grep "^$version main" | grep -q online; then
    pg_ctlcluster "$version" main start >&2
fi
wait_for_server
# NB: installing the package may start the cluster before the settings above exist (100
# connections: too few for the tests' parallel applications); a restart applies them.
if [ "$(runuser -u postgres -- psql -qtAc 'SHOW max_connections')" != 1000 ]; then
    pg_ctlcluster "$version" main restart >&2
    wait_for_server
fi
runuser -u postgres -- psql -qtAc "SELECT 1 FROM pg_roles WHERE rolname='tandem'" | grep -q 1 \
    || runuser -u postgres -- psql -qc "CREATE ROLE tandem LOGIN SUPERUSER PASSWORD 'tandem'" >&2
runuser -u postgres -- psql -qtAc "SELECT 1 FROM pg_database WHERE datname='tandem'" | grep -q 1 \
    || runuser -u postgres -- psql -qc "CREATE DATABASE tandem OWNER tandem" >&2
echo "postgres://tandem:tandem@127.0.0.1:5432/tandem?tlsmode=disable"
