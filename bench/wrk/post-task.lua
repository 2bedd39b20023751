-- POST a new task per request. Env: TASKLANE_TOKEN; optional BENCH_DELAY_MS paces each connection.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TASKLANE_TOKEN")
local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, nil, nil, '{"title":"bench task ' .. n .. '","priority":"high"}')
end
if pause > 0 then
  delay = function() return pause end
end
