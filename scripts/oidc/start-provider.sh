#!/usr/bin/env bash
# Starts the test OpenID provider — Django with django-oidc-provider, from PyPI, in its own venv —
# on a free loopback port, with Tandem (client `tandem`) allowed to come back to the redirect
# URIs given. Prints shell assignments: TANDEM_TEST_OIDC_ISSUER, TANDEM_TEST_OIDC_SECRET,
# TANDEM_TEST_OIDC_PID.     eval "$(scripts/oidc/start-provider.sh http://127.0.0.1:8080)"
# (the argument: Tandem's public URL; its /auth/oidc/callback and /sign-in are allowed).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tandem_url=${1:?the public URL of Tandem}
venv="$here/.venv"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import django, oidc_provider" 2>/dev/null; then
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install -q "django>=4.2,<5.2" "django-oidc-provider==0.9.0" >&2
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
data=$(mktemp -d /tmp/tandem-oidc.XXXXXX)
secret=$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')
export OIDC_TEST_DATA="$data" OIDC_TEST_SITE_URL="http://127.0.0.1:$port" OIDC_TEST_SECRET="$secret"
cd "$here/provider"
"$venv/bin/python" manage.py migrate -v 0 >&2
"$venv/bin/python" manage.py testsetup --redirect "$tandem_url/auth/oidc/callback" --post-logout "$tandem_url/sign-in" \
    --client-secret "$secret" >&2
"$venv/bin/python" manage.py runserver "127.0.0.1:$port" --noreload > "$data/provider.log" 2>&1 &
pid=$!
for _ in $(seq 1 50); do
    curl -sf "http://127.0.0.1:$port/openid/.well-known/openid-configuration" >/dev/null 2>&1 && break
    sleep 0.2
done
curl -sf "http://127.0.0.1:$port/openid/.well-known/openid-configuration" >/dev/null || { cat "$data/provider.log" >&2; exit 1; }
echo "TANDEM_TEST_OIDC_ISSUER=http://127.0.0.1:$port/openid"
echo "TANDEM_TEST_OIDC_SECRET=$secret"
echo "TANDEM_TEST_OIDC_PID=$pid"
