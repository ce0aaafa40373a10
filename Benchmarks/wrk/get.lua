-- GET the path in WRK_PATH with the bearer token in WRK_TOKEN.
dofile(os.getenv("WRK_LIB") .. "/report.lua")
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("WRK_TOKEN") or "")
wrk.path = os.getenv("WRK_PATH")
