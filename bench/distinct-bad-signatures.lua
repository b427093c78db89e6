-- wrk flooder: every request carries TOKEN's real header and payload with a fresh random signature of the same
-- length, so neither a token cache nor a negative cache can answer it: only RSA verification can reject it.
-- Usage: wrk -t1 ... -s bench/distinct-bad-signatures.lua URL -- TOKEN [X-FORWARDED-FOR]
--   X-FORWARDED-FOR: "random" for a new random IPv4 address on every request, or a fixed address.
-- done() prints "statuses: 401=N 429=M ..." (use -t1: wrk calls done() once, with every thread's counts), then for
-- each status the first WWW-Authenticate seen, "challenge 401: ...", to show why the API refused.

local ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
local alphabet = {}
for i = 1, #ALPHABET do alphabet[i] = ALPHABET:byte(i) end

local threads = {}
function setup(thread) table.insert(threads, thread) end

local prefix, length, forwarded_for
local chars = {}
statuses = {}
challenges = {}

function init(args)
  local token = args[1] or error("usage: -- TOKEN [X-FORWARDED-FOR]")
  forwarded_for = args[2]
  local signature
  prefix, signature = token:match("^(.+%.)([^.]+)$")
  length = #signature
  math.randomseed(os.time())
end

-- First character below 32 (leading bit 0): the value stays below any 2048-bit modulus, so it is not refused as out of
-- range before the modular exponentiation. Last character: the bits past the signature's last byte stay zero, as in a
-- canonical base64url encoding, so the token is not rejected as malformed instead.
local function random_signature()
  chars[1] = alphabet[math.random(32)]
  for i = 2, length - 1 do chars[i] = alphabet[math.random(64)] end
  local step = 2 ^ ((length * 6) % 8)
  chars[length] = alphabet[(math.random(64 / step) - 1) * step + 1]
  return string.char(unpack(chars, 1, length))
end

function request()
  local headers = { ["Authorization"] = "Bearer " .. prefix .. random_signature() }
  if forwarded_for == "random" then
    headers["X-Forwarded-For"] = string.format("%d.%d.%d.%d", math.random(1, 223), math.random(0, 255), math.random(0, 255), math.random(1, 254))
  elseif forwarded_for then
    headers["X-Forwarded-For"] = forwarded_for
  end
  return wrk.format("GET", nil, headers)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if not challenges[status] then challenges[status] = headers["WWW-Authenticate"] or "(none)" end
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
