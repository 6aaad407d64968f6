-- wrk script for the Conveyor benchmark: sends the bearer token (and an If-None-Match when given) on every
-- request, and stops each thread after a maximum number of requests so that a run is bounded in requests as
-- well as in time.
--   wrk ... -s bench.lua <url> -- <token> <max requests per thread> [etag]
local token, max_requests, etag
local done = 0

function init(args)
  token = args[1]
  max_requests = tonumber(args[2]) or 1000000
  etag = args[3]
  wrk.headers["Authorization"] = "Bearer " .. token
  if etag ~= nil and etag ~= "" then
    wrk.headers["If-None-Match"] = etag
  end
end

function response(status, headers, body)
  done = done + 1
  if done >= max_requests then
    wrk.thread:stop()
  end
end
