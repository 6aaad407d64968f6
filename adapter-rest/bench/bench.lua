-- wrk script for the Conveyor benchmark: sends the bearer token (and an If-None-Match when given) on every
-- request, and stops each thread after a maximum number of requests so that a run is bounded in requests as
-- well as in time.
--   wrk ... -s bench.lua <url> -- <token> <max requests per thread> [etag] [jobs file]
-- With a jobs file (one "path etag" line per job) the requests go to each job in turn, each with its own ETag
-- when the third argument is not empty.
local token, max_requests, etag
local jobs = {}
local next_job = 0
local done = 0

function init(args)
  token = args[1]
  max_requests = tonumber(args[2]) or 1000000
  etag = args[3]
  wrk.headers["Authorization"] = "Bearer " .. token
  if args[4] ~= nil then
    for line in io.lines(args[4]) do
      local path, tag = line:match("^(%S+)%s+(%S+)$")
      if path ~= nil then
        jobs[#jobs + 1] = { path = path, tag = tag }
      end
    end
  elseif etag ~= nil and etag ~= "" then
    wrk.headers["If-None-Match"] = etag
  end
end

function request()
  if #jobs == 0 then
    return wrk.request()
  end
  next_job = next_job % #jobs + 1
  local job = jobs[next_job]
  local headers = { ["Authorization"] = "Bearer " .. token }
  if etag ~= nil and etag ~= "" then
    headers["If-None-Match"] = job.tag
  end
  return wrk.format("GET", job.path, headers)
end

function response(status, headers, body)
  done = done + 1
  if done >= max_requests then
    wrk.thread:stop()
  end
end
