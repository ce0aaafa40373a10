"""After `tandem dataset`: signs in as the dataset's people and prints shell assignments for the
scale benchmark — tokens and page sessions of a requester, an agent of IT and a manager (who sees
the company dashboard), an offering of IT to raise needs for, ids and numbers to read, and
search queries (Chinese, English, mixed; common and rare words)."""
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
queries = ["打印机 维修", "季度销售数据", "printer", "VPN 权限", "客户合同 审核", "budget report", "华东区", "投影仪",
           "ERP 权限 北京分公司", "Replace laptop", "供应商资质", "年度审计资料 评估", "meeting room", "薪资核算", "数据看板 更新", "门禁卡"]
open(f"{out}/queries", "w").write("\n".join(urllib.parse.quote(q) for q in queries))
print(f"REQUESTER_TOKEN={token_for(requester)}")
print(f"AGENT_TOKEN={agent_token}")
print(f"MANAGER_TOKEN={token_for(manager)}")
print(f"AGENT_SESSION={session_for(agent)}")
print(f"MANAGER_SESSION={session_for(manager)}")
print(f"OFFERING={offering['id']}")
print(f"IT_DEPARTMENT={it['id']}")
