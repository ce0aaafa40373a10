-- GET one need after another, ids taken round-robin from the file in WRK_IDS.
dofile(os.getenv("WRK_LIB") .. "/report.lua")
local ids = {}
for line in io.lines(os.getenv("WRK_IDS")) do ids[#ids + 1] = line end
local counter = 0
wrk.headers["Authorization"] = "Bearer " .. os.getenv("WRK_TOKEN")
request = function()
  counter = counter + 1
  return wrk.format("GET", "/api/v1/needs/" .. ids[(counter % #ids) + 1])
end
