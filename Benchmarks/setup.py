"""Creates, through the API, what the benchmark needs: a requesting and a providing department,
an offering, a requester and an agent with API tokens and page sessions. Prints shell assignments."""
import json
import sys
import urllib.request

base, admin_password = sys.argv[1], sys.argv[2]


def call(method, path, body=None, token=None, session=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, method=method, data=data)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    if session:
        request.add_header("Cookie", "tandem_session=" + session)
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"{}")


def session_for(login, password):
    return call("POST", "/api/v1/auth/sign-in", {"login": login, "password": password})["session_token"]


def token_for(login, password):
    return call("POST", "/api/v1/me/tokens", {"name": "benchmark"}, session=session_for(login, password))["secret"]


admin = token_for("admin", admin_password)
sales = call("POST", "/api/v1/departments", {"name": "销售部", "code": "SALES"}, admin)
it = call("POST", "/api/v1/departments", {"name": "信息技术部", "code": "IT", "is_provider": True}, admin)
for login, department, roles in [("requester", sales, ["employee"]), ("agent", it, ["agent", "manager"])]:
    call("POST", "/api/v1/people", {"login": login, "display_name": login, "department_id": department["id"],
                                    "roles": roles, "password": "bench-password-1"}, admin)
offering = call("POST", "/api/v1/offerings", {
    "provider_id": it["id"], "name": "账号开通", "kind": "technology",
    "form_fields": [{"key": "system", "label": "系统", "type": "single_choice", "required": True, "options": ["CRM", "ERP"]}],
}, admin)
print(f"REQUESTER_TOKEN={token_for('requester', 'bench-password-1')}")
print(f"AGENT_TOKEN={token_for('agent', 'bench-password-1')}")
print(f"REQUESTER_SESSION={session_for('requester', 'bench-password-1')}")
print(f"AGENT_SESSION={session_for('agent', 'bench-password-1')}")
print(f"OFFERING={offering['id']}")
print(f"IT_DEPARTMENT={it['id']}")
