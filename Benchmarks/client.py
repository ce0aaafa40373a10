"""A small JSON client of Tandem's API for the benchmark set-up scripts."""
import json
import urllib.request


# Every person the set-up scripts and `tandem dataset` make signs in with this.
PASSWORD = "bench-password-1"


class Client:
    def __init__(self, base):
        self.base = base

    def call(self, method, path, body=None, token=None, session=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, method=method, data=data)
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", "Bearer " + token)
        if session:
            request.add_header("Cookie", "tandem_session=" + session)
        with urllib.request.urlopen(request) as response:
            return json.loads(response.read() or b"{}")

    def session_for(self, login, password=PASSWORD):
        return self.call("POST", "/api/v1/auth/sign-in", {"login": login, "password": password})["session_token"]

    def token_for(self, login, password=PASSWORD):
        return self.call("POST", "/api/v1/me/tokens", {"name": "benchmark"}, session=self.session_for(login, password))["secret"]
