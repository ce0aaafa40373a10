-- POST a new need for the offering in WRK_OFFERING, with varied Chinese and English titles.
dofile(os.getenv("WRK_LIB") .. "/report.lua")
local titles = {"开通 CRM 账号", "笔记本电脑更换", "VPN access for remote work", "季度销售数据导出",
                "新员工系统权限", "Printer on floor 3 is broken", "会议室投影仪故障", "ERP report access"}
local urgencies = {"low", "medium", "high", "critical"}
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("WRK_TOKEN")
request = function()
  counter = counter + 1
  local body = string.format(
    '{"title":"%s #%d","description":"基准测试 benchmark need %d","offering_id":"%s","urgency":"%s","importance":"%s","form":{"system":"CRM"}}',
    titles[(counter % #titles) + 1], counter, counter, os.getenv("WRK_OFFERING"),
    urgencies[(counter % 4) + 1], urgencies[(math.floor(counter / 4) % 4) + 1])
  return wrk.format(nil, "/api/v1/needs", nil, body)
end
