-- GET /api/search through our application. Argument: a file of request paths, one a line.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "wrk-report.lua")

function init(args)
  for _, path in ipairs(read_lines(args[1])) do
    table.insert(requests, wrk.format("GET", path))
  end
  start_cycle()
end
