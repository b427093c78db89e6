-- wrk client for DPoP-bound tokens: every request carries "Authorization: DPoP TOKEN" and the next proof from
-- PROOFS_FILE (one a line, made by bench/dpop-proofs.mjs for this URL and method), never the same proof twice.
-- Usage: wrk -t1 ... -s bench/dpop-proofs.lua URL -- TOKEN PROOFS_FILE
-- Proofs running out is a failure of the bench, not a measurement: the first request without one stops the thread (a
-- stopped thread sends nothing more, so no replayed proof is ever counted as throughput) and done() says so.
-- done() prints "statuses: 200=N 401=M ...", "proofs: used=N of=M ran_out=0|1", then for each status the first
-- WWW-Authenticate seen, "challenge 401: ...", to show why the API refused (use -t1: wrk calls done() once).

local threads = {}
function setup(thread) table.insert(threads, thread) end

local authorization
local proofs = {}
used, total, ran_out = 0, 0, 0
statuses = {}
challenges = {}

function init(args)
  local token, file = args[1], args[2]
  if not token or not file then error("usage: -- TOKEN PROOFS_FILE") end
  authorization = "DPoP " .. token
  for line in io.lines(file) do
    if #line > 0 then proofs[#proofs + 1] = line end
  end
  total = #proofs
end

function request()
  if used == total then
    ran_out = 1
    wrk.thread:stop()
  end
  -- After stop() wrk may still ask for a request or two before its loop ends; they carry no proof and are refused, so a
  -- run that ran out shows both ran_out=1 and its 401s.
  local proof = proofs[used + 1]
  if proof then
    used = used + 1
    proofs[used] = false -- let the sent proof be collected
    return wrk.format("GET", nil, { ["Authorization"] = authorization, ["DPoP"] = proof })
  end
  return wrk.format("GET", nil, { ["Authorization"] = authorization })
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if not challenges[status] then challenges[status] = headers["WWW-Authenticate"] or "(none)" end
end

function done(summary, latency, requests)
  local totals, codes, first = {}, {}, {}
  local sent, of, out = 0, 0, 0
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      if not totals[status] then table.insert(codes, status) end
      totals[status] = (totals[status] or 0) + count
    end
    for status, challenge in pairs(thread:get("challenges")) do first[status] = first[status] or challenge end
    sent, of, out = sent + thread:get("used"), of + thread:get("total"), math.max(out, thread:get("ran_out"))
  end
  table.sort(codes)
  local parts = {}
  for _, status in ipairs(codes) do table.insert(parts, status .. "=" .. totals[status]) end
  print("statuses: " .. table.concat(parts, " "))
  print(string.format("proofs: used=%d of=%d ran_out=%d", sent, of, out))
  for _, status in ipairs(codes) do print("challenge " .. status .. ": " .. first[status]) end
end
