#!/usr/bin/env python3
"""Several instances on one PostgreSQL database, and a database outage.

1. Two Tandem processes on different ports share one database: a need raised on one is read on
   the other, and a session made on one signs requests in on the other.
2. Both watch service levels: every warning and every breach is announced exactly once, as
   one event of the need, though both processes look for them every second.
3. With PostgreSQL stopped for 10 s under load, requests fail fast with 503 and a clear error,
   the server recovers by itself, and every need acknowledged before, during or after the
   outage is there.

    scripts/instances-check.py [--binary .build/debug/tandem] [--outage]
Needs scripts/start-postgres.sh (root, Debian); the outage part stops and starts that server.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

parser = argparse.ArgumentParser()
parser.add_argument("--binary", default=".build/debug/tandem")
parser.add_argument("--outage", action="store_true", help="also stop PostgreSQL for 10 s under load")
arguments = parser.parse_args()

server_url = subprocess.check_output(["scripts/start-postgres.sh"], text=True).strip()
database = f"tandem_instances_{os.getpid()}"
subprocess.run(["runuser", "-u", "postgres", "--", "psql", "-qc", f"CREATE DATABASE {database} OWNER tandem"], check=True)
database_url = server_url.rsplit("/", 1)[0] + f"/{database}?tlsmode=disable"
data = tempfile.mkdtemp(prefix="tandem-instances-")
environment = dict(os.environ, DATABASE_URL=database_url, TANDEM_DATA_DIR=data, TANDEM_ADMIN_PASSWORD="instances-password",
                   LOG_LEVEL="warning", SWIFT_BACKTRACE="enable=no", TANDEM_SLA_WATCH_SECONDS="1", TANDEM_JOB_RETRY_SECONDS="1")
ports = [18383, 18384]
servers = []


def call(port, method, path, body=None, token=None, session=None, timeout=10):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                     data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    if session:
        request.add_header("Cookie", "tandem_session=" + session)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, parse(response.read())
    except urllib.error.HTTPError as error:
        return error.code, parse(error.read())


def parse(body):
    try:
        return json.loads(body or b"{}")
    except ValueError:
        return {"text": body.decode(errors="replace")}


def finish(code, message):
    for server in servers:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            code, message = 1, f"FAILED: a server did not stop within 30 s of SIGTERM ({message})"
    subprocess.run(["runuser", "-u", "postgres", "--", "psql", "-qc", f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"])
    print(message)
    sys.exit(code)


def start(port):
    process = subprocess.Popen([arguments.binary, "serve", "--hostname", "127.0.0.1", "--port", str(port)],
                               env=environment, stdout=open(os.path.join(data, f"server-{port}.log"), "w"), stderr=subprocess.STDOUT)
    for _ in range(200):
        try:
            if call(port, "GET", "/health/live", timeout=1)[0] == 200:
                return process
        except Exception:
            time.sleep(0.1)
    process.kill()
    finish(1, f"the server on {port} did not start")


servers.append(start(ports[0]))  # the first start migrates and creates the administrator
servers.append(start(ports[1]))
a, b = ports
status, signed = call(a, "POST", "/api/v1/auth/sign-in", {"login": "admin", "password": "instances-password"})
session = signed["session_token"]
status, me = call(b, "GET", "/api/v1/me", session=session)
if status != 200 or me.get("login") != "admin":
    finish(1, f"FAILED: a session made on {a} does not work on {b} ({status})")
token = call(a, "POST", "/api/v1/me/tokens", {"name": "instances"}, session=session)[1]["secret"]
department = call(b, "POST", "/api/v1/departments", {"name": "信息技术部", "code": "IT", "is_provider": True}, token)[1]
status, need = call(a, "POST", "/api/v1/needs", {"title": "两个实例", "kind": "technology", "providing_department_id": department["id"]}, token)
status, read = call(b, "GET", f"/api/v1/needs/{need['number']}", token=token)
if status != 200 or read["id"] != need["id"]:
    finish(1, f"FAILED: a need raised on {a} is not read on {b} ({status})")
print(f"instances: a session and a need made on :{a} work on :{b}")

# Service levels watched by both: one-minute targets in calendar minutes, a warning at half.
targets = {priority: {"first_response_minutes": 1, "resolution_minutes": 1} for priority in ["p1", "p2", "p3", "p4"]}
status, _ = call(a, "PUT", "/api/v1/service-levels/default", {"mode": "calendar", "targets": targets, "warning_percent": 50}, token)
if status != 200:
    finish(1, f"FAILED: the policy was not set ({status})")
watched = [need["id"]]
for index in range(12):
    port = ports[index % 2]
    status, raised = call(port, "POST", "/api/v1/needs", {"title": f"计时 {index}", "kind": "technology",
                                                         "providing_department_id": department["id"]}, token)
    watched.append(raised["id"])


def alerts(need_id):
    status, events = call(a, "GET", f"/api/v1/needs/{need_id}/events", token=token)
    kinds = [event["kind"] for event in events.get("items", [])]
    return kinds.count("sla_warning"), kinds.count("sla_breach")


deadline = time.time() + 150
while time.time() < deadline and not all(alerts(need_id)[1] >= 2 for need_id in watched):
    time.sleep(2)
time.sleep(4)  # both watchers look a few more times
counts = {need_id: alerts(need_id) for need_id in watched}
wrong = {need_id: count for need_id, count in counts.items() if count != (2, 2)}
print(f"watch: {len(watched)} needs on two instances; (warnings, breaches) per need: {sorted(set(counts.values()))}")
if wrong:
    finish(1, f"FAILED: alerts not announced exactly once: {wrong}")

if arguments.outage:
    acknowledged, failures, slow = {}, {}, []
    outage_started = None
    lock = threading.Lock()
    stop = threading.Event()

    def writer(port):
        counter = 0
        while not stop.is_set():
            counter += 1
            started = time.monotonic()
            try:
                status, body = call(port, "POST", "/api/v1/needs", {"title": f"停库 {port}-{counter}", "kind": "technology",
                                                                    "providing_department_id": department["id"]}, token, timeout=15)
            except Exception as error:
                status, body = 0, {"error": {"code": str(error)}}
            elapsed = time.monotonic() - started
            with lock:
                if status == 201:
                    acknowledged[body["id"]] = port
                else:
                    failures[status] = failures.get(status, 0) + 1
                    if elapsed > 5:
                        slow.append((round(elapsed, 1), status, str(body)[:120], round(started - outage_started, 1) if outage_started else None))
            time.sleep(0.02)

    threads = [threading.Thread(target=writer, args=(port,)) for port in ports for _ in range(3)]
    for thread in threads:
        thread.start()
    time.sleep(2)
    version = subprocess.check_output("ls /usr/lib/postgresql | sort -n | tail -1", shell=True, text=True).strip()
    outage_started = time.monotonic()
    subprocess.run(["pg_ctlcluster", version, "main", "stop", "-m", "fast"], check=True)
    time.sleep(10)
    health = call(a, "GET", "/health", timeout=5)[0]
    subprocess.run(["pg_ctlcluster", version, "main", "start"], check=True)
    time.sleep(5)
    stop.set()
    for thread in threads:
        thread.join()
    status, after = call(b, "POST", "/api/v1/needs", {"title": "恢复之后", "kind": "technology", "providing_department_id": department["id"]}, token)
    missing = [need_id for need_id in acknowledged if call(a, "GET", f"/api/v1/needs/{need_id}", token=token)[0] != 200]
    print(f"outage: {len(acknowledged)} acknowledged, {len(missing)} missing; refused during the outage: {failures}; "
          f"/health during the outage: {health}; slower than 5 s: {slow}; after recovery: {status}")
    # Every request fails fast, those in flight when the server stops too (a statement sent on a
    # connection that has just closed used to wait for the client's 15 s).
    if missing or status != 201 or health != 503 or 503 not in failures or slow:
        finish(1, "FAILED: the outage was not handled as required")
finish(0, "instances-check: passed")
