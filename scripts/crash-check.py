#!/usr/bin/env python3
"""Crash safety of the write path: raises needs from many threads against a running Tandem, kills
the server with SIGKILL at a random moment, restarts it, and checks that every need whose
creation was answered 2xx is there with its 'raised' event, that numbers are unique, and that
the SQLite file passes its integrity check.

    scripts/crash-check.py [--rounds 20] [--binary .build/debug/tandem]
"""
import argparse
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

parser = argparse.ArgumentParser()
parser.add_argument("--rounds", type=int, default=20)
parser.add_argument("--binary", default=".build/debug/tandem")
parser.add_argument("--port", type=int, default=18282)
arguments = parser.parse_args()

data = tempfile.mkdtemp(prefix="tandem-crash-")
base = f"http://127.0.0.1:{arguments.port}"
environment = dict(os.environ, TANDEM_DATA_DIR=data, TANDEM_ADMIN_PASSWORD="crash-admin-password",
                   LOG_LEVEL="warning", SWIFT_BACKTRACE="enable=no")


def call(method, path, body=None, token=None, session=None, timeout=10):
    request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    if session:
        request.add_header("Cookie", "tandem_session=" + session)
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status, json.loads(response.read() or b"{}")


def start():
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", arguments.port)) == 0:
            sys.exit(f"port {arguments.port} is busy")
    server = subprocess.Popen([arguments.binary, "serve", "--hostname", "127.0.0.1", "--port", str(arguments.port)],
                              env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            call("GET", "/health", timeout=1)
            return server
        except Exception:
            time.sleep(0.1)
    sys.exit("the server did not start")


server = start()
session = call("POST", "/api/v1/auth/sign-in", {"login": "admin", "password": "crash-admin-password"})[1]["session_token"]
token = call("POST", "/api/v1/me/tokens", {"name": "crash"}, session=session)[1]["secret"]
department = call("POST", "/api/v1/departments", {"name": "信息技术部", "code": "IT", "is_provider": True}, token)[1]

acknowledged = {}
lock = threading.Lock()


def writer(stop, round_number, thread_number):
    counter = 0
    while not stop.is_set():
        counter += 1
        try:
            status, need = call("POST", "/api/v1/needs", {
                "title": f"崩溃测试 {round_number}-{thread_number}-{counter}", "kind": "technology",
                "providing_department_id": department["id"]}, token, timeout=5)
            if status == 201:
                with lock:
                    acknowledged[need["id"]] = need["number"]
        except Exception:
            pass  # the server died mid-request: not acknowledged, nothing to check


for round_number in range(1, arguments.rounds + 1):
    stop = threading.Event()
    threads = [threading.Thread(target=writer, args=(stop, round_number, n)) for n in range(12)]
    for thread in threads:
        thread.start()
    time.sleep(random.uniform(0.3, 1.5))
    server.send_signal(signal.SIGKILL)
    server.wait()
    stop.set()
    for thread in threads:
        thread.join()
    server = start()
    missing = []
    for need_id, number in list(acknowledged.items()):
        status, need = call("GET", f"/api/v1/needs/{need_id}", token=token)
        _, events = call("GET", f"/api/v1/needs/{need_id}/events", token=token)
        if status != 200 or need["number"] != number or events["items"][0]["kind"] != "raised":
            missing.append(number)
    numbers = list(acknowledged.values())
    print(f"round {round_number}: {len(acknowledged)} acknowledged so far, {len(missing)} missing, "
          f"{len(numbers) - len(set(numbers))} duplicate numbers")
    if missing or len(numbers) != len(set(numbers)):
        server.kill()
        sys.exit(f"FAILED: lost {missing[:10]}")

server.send_signal(signal.SIGTERM)
server.wait()
database = sqlite3.connect(os.path.join(data, "tandem.sqlite"))
integrity = database.execute("PRAGMA integrity_check").fetchone()[0]
stored = database.execute("SELECT COUNT(*), COUNT(DISTINCT number) FROM needs").fetchone()
database.close()
if integrity != "ok" or stored[0] != stored[1]:
    sys.exit(f"FAILED: integrity {integrity}, {stored}")
print(f"crash-check: {arguments.rounds} rounds of SIGKILL, {len(acknowledged)} acknowledged needs all present, "
      f"{stored[0]} stored, integrity ok")
print(f"crash-check: {arguments.rounds} passed, 0 failed")
