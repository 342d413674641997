#!/usr/bin/env bash
# Production smoke test, run natively (no Docker): the same shape as
# docker-compose.yml -- DJANGO_DEBUG=0, PostgreSQL, Redis broker and cache,
# gunicorn, Celery worker and beat -- against the local PostgreSQL and Redis.
#
#   scripts/smoke_prod.sh
#
# Environment (all optional):
#   VENV        virtualenv with the project installed        (default: .venv)
#   SMOKE_PORT  port for gunicorn on 127.0.0.1               (default: 8765, or a free one)
#   PGHOST/PGPORT/PGUSER  PostgreSQL for the throwaway database gwa_smoke
#                                               (default: 127.0.0.1 / 5432 / postgres, trust auth)
#   SMOKE_REDIS redis base URL; DB 14 (broker) and 15 (cache) are FLUSHED
#                                               (default: redis://127.0.0.1:6379)
#
# The database gwa_smoke is dropped and recreated at the start and dropped at the end.
# Exit status 0 and "SMOKE OK" on success; on failure the service logs are printed.
set -euo pipefail

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd -- "$SCRIPT_DIR/.." && pwd -P)"
cd "$REPO_ROOT"

VENV="${VENV:-.venv}"
[[ -d "$VENV/bin" ]] || { echo "SMOKE FAILED: no virtualenv at $VENV (set VENV)" >&2; exit 1; }
BIN="$(cd -- "$VENV/bin" && pwd -P)"
PY="$BIN/python"
PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
SMOKE_DB=gwa_smoke
SMOKE_REDIS="${SMOKE_REDIS:-redis://127.0.0.1:6379}"
SMOKE_REDIS="${SMOKE_REDIS%/}"
export PGHOST PGPORT PGUSER

START=$SECONDS
step() { printf '\n==> [%3ds] %s\n' "$((SECONDS - START))" "$*"; }
fail() { printf '\nSMOKE FAILED: %s\n' "$*" >&2; exit 1; }

for f in python celery gunicorn; do
  [[ -x "$BIN/$f" ]] || fail "$BIN/$f not found (set VENV to a virtualenv with the project installed)"
done
for cmd in createdb dropdb pg_isready setsid timeout; do
  command -v "$cmd" >/dev/null 2>&1 || fail "'$cmd' not found"
done

TMP="$(mktemp -d "${TMPDIR:-/tmp}/gwa-smoke.XXXXXX")"
PIDS=()          # process-group leaders started with setsid
DB_CREATED=0

