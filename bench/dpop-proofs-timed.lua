-- wrk client for a DPoP run longer than the proofs' window: PROOFS_FILE holds "IAT proof" lines, oldest iat first (made
-- by bench/dpop-proofs.mjs with IAT, more for each second than the API can take), and each request carries the next
-- proof whose iat is now or one second ahead (the API's ClockSkew must be at least 1 s); proofs whose second has passed
-- unsent are skipped, never sent stale. A proof ahead of that is never sent: the thread stops, ran_out=1.
-- Usage: wrk -t1 ... -s bench/dpop-proofs-timed.lua URL -- TOKEN PROOFS_FILE
-- done() prints "statuses: 200=N ...", "proofs: used=N of=M skipped=K ran_out=0|1" and the first WWW-Authenticate of
-- each status (use -t1: wrk calls done() once).

local threads = {}
function setup(thread) table.insert(threads, thread) end

local authorization
local iats, proofs = {}, {}
local next_proof = 1
used, total, skipped, ran_out = 0, 0, 0, 0
statuses = {}
challenges = {}

function init(args)
  local token, file = args[1], args[2]
  if not token or not file then error("usage: -- TOKEN PROOFS_FILE") end
  authorization = "DPoP " .. token
  for line in io.lines(file) do
    local iat, proof = line:match("^(%d+) (.+)$")
    if iat then
      iats[#iats + 1] = tonumber(iat)
      proofs[#proofs + 1] = proof
    end
  end
  total = #proofs
end

function request()
  local now = os.time()
  while next_proof <= total and iats[next_proof] < now do
    proofs[next_proof] = false
    next_proof = next_proof + 1
    skipped = skipped + 1
  end
  if next_proof > total or iats[next_proof] > now + 1 then
    ran_out = 1
    wrk.thread:stop()
    return wrk.format("GET", nil, { ["Authorization"] = authorization })
  end
  local proof = proofs[next_proof]
  proofs[next_proof] = false
  next_proof = next_proof + 1
  used = used + 1
  return wrk.format("GET", nil, { ["Authorization"] = authorization, ["DPoP"] = proof })
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if not challenges[status] then challenges[status] = headers["WWW-Authenticate"] or headers["Retry-After"] or "(none)" end
end

function done(summary, latency, requests)
  local totals, codes, first = {}, {}, {}
  local sent, of, skip, out = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      if not totals[status] then table.insert(codes, status) end
      totals[status] = (totals[status] or 0) + count
    end
    for status, challenge in pairs(thread:get("challenges")) do first[status] = first[status] or challenge end
    sent, of, skip = sent + thread:get("used"), of + thread:get("total"), skip + thread:get("skipped")
    out = math.max(out, thread:get("ran_out"))
  end
  table.sort(codes)
  local parts = {}
  for _, status in ipairs(codes) do table.insert(parts, status .. "=" .. totals[status]) end
  print("statuses: " .. table.concat(parts, " "))
  print(string.format("proofs: used=%d of=%d skipped=%d ran_out=%d", sent, of, skip, out))
  for _, status in ipairs(codes) do print("challenge " .. status .. ": " .. first[status]) end
end
