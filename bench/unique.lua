-- wrk script: the same page with a query parameter never sent before on every request, so
-- each request misses the response cache (its key holds the whole query string) while the
-- article's render, which does not depend on that parameter, stays cached: what readers get
-- after any edit on the site (a new content version) until the page is cached again.
--   wrk -s bench/unique.lua URL_WITH_QUERY
local counter = 0
-- Seeded by the clock: a later run (another --rounds round) sends parameters of its own.
math.randomseed(os.time())

function setup(thread)
  thread:set("id", math.random(1, 1000000000))
end

function request()
  counter = counter + 1
  return wrk.format("GET", wrk.path .. "&bench=" .. id .. "-" .. counter)
end
