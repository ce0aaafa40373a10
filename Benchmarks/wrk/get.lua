-- GET the path in WRK_PATH, signed in as auth.lua says.
dofile(os.getenv("WRK_LIB") .. "/report.lua")
dofile(os.getenv("WRK_LIB") .. "/auth.lua")
wrk.method = "GET"
wrk.path = os.getenv("WRK_PATH")
