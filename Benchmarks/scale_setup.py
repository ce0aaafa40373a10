"""After `tandem dataset`: signs in as the dataset's people and prints shell assignments for the
scale benchmark — tokens and page sessions of a requester, an agent of IT and a manager (who sees
the company dashboard), an offering of IT to raise needs for, ids and numbers to read, and
the search queries of `search_queries.txt` (Chinese, English, mixed; common and rare words)."""
import sys
import urllib.parse

from client import Client

base, admin_password, out = sys.argv[1], sys.argv[2], sys.argv[3]
client = Client(base)
call, session_for, token_for = client.call, client.session_for, client.token_for

admin = token_for("admin", admin_password)
it = next(d for d in call("GET", "/api/v1/departments", token=admin)["items"] if d["code"] == "IT")
offering = call("POST", "/api/v1/offerings", {
    "provider_id": it["id"], "name": "账号开通", "kind": "technology",
    "form_fields": [{"key": "system", "label": "系统", "type": "single_choice", "required": True, "options": ["CRM", "ERP"]}],
}, admin)
# The dataset's people: u00001 manages 销售部; u00031 is an employee there; u00035 an agent of 信息技术部.
requester, agent, manager = "u00031", "u00035", "u00001"
agent_token = token_for(agent)
# The needs the agent reads: IT's newest, as the agent's own list shows them (confidential ones left out).
needs = call("GET", f"/api/v1/needs?providing_department_id={it['id']}&limit=200", token=agent_token)["items"]
open(f"{out}/ids", "w").write("\n".join(n["id"] for n in needs))
open(f"{out}/numbers", "w").write("\n".join(n["number"] for n in needs))
queries = open(f"{sys.path[0]}/search_queries.txt", encoding="utf-8").read().splitlines()
open(f"{out}/queries", "w").write("\n".join(urllib.parse.quote(q) for q in queries if q))
print(f"REQUESTER_TOKEN={token_for(requester)}")
print(f"AGENT_TOKEN={agent_token}")
print(f"MANAGER_TOKEN={token_for(manager)}")
print(f"AGENT_SESSION={session_for(agent)}")
print(f"MANAGER_SESSION={session_for(manager)}")
print(f"OFFERING={offering['id']}")
print(f"IT_DEPARTMENT={it['id']}")
