-- wrk client for many tokens: request N carries "Authorization: Bearer" and token N of TOKENS_FILE (one a line), round
-- robin, so with more tokens than connections no two requests in flight carry the same one.
-- Usage: wrk -t1 ... -s bench/round-robin-tokens.lua URL -- TOKENS_FILE
-- done() prints "statuses: 200=N 503=M ..." (use -t1: wrk calls done() once, with every thread's counts), then for each
-- status the first WWW-Authenticate seen, or the body when there is none, "challenge 503: ...", to show why.

local threads = {}
function setup(thread) table.insert(threads, thread) end

local requests = {}
local next_request = 0
statuses = {}
challenges = {}

function init(args)
  local file = args[1] or error("usage: -- TOKENS_FILE")
  for line in io.lines(file) do
    if #line > 0 then requests[#requests + 1] = wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. line }) end
  end
  if #requests == 0 then error("no tokens in " .. file) end
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if not challenges[status] then challenges[status] = headers["WWW-Authenticate"] or (status ~= 200 and body) or "(none)" end
end

function done(summary, latency, requests)
  local totals, codes, first = {}, {}, {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      if not totals[status] then table.insert(codes, status) end
      totals[status] = (totals[status] or 0) + count
    end
    for status, challenge in pairs(thread:get("challenges")) do first[status] = first[status] or challenge end
  end
  table.sort(codes)
  local parts = {}
  for _, status in ipairs(codes) do table.insert(parts, status .. "=" .. totals[status]) end
  print("statuses: " .. table.concat(parts, " "))
  for _, status in ipairs(codes) do print("challenge " .. status .. ": " .. first[status]) end
end
