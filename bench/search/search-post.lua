-- The same searches sent straight to Meilisearch. Arguments: a file of
-- "<path><TAB><JSON body>" lines (e.g. /multi-search), and the master key.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "wrk-report.lua")

function init(args)
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. args[2] }
  for _, line in ipairs(read_lines(args[1])) do
    local path, body = line:match("^([^\t]+)\t(.*)$")
    assert(path, "malformed request line")
    table.insert(requests, wrk.format("POST", path, headers, body))
  end
  start_cycle()
end