stop_group() {   # TERM the whole process group, wait up to 10 s, then KILL
  local pid=$1 i
  kill -TERM -- "-$pid" 2>/dev/null || return 0
  for ((i = 0; i < 50; i++)); do
    kill -0 -- "-$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  if ((${#PIDS[@]})); then
    step "Stopping SMTP sink, gunicorn, celery worker and beat"
    local pid
    for pid in "${PIDS[@]}"; do stop_group "$pid" & done
    wait
  fi
  if ((rc != 0)); then
    local log
    for log in "$TMP"/*.log; do
      [[ -s "$log" ]] || continue
      printf '\n----- %s (last 80 lines) -----\n' "$(basename "$log")" >&2
      tail -n 80 "$log" >&2
    done
  fi
  if ((DB_CREATED)); then
    step "Dropping database $SMOKE_DB"
    dropdb --if-exists --force "$SMOKE_DB" || echo "warning: could not drop $SMOKE_DB" >&2
  fi
  rm -rf "$TMP"
  if ((rc == 0)); then
    printf '\nSMOKE OK (%ds)\n' "$((SECONDS - START))"
  else
    printf '\nSMOKE FAILED (exit %d after %ds)\n' "$rc" "$((SECONDS - START))" >&2
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Start a command in its own session/process group (so cleanup can kill its children too).
# Not a job-control shell, so the background child is not a group leader and setsid
# does not fork: $! is the group leader's pid.
start_bg() {
  local log=$1; shift
  setsid "$@" </dev/null >"$TMP/$log" 2>&1 &
  PIDS+=("$!")
}

port_free() {
  "$PY" - "$1" <<'PY'
import socket, sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
PY
}

# ---------------------------------------------------------------------------
step "Preparing: PostgreSQL database $SMOKE_DB, Redis DBs 14/15, port"
pg_isready -q -t 5 || fail "PostgreSQL at $PGHOST:$PGPORT is not ready"
PORT="${SMOKE_PORT:-8765}"
if ! port_free "$PORT"; then
  [[ -z "${SMOKE_PORT:-}" ]] || fail "SMOKE_PORT=$PORT is in use"
  PORT="$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
fi
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
SMTP_PORT="$(free_port)"
echo "gunicorn port: $PORT, SMTP sink port: $SMTP_PORT"
dropdb --if-exists --force "$SMOKE_DB"
createdb "$SMOKE_DB"
DB_CREATED=1
"$PY" - "$SMOKE_REDIS/14" "$SMOKE_REDIS/15" <<'PY'
import sys, redis
for url in sys.argv[1:]:
    r = redis.Redis.from_url(url, socket_connect_timeout=3)
    r.flushdb()
    print(f"flushed {url}")
PY

# Production environment, as in docker-compose.yml.
export DJANGO_SETTINGS_MODULE=gwa_portal.settings
export DJANGO_DEBUG=0
DJANGO_SECRET_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(48))')"
export DJANGO_SECRET_KEY
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DJANGO_CSRF_TRUSTED_ORIGINS="https://127.0.0.1:$PORT"
export DJANGO_SECURE_SSL_REDIRECT=1
export DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$SMOKE_DB"
export CELERY_BROKER_URL="$SMOKE_REDIS/14"
export REDIS_URL="$SMOKE_REDIS/15"
# An SMTP sink (aiosmtpd, a dev dependency) stands in for Mailpit: Django 6.1's
# `check --deploy` rejects the locmem/console mail backends (mail.E001).
export EMAIL_URL="smtp://127.0.0.1:$SMTP_PORT"
export DEFAULT_FROM_EMAIL="GWA-Portal Smoke <smoke@example.org>"
export GWA_ORGANIZER_EMAIL=fachstelle@example.org
export GWA_BASE_URL="https://127.0.0.1:$PORT"
HEALTHZ_TOKEN="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(24))')"
export HEALTHZ_TOKEN
export PYTHONUNBUFFERED=1
export PATH="$BIN:$PATH"

# ---------------------------------------------------------------------------
step "manage.py check --deploy --fail-level WARNING"
"$PY" manage.py check --deploy --fail-level WARNING

step "manage.py migrate --noinput"
"$PY" manage.py migrate --noinput -v 0

step "manage.py collectstatic --noinput"
"$PY" manage.py collectstatic --noinput -v 1

step "manage.py seed_demo --force"
"$PY" manage.py seed_demo --force

# ---------------------------------------------------------------------------
step "Starting SMTP sink, gunicorn (2 workers, 127.0.0.1:$PORT), celery worker and beat"
"$PY" -c 'import aiosmtpd' 2>/dev/null || fail "aiosmtpd missing in $VENV (pip install -e '.[dev]')"
start_bg smtp.log "$PY" -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Debugging
NODE="smoke-$$-$RANDOM@$("$PY" -c 'import socket; print(socket.gethostname())')"
GUNICORN_EXTRA=()
# gunicorn >= 25.1 opens a control socket in ~/.gunicorn shared by all instances; not here.
if "$BIN/gunicorn" --help 2>/dev/null | grep -q -- --no-control-socket; then
  GUNICORN_EXTRA+=(--no-control-socket)
fi
start_bg gunicorn.log "$BIN/gunicorn" gwa_portal.wsgi:application \
  --config python:gwa_portal.gunicorn_conf \
  --bind "127.0.0.1:$PORT" --workers 2 --timeout 30 --graceful-timeout 5 \
  "${GUNICORN_EXTRA[@]}"
start_bg worker.log "$BIN/celery" -A gwa_portal worker -l info \
  --concurrency 1 --hostname "$NODE" --without-gossip --without-mingle
start_bg beat.log "$BIN/celery" -A gwa_portal beat -l info \
  --schedule "$TMP/celerybeat-schedule"
echo "smtp pgid ${PIDS[0]}, gunicorn pgid ${PIDS[1]}, worker pgid ${PIDS[2]} ($NODE), beat pgid ${PIDS[3]}"

# ---------------------------------------------------------------------------
step "Waiting for /healthz/ (max 30 s)"
"$PY" - "$PORT" <<'PY'
import json, os, sys, time, urllib.error, urllib.request

url = f"http://127.0.0.1:{sys.argv[1]}/healthz/"
# Backend names only with the monitoring token; anonymous callers get ok/error per check.
token = {"Authorization": f"Bearer {os.environ['HEALTHZ_TOKEN']}"}
deadline = time.monotonic() + 30
last = "no answer"
while True:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=token), timeout=5) as resp:
            status, body = resp.status, resp.read()
    except urllib.error.HTTPError as exc:  # 503 and friends still carry the JSON
        status, body = exc.code, exc.read()
    except OSError as exc:
        status, body = None, b""
        last = repr(exc)
    if status is not None:
        last = f"HTTP {status}: {body[:300]!r}"
        if status == 200:
            break
    if time.monotonic() > deadline:
        sys.exit(f"/healthz/ not healthy after 30 s, last: {last}")
    time.sleep(0.5)

data = json.loads(body)
print(json.dumps(data, indent=2))
assert data["status"] == "ok", data
checks = data["checks"]
for name in ("database", "cache", "broker"):
    assert checks[name]["ok"], (name, checks[name])
assert checks["database"]["detail"] == "postgresql", checks["database"]
assert checks["cache"]["detail"] == "ResilientRedisCache", checks["cache"]
assert checks["broker"]["detail"] != "eager", "broker is eager: CELERY_BROKER_URL not in effect"
with urllib.request.urlopen(url, timeout=5) as resp:
    anonymous = json.loads(resp.read())
assert "detail" not in json.dumps(anonymous), anonymous
print("healthz OK")
PY

# ---------------------------------------------------------------------------
step "Login as verwaltung@example.org over (proxied) https"
"$PY" - "$PORT" <<'PY'
import html, re, sys, urllib.error, urllib.parse, urllib.request
from http.cookies import SimpleCookie

PORT = sys.argv[1]
BASE = f"http://127.0.0.1:{PORT}"
ORIGIN = f"https://127.0.0.1:{PORT}"
# Session and CSRF cookies are Secure, and http.cookiejar never sends Secure
# cookies over plain http, so cookies are kept by hand. X-Forwarded-Proto makes
# Django (SECURE_PROXY_SSL_HEADER) treat the request as https, like behind the proxy.
cookies = {}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(NoRedirect)


def request(path, data=None, proxied=True, headers=None):
    hdrs = {"User-Agent": "gwa-smoke/1"}
    if proxied:
        hdrs["X-Forwarded-Proto"] = "https"
    if cookies:
        hdrs["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    hdrs.update(headers or {})
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    req = urllib.request.Request(BASE + path, data=body, headers=hdrs)
    try:
        resp = opener.open(req, timeout=15)
    except urllib.error.HTTPError as exc:  # 3xx (not followed) and 4xx/5xx
        resp = exc
    with resp:
        content = resp.read().decode("utf-8", "replace")
    set_cookies = resp.headers.get_all("Set-Cookie") or []
    for raw in set_cookies:
        parsed = SimpleCookie()
        parsed.load(raw)
        for name, morsel in parsed.items():
            if morsel["max-age"] == "0" or morsel.value == "":
                cookies.pop(name, None)
            else:
                cookies[name] = morsel.value
    return resp.status, resp.headers, content, set_cookies


def check(cond, msg):
    if not cond:
        sys.exit(f"FAIL: {msg}")
    print(f"ok: {msg}")


# Plain http (no proxy header) must be redirected to https.
status, headers, _, _ = request("/accounts/login/", proxied=False)
check(status == 301 and headers["Location"].startswith("https://"),
      f"plain http redirects to https (HTTP {status} -> {headers['Location']})")

status, headers, page, set_cookies = request("/accounts/login/")
check(status == 200, f"GET /accounts/login/ via https proxy (HTTP {status})")
check(headers.get("Strict-Transport-Security"), "HSTS header present")
check("csrftoken" in cookies, "csrftoken cookie set")
check(all("secure" in c.lower() for c in set_cookies), "all cookies are Secure")
m = re.search(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"', page) or re.search(
    r'value="([^"]+)"\s+name="csrfmiddlewaretoken"', page)
check(m, "login form has csrfmiddlewaretoken")
token = html.unescape(m.group(1))

status, headers, page, set_cookies = request(
    "/accounts/login/",
    data={"login": "verwaltung@example.org", "password": "gwa-demo-2024",
          "csrfmiddlewaretoken": token},
    headers={"Referer": f"{ORIGIN}/accounts/login/", "Origin": ORIGIN},
)
if status != 302:
    print(page[:3000])
check(status == 302, f"POST /accounts/login/ answers 302 (HTTP {status})")
location = headers["Location"]
check(urllib.parse.urlsplit(location).path == "/", f"redirect to / (Location: {location})")
check("sessionid" in cookies, "session cookie set")
check(any(c.startswith("sessionid=") and "secure" in c.lower() and "httponly" in c.lower()
          for c in set_cookies), "session cookie is Secure and HttpOnly")

status, headers, page, _ = request("/")
if status != 200:
    print(page[:3000])
check(status == 200, f"GET / logged in (HTTP {status})")
check("Willkommen" in page, "start page says Willkommen")
check(headers.get("Content-Security-Policy"), "CSP header present")

print("login OK")
PY

# ---------------------------------------------------------------------------
step "Celery worker answers inspect ping (max 30 s)"
ok=0
for ((i = 0; i < 10; i++)); do
  if timeout 20 "$BIN/celery" -A gwa_portal inspect ping -d "$NODE" --timeout 3; then
    ok=1
    break
  fi
  sleep 1
done
((ok)) || fail "celery worker $NODE does not answer ping"

step "Celery beat is running"
for ((i = 0; i < 20; i++)); do
  grep -q "beat: Starting" "$TMP/beat.log" 2>/dev/null && break
  sleep 0.5
done
kill -0 "${PIDS[3]}" 2>/dev/null || fail "celery beat exited"
grep -q "beat: Starting" "$TMP/beat.log" || fail "celery beat did not start"
echo "beat OK"

step "Access log holds no query string and no client address"
"$PY" - "$PORT" <<'PY'
import http.client, sys
# Plain requests without following the HTTPS redirect: only the access log lines matter.
for path in ("/healthz/?probe=QUERYSECRET4711", "/einladung/TOKENSECRET4711/"):
    conn = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=10)
    conn.request("GET", path, headers={"X-Forwarded-Proto": "https"})
    print(path.split("/")[1], conn.getresponse().status)
    conn.close()
PY
sleep 0.5
grep -qF "GET /einladung/[token]/" "$TMP/gunicorn.log" || fail "gunicorn wrote no redacted access log line"
if grep -E "QUERYSECRET4711|TOKENSECRET4711|127\.0\.0\.1 " "$TMP/gunicorn.log"; then
  fail "the access log carries a query string, a token or a client address"
fi
echo "access log OK"

step "Services still running"
for pid in "${PIDS[@]}"; do
  kill -0 "$pid" 2>/dev/null || fail "process $pid exited early"
done
if grep -E "Traceback|CRITICAL" "$TMP"/*.log; then
  fail "tracebacks in the service logs"
fi
echo "all services up"
