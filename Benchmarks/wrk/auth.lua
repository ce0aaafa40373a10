-- Shared by the GET scripts: a personal API token (WRK_TOKEN) or a page session (WRK_SESSION).
local session = os.getenv("WRK_SESSION")
if session and session ~= "" then
  wrk.headers["Cookie"] = "tandem_session=" .. session
else
  wrk.headers["Authorization"] = "Bearer " .. (os.getenv("WRK_TOKEN") or "")
end
