-- Shared by the search load scripts: reads the request list, counts non-2xx answers and
-- prints wrk's figures as one JSON line ("WRK_JSON {...}") for the benchmark to parse.

threads = {}
local thread_count = 0

function setup(thread)
  -- Each thread starts at a different place in the list, so they do not run in lockstep.
  thread:set("start_at", thread_count * 37)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

-- Lines of the requests file, empty lines skipped.
function read_lines(path)
  local lines = {}
  local file = assert(io.open(path, "r"), "cannot open " .. tostring(path))
  for line in file:lines() do
    if line ~= "" then table.insert(lines, line) end
  end
  file:close()
  assert(#lines > 0, "no requests in " .. path)
  return lines
end

-- Cycles through the prepared requests (built by the script's init()).
requests = {}
local next_index = 0

function request()
  next_index = next_index + 1
  if next_index > #requests then next_index = 1 end
  return requests[next_index]
end

function start_cycle()
  next_index = (start_at or 0) % #requests
end

non2xx = 0

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if non2xx <= 3 then io.stderr:write("non-2xx answer " .. status .. ": " .. string.sub(body or "", 1, 300) .. "\n") end
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + (thread:get("non2xx") or 0) end
  local e = summary.errors
  local percentiles = {}
  for _, p in ipairs({ 50, 90, 99, 99.9 }) do
    table.insert(percentiles, string.format('"%s":%d', tostring(p), latency:percentile(p)))
  end
  io.write(string.format(
    'WRK_JSON {"requests":%d,"durationUs":%d,"bytes":%d,"latencyUs":{"min":%d,"mean":%.1f,"max":%d,"stdev":%.1f,"percentiles":{%s}},' ..
      '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},"non2xx":%d}\n',
    summary.requests, summary.duration, summary.bytes, latency.min, latency.mean, latency.max, latency.stdev,
    table.concat(percentiles, ","), e.connect, e.read, e.write, e.status, e.timeout, bad))
end
