"""Creates, through the API, what the benchmark needs: a requesting and a providing department,
an offering, a requester and an agent with API tokens and page sessions. Prints shell assignments."""
import sys

from client import Client, PASSWORD

base, admin_password = sys.argv[1], sys.argv[2]


client = Client(base)
call, session_for, token_for = client.call, client.session_for, client.token_for

admin = token_for("admin", admin_password)
sales = call("POST", "/api/v1/departments", {"name": "销售部", "code": "SALES"}, admin)
it = call("POST", "/api/v1/departments", {"name": "信息技术部", "code": "IT", "is_provider": True}, admin)
for login, department, roles in [("requester", sales, ["employee"]), ("agent", it, ["agent", "manager"])]:
    call("POST", "/api/v1/people", {"login": login, "display_name": login, "department_id": department["id"],
                                    "roles": roles, "password": PASSWORD}, admin)
offering = call("POST", "/api/v1/offerings", {
    "provider_id": it["id"], "name": "账号开通", "kind": "technology",
    "form_fields": [{"key": "system", "label": "系统", "type": "single_choice", "required": True, "options": ["CRM", "ERP"]}],
}, admin)
print(f"REQUESTER_TOKEN={token_for('requester', PASSWORD)}")
print(f"AGENT_TOKEN={token_for('agent', PASSWORD)}")
print(f"REQUESTER_SESSION={session_for('requester', PASSWORD)}")
print(f"AGENT_SESSION={session_for('agent', PASSWORD)}")
print(f"OFFERING={offering['id']}")
print(f"IT_DEPARTMENT={it['id']}")
