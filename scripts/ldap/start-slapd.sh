#!/usr/bin/env bash
# Starts Debian's slapd (installed if missing) on two free loopback ports — ldap:// with StartTLS
# and ldaps:// — with a certificate authority made here, filled with the LDIF that directory.py
# prints (its arguments passed on). Prints shell assignments: TANDEM_TEST_LDAP_URL,
# TANDEM_TEST_LDAPS_URL, TANDEM_TEST_LDAP_CA and TANDEM_TEST_LDAP_DIR (where it runs; its pid in
# slapd.pid).   eval "$(scripts/ldap/start-slapd.sh)"
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v slapd >/dev/null || ! command -v slapadd >/dev/null; then
    sudo_prefix=""; [ "$(id -u)" -ne 0 ] && sudo_prefix="sudo"
    $sudo_prefix apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo_prefix apt-get install -y -qq slapd ldap-utils >&2
fi
PATH=$PATH:/usr/sbin
dir=$(mktemp -d /tmp/tandem-slapd.XXXXXX)
mkdir -p "$dir/data"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
port=$(free_port)
tls_port=$(free_port)

# A certificate authority and the server's certificate for 127.0.0.1 and localhost.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Tandem test CA" -keyout "$dir/ca.key" -out "$dir/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > "$dir/san.ext"
openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days 2 \
    -extfile "$dir/san.ext" -out "$dir/server.pem" 2>/dev/null

cat > "$dir/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/nis.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload ppolicy
pidfile $dir/slapd.pid
argsfile $dir/slapd.args
TLSCACertificateFile $dir/ca.pem
TLSCertificateFile $dir/server.pem
TLSCertificateKeyFile $dir/server.key
sizelimit 500
database mdb
maxsize 1073741824
suffix "dc=example,dc=com"
rootdn "cn=admin,dc=example,dc=com"
rootpw admin-password
directory $dir/data
# The service account reads a page of 500 at a time, as many pages as it asks (as Active
# Directory lets it): a search without paging stops at 500 entries.
limits dn.exact="cn=tandem,ou=service,dc=example,dc=com" size.soft=500 size.hard=500 size.pr=500 size.prtotal=unlimited
overlay ppolicy
ppolicy_default "cn=default,ou=policies,dc=example,dc=com"
access to attrs=userPassword by self write by anonymous auth by * none
access to * by dn.exact="cn=tandem,ou=service,dc=example,dc=com" read by self read by * none
CONF
python3 "$here/directory.py" "$@" > "$dir/company.ldif"
slapadd -q -f "$dir/slapd.conf" -l "$dir/company.ldif" >&2
slapd -f "$dir/slapd.conf" -h "ldap://127.0.0.1:$port/ ldaps://127.0.0.1:$tls_port/" >&2
for _ in $(seq 1 50); do
    ldapsearch -x -H "ldap://127.0.0.1:$port" -b "" -s base >/dev/null 2>&1 && break
    sleep 0.1
done
echo "TANDEM_TEST_LDAP_URL=ldap://127.0.0.1:$port"
echo "TANDEM_TEST_LDAPS_URL=ldaps://127.0.0.1:$tls_port"
echo "TANDEM_TEST_LDAP_CA=$dir/ca.pem"
echo "TANDEM_TEST_LDAP_DIR=$dir"
