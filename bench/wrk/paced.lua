-- The same request over and over, each connection pausing BENCH_DELAY_MS between requests (a fixed, lower rate).
local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
if pause > 0 then
  delay = function() return pause end
end
