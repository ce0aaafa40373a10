-- GET one need after another: WRK_PREFIX (default /api/v1/needs/) followed by the ids or
-- numbers in the file WRK_IDS, taken round-robin; signed in as auth.lua says.
dofile(os.getenv("WRK_LIB") .. "/report.lua")
dofile(os.getenv("WRK_LIB") .. "/auth.lua")
local prefix = os.getenv("WRK_PREFIX") or "/api/v1/needs/"
local ids = {}
for line in io.lines(os.getenv("WRK_IDS")) do ids[#ids + 1] = line end
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", prefix .. ids[(counter % #ids) + 1])
end
