-- wrk script: each request takes the next path of a file (one path a line), the threads
-- interleaved so that no path is requested twice before the list is used up, from the
-- START-th path on (0 if not given: each round of served.py --rounds starts further on).
--   wrk -s bench/paths.lua URL -- PATHS_FILE THREADS [START]
local threads = {}
local counter = 0
local paths = {}
local step, offset, start = 1, 0, 0

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  step = tonumber(args[2]) or 1
  offset = id or 0
  start = tonumber(args[3]) or 0
end

function request()
  local path = paths[(start + counter * step + offset) % #paths + 1]
  counter = counter + 1
  return wrk.format("GET", path)
end
