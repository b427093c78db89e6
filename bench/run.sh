#!/usr/bin/env bash
# MessagesApi benchmark: Release build as Production pinned to CPU 0, wrk pinned to CPU 1, real RS256 tokens from
# npm's oidc-provider over HTTPS (the same provider the end-to-end tests use). Scenarios run interleaved for ROUNDS
# rounds; the table shows medians. Writes bench/results/<date>.md.
# Fairness under attack (issue 14) runs on instances with Production defaults, logging as the Docker image does: one
# valid client alone, then beside a flooder of distinct bad signatures (from another address, with random
# X-Forwarded-For, behind a trusted proxy); a third client's expired tokens during a flood; the log volume of a flood.
# DPoP (issue 12) on two more instances, the replay store in-process (6068) and in Redis (6069, Debian's redis-server
# on CPU 1, nothing on disk): a token bound to an ES256 key (bench/dpop-proofs.mjs), and in every round, just before each
# run and on CPU 1, fresh proofs with unique jti made ahead of time for it, sent one per request by bench/dpop-proofs.lua.
# The goal is against the physical limit, the proof's signature checks one core makes a second: bench/Es256Verify runs
# on CPU 0 in every round, as DpopProofValidator verifies (and, for reference, with a new key per proof and raw ECDsa). The
# ratio is also given per CPU second (the API's from /proc, Es256Verify's own), which neighbours on a shared machine,
# taking turns on the core, do not move.
# Opaque tokens (issue 24), asked about at the issuer's introspection endpoint as messages-api: one token repeated on an
# instance that caches answers for the whole run (6071, Introspection:CacheMaxLifetime and TokenCache:MaxLifetime 1 h),
# against the JWT protected row (also per CPU second of the API, as DPoP is); and, cold, 256 tokens round robin on one
# that caches none (6072, CacheMaxLifetime 0), every request a call, with the issuer's and the API's CPU time per
# request. Certificate-bound tokens (RFC 8705) on 6073, against the JWT protected row too: wrk, unable to present a
# client certificate, sends it as a TLS-terminating proxy trusted at 127.0.0.1 would (nginx's ssl-client-cert,
# URL-encoded PEM) with mtls-client's token bound to it, which the issuer (MTLS=1: it asks every client for a
# certificate, takes none as well, and binds only mtls-client's tokens) issued to curl presenting it.
# A DPoP, opaque or certificate-bound run whose answers are not all 200 (or with socket errors, or, DPoP, out of proofs)
# makes the bench exit 1 after writing its results.
# Past the window (issue 22): one more in-process instance (6070) whose proofs live 7 s (ProofMaxAge 5 s, ClockSkew 1 s,
# MaxRememberedProofs 800000 so the one key's quarter share is 200000), sent DPoP at full rate for PAST_WINDOW_DURATION
# (20 s) with proofs made ahead for each second of the run (bench/dpop-proofs-timed.lua): more proofs than the key's
# share, none answered anything but 200, as the store forgets whole buckets once their time has passed.
# BASELINE=<git revision> also builds that revision the same way and runs public, protected, admin and the cache-off rows
# (protected, bad signature, garbage) on it in the same rounds: "did this change cost anything" as ratios measured side
# by side, not against an old results file.
# Usage: bench/run.sh   (ROUNDS=3 DURATION=6 CONNECTIONS=32 FLOOD_DURATION=10 PAST_WINDOW_DURATION=20 by default; about 9
# minutes on a quiet machine, 10½ with BASELINE)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-6}
CONNECTIONS=${CONNECTIONS:-32}
FLOOD_DURATION=${FLOOD_DURATION:-10}
PAST_WINDOW_DURATION=${PAST_WINDOW_DURATION:-20}
BASELINE=${BASELINE:-}
AUDIENCE=https://hello-world.example.com
# Proofs are made before each run and the API accepts them for Auth0:Dpop:ProofMaxAge, 2 minutes by default.
[ "$DURATION" -le 90 ] || { echo "DURATION=$DURATION: DPoP proofs made before a run would expire during it; at most 90" >&2; exit 1; }

command -v wrk >/dev/null && [ -x /usr/bin/time ] && command -v redis-server >/dev/null ||
  { apt-get update -qq && apt-get install -y -qq wrk time redis-server >/dev/null; }
[ -d tests/MessagesApi.Tests/oidc/node_modules/oidc-provider ] || (cd tests/MessagesApi.Tests/oidc && npm ci --no-audit --no-fund --loglevel=error)

WORK=$(mktemp -d)
PIDS=()
FLOODER=
cleanup() {
  [ -z "$FLOODER" ] || pkill -P "$FLOODER" || true # the flooder's wrk, a child of /usr/bin/time
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -z "$BASELINE" ] || git worktree remove --force "$WORK/baseline-src" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== building Release (MessagesApi, and stock JwtBearer as the baseline)"
# publish PROJECT OUT: as the Dockerfile publishes (Native AOT, from the project); a revision from before Native AOT as
# its Dockerfile did, ReadyToRun.
publish() {
  local flags=(); grep -q '<PublishAot>true' "$1" || flags=(--self-contained false -p:PublishReadyToRun=true)
  dotnet publish "$1" -c Release --use-current-runtime "${flags[@]}" -o "$2" --nologo -v q >/dev/null
}
publish src/MessagesApi/MessagesApi.csproj "$WORK/api"
dotnet publish bench/StockJwtBearer/StockJwtBearer.csproj -c Release -o "$WORK/stock" --nologo -v q >/dev/null
dotnet publish bench/Es256Verify/Es256Verify.csproj -c Release -o "$WORK/es256" --nologo -v q >/dev/null
if [ -n "$BASELINE" ]; then
  echo "== building the baseline, $BASELINE ($(git rev-parse --short "$BASELINE"))"
  git worktree add --detach -q "$WORK/baseline-src" "$BASELINE"
  publish "$WORK/baseline-src/src/MessagesApi/MessagesApi.csproj" "$WORK/baseline"
fi

source bench/issuer.sh
# mtls: it asks for client certificates, so that mtls-client's token is bound to ours; the other clients present none.
start_issuer 7443 mtls
TOKEN=$(token plain-client "")
ADMIN=$(token admin-client read:admin-messages)
BAD_SIGNATURE="${TOKEN%?????}AAAAA"
# Opaque tokens: one for the warm row, repeated as a web app's user repeats hers, and COLD_TOKENS for the cold row, sent
# round robin: several times CONNECTIONS, so no two requests in flight carry one token (they would share one call), and
# well under the 1000 tokens oidc-provider's in-memory store keeps. One curl, one connection, for all of them.
COLD_TOKENS=256
OPAQUE_TOKEN=$(token opaque-client "")
opaque_urls=(); for _ in $(seq "$COLD_TOKENS"); do opaque_urls+=("https://localhost:$ISSUER_PORT/token"); done
curl -sf --cacert "$WORK/ca.pem" -u opaque-client:opaque-secret -d grant_type=client_credentials -d "resource=$AUDIENCE" "${opaque_urls[@]}" |
  python3 -c 'import json, sys
text, at, decoder = sys.stdin.read(), 0, json.JSONDecoder()
while at < len(text): answer, at = decoder.raw_decode(text, at); print(answer["access_token"])' > "$WORK/cold-tokens.txt"
[ "$(sort -u "$WORK/cold-tokens.txt" | wc -l)" = "$COLD_TOKENS" ] || { echo "the issuer gave $(wc -l < "$WORK/cold-tokens.txt") opaque tokens, not $COLD_TOKENS distinct ones" >&2; exit 1; }
# Certificate-bound (RFC 8705): mtls-client's token, bound (cnf x5t#S256) to a self-signed certificate presented at the
# token endpoint, and that certificate as nginx forwards it ($ssl_client_escaped_cert: URL-encoded PEM).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=bench-client -days 2 \
  -keyout "$WORK/client-key.pem" -out "$WORK/client.pem" 2>/dev/null
MTLS_TOKEN=$(token mtls-client "" --cert "$WORK/client.pem" --key "$WORK/client-key.pem")
CLIENT_CERT_HEADER="ssl-client-cert: $(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(open(sys.argv[1]).read(), safe=""))' "$WORK/client.pem")"
# Bound to the ES256 key in dpop-key.json (cnf.jkt); dpop-client gets no token without a proof.
DPOP_TOKEN=$(AUDIENCE=$AUDIENCE NODE_EXTRA_CA_CERTS="$WORK/ca.pem" taskset -c 1 node bench/dpop-proofs.mjs token "https://localhost:$ISSUER_PORT/" "$WORK/dpop-key.json")
# The proofs bench/Es256Verify verifies: the signature is all it checks, so their URL and age do not matter.
taskset -c 1 node bench/dpop-proofs.mjs proofs "$WORK/dpop-key.json" "$DPOP_TOKEN" http://localhost/verify 20000 > "$WORK/verify-proofs.txt"

echo "== starting Redis for the DPoP replay store (CPU 1, nothing on disk)"
REDIS_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
taskset -c 1 redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ] && break; sleep 0.05; done
[ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ] || { echo "redis-server did not start: $(cat "$WORK/redis.log")" >&2; exit 1; }

# start_api NAME PORT [extra env...]: the API as Production on CPU 0, stdout and stderr to NAME.log; writes milliseconds
# to the first 200 to NAME.startup.
start_api() {
  local name=$1 port=$2; shift 2
  local dir=api app=MessagesApi
  if [ "$name" = stock ]; then dir=stock app=StockJwtBearer; fi
  if [[ $name == baseline* ]]; then dir=baseline; fi
  local command=(dotnet "$app.dll"); [ -f "$WORK/$dir/$app.dll" ] || command=("./$app") # Native AOT: the executable alone
  local started; started=$(date +%s%N)
  (cd "$WORK/$dir" && exec env ASPNETCORE_ENVIRONMENT=Production PORT="$port" AUTH0_DOMAIN="localhost:$ISSUER_PORT" AUTH0_AUDIENCE=$AUDIENCE \
    SSL_CERT_FILE="$WORK/ca.pem" "$@" taskset -c 0 "${command[@]}") >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  local deadline=$((SECONDS + 60))
  until curl -sf "http://localhost:$port/api/messages/public" >/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || { echo "$name (port $port) did not answer in 60 s:" >&2; tail -20 "$WORK/$name.log" >&2; exit 1; }
    sleep 0.005
  done
  echo $(( ($(date +%s%N) - started) / 1000000 )) > "$WORK/$name.startup"
}
# api_pid PORT: the API listening on PORT (its status 0 whichever instance pgrep lists last).
api_pid() { pgrep -f 'MessagesApi(\.dll)?$' | while read -r pid; do if tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null | grep -qx "PORT=$1"; then echo "$pid"; fi; done | head -1; }

QUIET=Logging__LogLevel__Default=Warning
echo "== starting the API: token cache on (6061) and off (6062), stock JwtBearer (6063), Production defaults (6064, and 6065 behind a proxy)"
start_api cache-on 6061 $QUIET
# bad-signature and garbage measure how fast one rejection is; the per-client failure budget would throttle them.
start_api cache-off 6062 $QUIET Auth0__TokenCache__Enabled=false Clients__FailureBudget__Enabled=false
start_api stock 6063 $QUIET
# Production defaults as the Docker image runs them (its logging, the failure budget on): the fairness scenarios.
start_api fair 6064
start_api proxied 6065 ForwardedHeaders__KnownProxies=127.0.0.1,::1
# The baseline's two instances as 6061 and 6062, serving the same runs, so that no ratio compares unlike histories.
[ -z "$BASELINE" ] || { start_api baseline 6066 $QUIET; start_api baseline-cache-off 6067 $QUIET Auth0__TokenCache__Enabled=false Clients__FailureBudget__Enabled=false; }
echo "== starting the API for DPoP: replay store in-process (6068) and in Redis (6069)"
# A proof names the URL the client called; outside Development the API takes it from PUBLIC_URL, which must be https (as
# behind a TLS-terminating proxy), while wrk calls it over plain HTTP: proofs name dpop_target PORT.
dpop_target() { echo "https://localhost:$1/api/messages/protected"; }
start_api dpop 6068 $QUIET PUBLIC_URL=https://localhost:6068
start_api dpop-redis 6069 $QUIET PUBLIC_URL=https://localhost:6069 Auth0__Dpop__Redis=127.0.0.1:$REDIS_PORT
start_api dpop-past-window 6070 $QUIET PUBLIC_URL=https://localhost:6070 Auth0__Dpop__ProofMaxAge=00:00:05 Auth0__ClockSkew=00:00:01 Auth0__Dpop__MaxRememberedProofs=800000
echo "== starting the API for opaque tokens, answers cached (6071) and not (6072), and certificate-bound ones behind a proxy (6073)"
INTROSPECTION=(Auth0__Introspection__ClientId=messages-api Auth0__Introspection__ClientSecret=messages-api-secret)
# Warm for the whole run: an answer is reused until the first of the token's exp (an hour after it was issued),
# Introspection:CacheMaxLifetime (1 minute by default) and TokenCache:MaxLifetime (5 minutes), the last two here at their
# maximum, an hour.
start_api opaque 6071 $QUIET "${INTROSPECTION[@]}" Auth0__Introspection__CacheMaxLifetime=01:00:00 Auth0__TokenCache__MaxLifetime=01:00:00
# CacheMaxLifetime 0 caches no active answer, so every request with a token not in flight already is a call. Calls in
# flight are at most CONNECTIONS, within MaxConcurrentCalls (64, raised to CONNECTIONS when that is more): none is a 503.
start_api opaque-cold 6072 $QUIET "${INTROSPECTION[@]}" Auth0__Introspection__CacheMaxLifetime=00:00:00 \
  Auth0__Introspection__MaxConcurrentCalls=$((CONNECTIONS > 64 ? CONNECTIONS : 64))
# wrk plays the TLS-terminating proxy (nginx's ssl-client-cert header), from the one address trusted.
start_api mtls 6073 $QUIET Auth0__CertificateBinding__Enabled=true Auth0__CertificateBinding__ForwardedHeader=ssl-client-cert \
  ForwardedHeaders__KnownProxies=127.0.0.1
STARTUP_ON=$(cat "$WORK/cache-on.startup") STARTUP_OFF=$(cat "$WORK/cache-off.startup") STARTUP_STOCK=$(cat "$WORK/stock.startup")
for port in 6061 6062 6063 6064 6065 ${BASELINE:+6066 6067}; do curl -sf -H "Authorization: Bearer $TOKEN" "http://localhost:$port/api/messages/protected" >/dev/null; done
RSS_IDLE=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$(api_pid 6061)/status")
# Each DPoP instance takes a fresh proof and refuses it replayed: the setup the DPoP rows measure works.
for port in 6068 6069; do
  url=http://localhost:$port/api/messages/protected
  proof=$(taskset -c 1 node bench/dpop-proofs.mjs proofs "$WORK/dpop-key.json" "$DPOP_TOKEN" "$(dpop_target "$port")" 1)
  statuses=$(for _ in 1 2; do curl -s -o /dev/null -w '%{http_code} ' -H "Authorization: DPoP $DPOP_TOKEN" -H "DPoP: $proof" "$url"; done)
  [ "$statuses" = "200 401 " ] || { echo "DPoP on $port: a fresh proof then the same again got $statuses, not 200 401" >&2; exit 1; }
done
# The opaque instances take their tokens (the warm one's answer now cached); the bound token passes with its certificate
# forwarded by the trusted proxy, and not without it.
expect_status() {
  local want=$1 got; shift
  got=$(curl -s -o /dev/null -w '%{http_code}' "$@")
  [ "$got" = "$want" ] || { echo "curl ${*: -1}: $got, not $want" >&2; exit 1; }
}
expect_status 200 -H "Authorization: Bearer $OPAQUE_TOKEN" http://localhost:6071/api/messages/protected
expect_status 200 -H "Authorization: Bearer $(head -1 "$WORK/cold-tokens.txt")" http://localhost:6072/api/messages/protected
expect_status 200 -H "Authorization: Bearer $MTLS_TOKEN" -H "$CLIENT_CERT_HEADER" http://127.0.0.1:6073/api/messages/protected
curl -s -o /dev/null -D - -H "Authorization: Bearer $MTLS_TOKEN" http://127.0.0.1:6073/api/messages/protected | grep -qi 'certificate_missing\|present that certificate' ||
  { echo "6073: the certificate-bound token is not refused without its certificate: is it bound?" >&2; exit 1; }
curl -s -o /dev/null -D - -H "Authorization: Bearer $(node bench/expired-tokens.mjs "$WORK/jwks.json" "$TOKEN" 1)" http://localhost:6062/api/messages/protected |
  grep -qi 'has expired' || { echo "bench/expired-tokens.mjs: its token is not refused as expired" >&2; exit 1; }

# summarize WRK_OUTPUT: prints "rps p50_ms p99_ms".
summarize() {
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
       function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
       END {printf "%.0f %.3f %.3f\n", rps, ms(p50), ms(p99)}' "$1"
}

# cpu_percent TIME_OUTPUT SECONDS: the share of one CPU (user + system) that /usr/bin/time -f '%U %S' reported.
cpu_percent() { tail -1 "$1" | awk -v d="$2" '{printf "%.0f\n", 100 * ($1 + $2) / d}'; }

# run_wrk OUT URL [token [more wrk options...]]: appends "rps p50_ms p99_ms" to OUT; WRK_CPU is the % of CPU it used,
# WRK_RAW its output.
run_wrk() {
  local out=$1 url=$2 token=${3:-}; shift $(( $# < 3 ? $# : 3 ))
  local header=(); [ -n "$token" ] && header=(-H "Authorization: Bearer $token")
  local raw; raw=$(mktemp -p "$WORK")
  /usr/bin/time -f '%U %S' -o "$raw.cpu" taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "${header[@]}" "$@" "$url" > "$raw"
  summarize "$raw" >> "$out"
  WRK_CPU=$(cpu_percent "$raw.cpu" "$DURATION")
  WRK_RAW=$raw
}

# Runs whose answers are not what they measure: listed under the results, and the bench exits 1.
PROBLEMS=()
# cpu_ticks PID: the CPU time (user + system) the process has used, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# api_cpu PID TICKS STARTED WRK_OUTPUT: since cpu_ticks PID was TICKS at STARTED (date +%s%N), for the requests wrk counted,
# "CPU % of its core, CPU µs a request, requests per CPU second": what a request costs the API, which neighbours taking
# turns on its core do not change.
api_cpu() {
  awk -v t=$(( $(cpu_ticks "$1") - $2 )) -v hz="$(getconf CLK_TCK)" -v ns=$(( $(date +%s%N) - $3 )) \
    -v n="$(awk '/requests in/ {print $1}' "$4")" 'BEGIN {printf "%.0f %.0f %.0f\n", 100 * t / hz / (ns / 1e9), 1e6 * t / hz / n, n / (t / hz)}'
}

# checked_wrk NAME PORT URL TOKEN [more wrk options...]: run_wrk to NAME.txt with wrk's CPU % to NAME.cpu, the API on
# PORT's api_cpu to NAME-api-cpu.txt, the issuer's CPU % to NAME.issuer-cpu (about 0 when no request calls it) and
# "2xx=N 4xx/5xx=M" to NAME.statuses (without a script, which would cost the client more than in the row it is compared
# with, wrk counts no more finely); any answer but 2xx, or socket errors, is one of the PROBLEMS.
checked_wrk() {
  local name=$1 pid ticks issuer_ticks started; pid=$(api_pid "$2"); shift 2
  ticks=$(cpu_ticks "$pid") issuer_ticks=$(cpu_ticks "$ISSUER_PID") started=$(date +%s%N)
  run_wrk "$WORK/$name.txt" "$@"
  api_cpu "$pid" "$ticks" "$started" "$WRK_RAW" >> "$WORK/$name-api-cpu.txt"
  echo "$WRK_CPU" >> "$WORK/$name.cpu"
  awk -v t=$(( $(cpu_ticks "$ISSUER_PID") - issuer_ticks )) -v hz="$(getconf CLK_TCK)" -v ns=$(( $(date +%s%N) - started )) \
    'BEGIN {printf "%.0f\n", 100 * t / hz / (ns / 1e9)}' >> "$WORK/$name.issuer-cpu"
  local total refused errors
  total=$(awk '/requests in/ {print $1}' "$WRK_RAW")
  refused=$(awk '/Non-2xx or 3xx responses/ {print $NF}' "$WRK_RAW")
  errors=$(grep 'Socket errors' "$WRK_RAW" || true)
  echo "2xx=$((total - ${refused:-0})) 4xx/5xx=${refused:-0}" >> "$WORK/$name.statuses"
  if [ -n "$refused" ] || [ -n "$errors" ]; then
    PROBLEMS+=("$name: ${refused:-0} of $total answers not 2xx${errors:+; $errors}")
    echo "WARNING: ${PROBLEMS[-1]}" >&2
  fi
}

# es256_verify: appends this round's "verifies/s verifies-per-CPU-second" on CPU 0 to es256-handler.txt,
# es256-handler-new-key.txt and es256-raw.txt.
es256_verify() {
  taskset -c 0 dotnet "$WORK/es256/Es256Verify.dll" "$WORK/verify-proofs.txt" 2 |
    while read -r way rate cpu_rate; do echo "$rate $cpu_rate" >> "$WORK/es256-$way.txt"; done
}

# dpop_wrk NAME PORT: a DPoP run on PORT's /api/messages/protected with proofs made for it just now, on CPU 1 (the time
# to make them is not measured; proofs.txt holds how many and how long). No request is answered without one signature
# check on CPU 0, so this round's raw ECDSA verifies/s times the duration, and a quarter more, is more than a run can
# send. Appends "rps p50 p99" to NAME.txt, the status counts to NAME.statuses, wrk's CPU % to NAME.cpu, and the API's
# "CPU % of its core, CPU µs per request, requests per CPU second" to NAME-api-cpu.txt (is it the API's core that
# limits, and what one request costs it, which a neighbour taking turns on the core does not change); a run with
# anything but 200s, socket errors or too few proofs is added to PROBLEMS.
dpop_wrk() {
  local name=$1 url=http://localhost:$2/api/messages/protected count started pid ticks
  count=$(awk -v r="$(tail -1 "$WORK/es256-raw.txt" | cut -d' ' -f2)" -v d="$DURATION" 'BEGIN {printf "%d", r * d * 1.25 + 1000}')
  started=$(date +%s%N)
  taskset -c 1 node bench/dpop-proofs.mjs proofs "$WORK/dpop-key.json" "$DPOP_TOKEN" "$(dpop_target "$2")" "$count" > "$WORK/proofs"
  echo "$count $(( ($(date +%s%N) - started) / 1000000 ))" >> "$WORK/proofs.txt"
  local raw; raw=$(mktemp -p "$WORK")
  pid=$(api_pid "$2") ticks=$(cpu_ticks "$pid") started=$(date +%s%N)
  /usr/bin/time -f '%U %S' -o "$raw.cpu" taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency \
    -s bench/dpop-proofs.lua "$url" -- "$DPOP_TOKEN" "$WORK/proofs" > "$raw"
  api_cpu "$pid" "$ticks" "$started" "$raw" >> "$WORK/$name-api-cpu.txt"
  rm "$WORK/proofs"
  summarize "$raw" >> "$WORK/$name.txt"
  cpu_percent "$raw.cpu" "$DURATION" >> "$WORK/$name.cpu"
  local statuses proofs errors
  statuses=$(grep '^statuses:' "$raw" | cut -d' ' -f2-)
  proofs=$(grep '^proofs:' "$raw" | cut -d' ' -f2-)
  errors=$(grep 'Socket errors' "$raw" || true)
  echo "$statuses" >> "$WORK/$name.statuses"
  if [[ ! $statuses =~ ^200=[0-9]+$ || $proofs == *ran_out=1* || -n $errors ]]; then
    PROBLEMS+=("$name: $statuses; $proofs${errors:+; $errors}; $(grep '^challenge 401:' "$raw" || true)")
    echo "WARNING: ${PROBLEMS[-1]}" >&2
  fi
}

# dpop_past_window: PAST_WINDOW_DURATION seconds of DPoP on 6070, whose proofs live 7 s, with proofs for each second of
# the run made ahead (twice this round's raw ECDSA verifies/s a second, so wrk never waits for one), their iat the
# second they are to be sent in. Appends "rps p50 p99" to dpop-past-window.txt, the status counts to
# dpop-past-window.statuses and "sent skipped" to dpop-past-window.proofs; anything but 200s is a DPOP_PROBLEM.
dpop_past_window() {
  local url=http://localhost:6070/api/messages/protected per_second make_rate start second raw
  per_second=$(awk -v r="$(tail -1 "$WORK/es256-raw.txt" | cut -d' ' -f2)" 'BEGIN {printf "%d", r * 2}')
  make_rate=$(tail -1 "$WORK/proofs.txt" | awk '{printf "%d", $1 / ($2 / 1000)}')
  # Made by one node a second (each starting in about half a second); on a busy CPU 1 more slowly than the last run's
  # rate, so proofs that were not ready before their first second are made again with twice the time, then three times.
  local attempt
  for attempt in 1 2 3; do
    start=$(( $(date +%s) + attempt * (PAST_WINDOW_DURATION + 2) * (per_second / make_rate + 1) + 3 ))
    : > "$WORK/proofs"
    for second in $(seq "$start" $((start + PAST_WINDOW_DURATION + 1))); do # a spare second: wrk may end a little late
      taskset -c 1 node bench/dpop-proofs.mjs proofs "$WORK/dpop-key.json" "$DPOP_TOKEN" "$(dpop_target 6070)" "$per_second" GET "$second" >> "$WORK/proofs"
    done
    [ "$(date +%s)" -ge "$start" ] || break
  done
  while [ "$(date +%s)" -lt "$start" ]; do sleep 0.05; done
  raw=$(mktemp -p "$WORK")
  taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${PAST_WINDOW_DURATION}s" --latency -s bench/dpop-proofs-timed.lua "$url" -- "$DPOP_TOKEN" "$WORK/proofs" > "$raw"
  rm "$WORK/proofs"
  summarize "$raw" >> "$WORK/dpop-past-window.txt"
  local statuses proofs errors
  statuses=$(grep '^statuses:' "$raw" | cut -d' ' -f2-)
  proofs=$(grep '^proofs:' "$raw" | cut -d' ' -f2-)
  errors=$(grep 'Socket errors' "$raw" || true)
  echo "$statuses" >> "$WORK/dpop-past-window.statuses"
  echo "$proofs" | sed -E 's/.*used=([0-9]+).*skipped=([0-9]+).*/\1 \2/' >> "$WORK/dpop-past-window.proofs"
  if [[ ! $statuses =~ ^200=[0-9]+$ || $proofs == *ran_out=1* || -n $errors ]]; then
    PROBLEMS+=("dpop-past-window: $statuses; $proofs${errors:+; $errors}; $(grep '^challenge' "$raw" | tr '\n' ' ' || true)")
    echo "WARNING: ${PROBLEMS[-1]}" >&2
  fi
}

# opaque_cold NAME: a run on 6072, which caches no introspection answer, with the COLD_TOKENS round robin
# (bench/round-robin-tokens.lua): every request is a call to the issuer. What limits it is CPU time: the issuer's (node,
# one thread, on CPU 1 beside wrk) and the API's for the call (on CPU 0), each recorded per request. Appends "rps p50 p99"
# to NAME.txt, the status counts to NAME.statuses, wrk's CPU % to NAME.cpu and "API's CPU 0 %, issuer's CPU 1 %, API's
# CPU µs a request, issuer's" to NAME-cpu.txt; anything but 200s, or socket errors, is one of the PROBLEMS.
opaque_cold() {
  local name=$1 raw pid api_ticks issuer_ticks started requests statuses errors
  raw=$(mktemp -p "$WORK")
  pid=$(api_pid 6072) api_ticks=$(cpu_ticks "$pid") issuer_ticks=$(cpu_ticks "$ISSUER_PID") started=$(date +%s%N)
  /usr/bin/time -f '%U %S' -o "$raw.cpu" taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency \
    -s bench/round-robin-tokens.lua http://localhost:6072/api/messages/protected -- "$WORK/cold-tokens.txt" > "$raw"
  requests=$(awk '/requests in/ {print $1}' "$raw")
  awk -v api=$(( $(cpu_ticks "$pid") - api_ticks )) -v issuer=$(( $(cpu_ticks "$ISSUER_PID") - issuer_ticks )) -v hz="$(getconf CLK_TCK)" \
    -v ns=$(( $(date +%s%N) - started )) -v n="$requests" \
    'BEGIN {s = ns / 1e9; printf "%.0f %.0f %.0f %.0f\n", 100 * api / hz / s, 100 * issuer / hz / s, 1e6 * api / hz / n, 1e6 * issuer / hz / n}' >> "$WORK/$name-cpu.txt"
  summarize "$raw" >> "$WORK/$name.txt"
  cpu_percent "$raw.cpu" "$DURATION" >> "$WORK/$name.cpu"
  statuses=$(grep '^statuses:' "$raw" | cut -d' ' -f2-)
  errors=$(grep 'Socket errors' "$raw" || true)
  echo "$statuses" >> "$WORK/$name.statuses"
  if [[ ! $statuses =~ ^200=[0-9]+$ || -n $errors ]]; then
    PROBLEMS+=("$name: $statuses${errors:+; $errors}; $(grep '^challenge' "$raw" | grep -v '^challenge 200:' | tr '\n' ' ' || true)")
    echo "WARNING: ${PROBLEMS[-1]}" >&2
  fi
}

# Fairness (issue 14) on 6064 and 6065. The API stays alone on CPU 0; the valid wrk and the flooder share CPU 1 (the
# valid wrk alone has it to itself): each wrk's CPU use is recorded, so a client side that ran out of CPU shows.
FAIR=http://127.0.0.1:6064/api/messages/protected
FAIR_FLOOD=http://[::1]:6064/api/messages/protected # another source address: the API sees two clients
PROXIED=http://127.0.0.1:6065/api/messages/protected
VALID_XFF=203.0.113.10 FLOOD_XFF=203.0.113.66

# start_flooder URL SECONDS [X-FORWARDED-FOR]: wrk with distinct bad signatures in the background (finish_flooder
# collects it). A generous --timeout: a flooder whose requests are held is counted, not dropped after wrk's 2 s.
start_flooder() {
  local url=$1; FLOOD_SECONDS=$2; shift 2
  FLOOD_RAW=$(mktemp -p "$WORK")
  /usr/bin/time -f '%U %S' -o "$FLOOD_RAW.cpu" taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${FLOOD_SECONDS}s" --timeout 30s --latency \
    -s bench/distinct-bad-signatures.lua "$url" -- "$TOKEN" "$@" > "$FLOOD_RAW" &
  FLOODER=$!
}
# finish_flooder NAME: waits for the flooder; appends its "rps p50 p99" to NAME.txt, its status counts to
# NAME.statuses, its socket errors to NAME.errors and its CPU % to NAME.cpu.
finish_flooder() {
  wait "$FLOODER"; FLOODER=
  summarize "$FLOOD_RAW" >> "$WORK/$1.txt"
  grep '^statuses:' "$FLOOD_RAW" | cut -d' ' -f2- >> "$WORK/$1.statuses"
  awk '/Socket errors/ {gsub(",", ""); e=$3 "=" $4 " " $5 "=" $6 " " $7 "=" $8 " " $9 "=" $10} END {print e ? e : "timeout=0"}' "$FLOOD_RAW" >> "$WORK/$1.errors"
  cpu_percent "$FLOOD_RAW.cpu" "$FLOOD_SECONDS" >> "$WORK/$1.cpu"
  local challenge; challenge=$(grep '^challenge 401:' "$FLOOD_RAW" || true)
  if [ -n "$challenge" ] && [[ $challenge != *"signature is invalid"* ]]; then
    echo "warning: $1 was not refused for its signature: $challenge" >&2
  fi
}

# valid_wrk NAME URL [X-FORWARDED-FOR]: the valid client, 127.0.0.1, for DURATION.
valid_wrk() {
  local name=$1 url=$2 xff=(); [ -n "${3:-}" ] && xff=(-H "X-Forwarded-For: $3")
  run_wrk "$WORK/$name.txt" "$url" "$TOKEN" "${xff[@]}"
  echo "$WRK_CPU" >> "$WORK/$name.cpu"
}

# under_flood NAME VALID_URL VALID_XFF FLOOD_URL FLOOD_XFF: the valid client and a flooder at once.
under_flood() {
  start_flooder "$4" "$DURATION" ${5:+"$5"}
  valid_wrk "valid-under-$1" "$2" "$3"
  finish_flooder "$1"
}

# The floods on 6064 all come from ::1: a budget that remembers ::1 meets the later ones already throttled, as it would
# a persistent attacker.
fairness() {
  valid_wrk valid-alone "$FAIR"
  under_flood flood "$FAIR" "" "$FAIR_FLOOD" ""
  # No proxy is trusted: a new X-Forwarded-For on every request must not make the flooder look like many clients.
  under_flood flood-xff "$FAIR" "" "$FAIR_FLOOD" random
  valid_wrk valid-alone-proxied "$PROXIED" "$VALID_XFF"
  under_flood flood-proxied "$PROXIED" "$VALID_XFF" "$PROXIED" "$FLOOD_XFF"
}

# During one FLOOD_DURATION flood on 6064: a third client (127.0.0.3) sends 5 expired tokens, then a valid one
# (appends "s1 s2 s3 s4 s5 s6 seconds-to-the-200" to third-client.txt); and the log's growth in bytes (log-bytes.txt).
third_client_during_flood() {
  local expired; mapfile -t expired < <(taskset -c 1 node bench/expired-tokens.mjs "$WORK/jwks.json" "$TOKEN" 5)
  local log_before; log_before=$(stat -c %s "$WORK/fair.log")
  start_flooder "$FAIR_FLOOD" "$FLOOD_DURATION"
  sleep $((FLOOD_DURATION / 5))
  local statuses=() token started; started=$(date +%s%N)
  for token in "${expired[@]}" "$TOKEN"; do
    statuses+=("$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 --interface 127.0.0.3 -H "Authorization: Bearer $token" "$FAIR" || true)")
  done
  local seconds=-; [ "${statuses[5]}" = 200 ] && seconds=$(awk -v ns=$(($(date +%s%N) - started)) 'BEGIN {printf "%.2f", ns / 1e9}')
  echo "${statuses[*]} $seconds" >> "$WORK/third-client.txt"
  finish_flooder flood-third-client
  sleep 1 # the console logger writes from a queue: let it catch up with the flood
  echo $(($(stat -c %s "$WORK/fair.log") - log_before)) >> "$WORK/log-bytes.txt"
}

SCENARIOS=(public protected admin protected-cache-off bad-signature garbage stock-public stock-protected)
[ -z "$BASELINE" ] || SCENARIOS+=(baseline-public baseline-protected baseline-admin baseline-protected-cache-off baseline-bad-signature baseline-garbage)
url_of() { case $1 in
  public) echo "http://localhost:6061/api/messages/public" ;;
  protected) echo "http://localhost:6061/api/messages/protected $TOKEN" ;;
  admin) echo "http://localhost:6061/api/messages/admin $ADMIN" ;;
  protected-cache-off) echo "http://localhost:6062/api/messages/protected $TOKEN" ;;
  bad-signature) echo "http://localhost:6062/api/messages/protected $BAD_SIGNATURE" ;;
  garbage) echo "http://localhost:6062/api/messages/protected garbage" ;;
  stock-public) echo "http://localhost:6063/api/messages/public" ;;
  stock-protected) echo "http://localhost:6063/api/messages/protected $TOKEN" ;;
  baseline-public) echo "http://localhost:6066/api/messages/public" ;;
  baseline-protected) echo "http://localhost:6066/api/messages/protected $TOKEN" ;;
  baseline-admin) echo "http://localhost:6066/api/messages/admin $ADMIN" ;;
  baseline-protected-cache-off) echo "http://localhost:6067/api/messages/protected $TOKEN" ;;
  baseline-bad-signature) echo "http://localhost:6067/api/messages/protected $BAD_SIGNATURE" ;;
  baseline-garbage) echo "http://localhost:6067/api/messages/protected garbage" ;;
esac; }

# One run is not enough: the run after it is still a third slower, while tiered compilation, on the same core, catches up.
echo "== warming up the DPoP instances, two runs each, and the issuer's introspection, one (not measured; bench/Es256Verify warms up too)"
es256_verify
for _ in 1 2; do dpop_wrk warm-up-dpop 6068; dpop_wrk warm-up-dpop-redis 6069; done
# The issuer's JIT too: its first run answers at a third of the rate.
opaque_cold warm-up-opaque-cold
rm "$WORK"/es256-*.txt

LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
for round in $(seq "$ROUNDS"); do
  echo "== round $round/$ROUNDS"
  for scenario in "${SCENARIOS[@]}"; do
    read -r url token <<<"$(url_of "$scenario")"
    # protected, which the opaque and certificate-bound rows are compared with, per CPU second too.
    [ "$scenario" != protected ] || { pid=$(api_pid 6061) ticks=$(cpu_ticks "$pid") started=$(date +%s%N); }
    run_wrk "$WORK/$scenario.txt" "$url" "$token"
    [ "$scenario" != protected ] || api_cpu "$pid" "$ticks" "$started" "$WRK_RAW" >> "$WORK/protected-api-cpu.txt"
    echo "$WRK_CPU" >> "$WORK/$scenario.cpu"
  done
  checked_wrk opaque-protected 6071 http://localhost:6071/api/messages/protected "$OPAQUE_TOKEN"
  checked_wrk certificate-bound-protected 6073 http://127.0.0.1:6073/api/messages/protected "$MTLS_TOKEN" -H "$CLIENT_CERT_HEADER"
  opaque_cold opaque-cold
  es256_verify
  dpop_wrk dpop-protected 6068
  dpop_wrk dpop-protected-redis 6069
  [ "$round" != 1 ] || dpop_past_window
  fairness
  third_client_during_flood
done
RSS_LOADED=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$(api_pid 6061)/status")
LOAD_AFTER=$(cut -d' ' -f1 /proc/loadavg)

median() { sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
col() { awk -v c="$2" '{print $c}' "$WORK/$1.txt" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }
# count_medians FILE: lines of "key=count ..." (one a round) as the median count per key, zeros left out, e.g.
# "401: 61234, 429: 12".
count_medians() {
  local key median_count counts=()
  for key in $(grep -o '[^ ]*=' "$WORK/$1" | tr -d = | sort -u); do
    median_count=$(awk -v k="$key" '{n=0; for (i=1; i<=NF; i++) {split($i, kv, "="); if (kv[1]==k) n=kv[2]} print n}' "$WORK/$1" | median)
    [ "$median_count" = 0 ] || counts+=("$key: $median_count")
  done
  local IFS=,; echo "${counts[*]:-0}" | sed 's/,/, /g'
}
median_of() { median < "$WORK/$1"; }
# each_round FILE: its first column, one value a round, comma-separated.
each_round() { awk '{printf "%s%s", (NR>1 ? ", " : ""), $1}' "$WORK/$1"; }
# ratio_each_round A COLUMN B COLUMN: the ratio of a column of A.txt to one of B.txt, round by round.
ratio_each_round() { paste -d' ' <(cut -d' ' -f"$2" "$WORK/$1.txt") <(cut -d' ' -f"$4" "$WORK/$3.txt") | awk '{printf "%s%.2f", (NR>1 ? ", " : ""), $1/$2}'; }
third_client() {
  awk '{s=$1; for (i=2; i<=6; i++) s=s " " $i; printf "%s%s, %s", (NR>1 ? "; " : ""), s, ($7=="-" ? "no 200" : "200 after " $7 " s")}' "$WORK/third-client.txt"
}
log_kb() { awk '{printf "%s%.0f", (NR>1 ? ", " : ""), $1/1024}' "$WORK/log-bytes.txt"; }

RESULT="bench/results/$(date -u +%Y-%m-%dT%H%M)Z.md"
{
  echo "# MessagesApi benchmark, $(date -u '+%Y-%m-%d %H:%M') UTC"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(awk '/MemTotal/ {print int($2/1048576)}' /proc/meminfo) GiB;" \
       ".NET $(dotnet --version); API pinned to CPU 0, wrk -t1 -c$CONNECTIONS pinned to CPU 1; ${DURATION}s runs, $ROUNDS interleaved rounds, medians;" \
       "load average $LOAD_BEFORE before, $LOAD_AFTER after (the bench itself keeps about 2 busy)."
  echo "Fairness rows: Production defaults (the Docker image's logging, failure budget on); the valid client (127.0.0.1)" \
       "and the flooder (::1, or 127.0.0.1 behind the trusted proxy) each wrk -t1 -c$CONNECTIONS, both on CPU 1;" \
       "the flooder sends a new random signature on every request; third client and log volume during a ${FLOOD_DURATION}s flood."
  echo
  echo "| scenario | req/s | p50 ms | p99 ms |"
  echo "|---|---|---|---|"
  for scenario in "${SCENARIOS[@]}" opaque-protected opaque-cold certificate-bound-protected dpop-protected dpop-protected-redis valid-alone valid-under-flood flood valid-under-flood-xff flood-xff \
      valid-alone-proxied valid-under-flood-proxied flood-proxied flood-third-client; do
    echo "| $scenario | $(col "$scenario" 1) | $(col "$scenario" 2) | $(col "$scenario" 3) |"
  done
  echo
  echo "| flooder | req/s | statuses (median count) | socket errors | CPU 1 % used by the valid wrk + the flooder (valid wrk alone: $(median_of valid-alone.cpu), behind proxy: $(median_of valid-alone-proxied.cpu)) |"
  echo "|---|---|---|---|---|"
  echo "| flood from ::1 | $(col flood 1) | $(count_medians flood.statuses) | $(count_medians flood.errors) | $(median_of valid-under-flood.cpu) + $(median_of flood.cpu) |"
  echo "| flood from ::1, random X-Forwarded-For | $(col flood-xff 1) | $(count_medians flood-xff.statuses) | $(count_medians flood-xff.errors) | $(median_of valid-under-flood-xff.cpu) + $(median_of flood-xff.cpu) |"
  echo "| flood behind the trusted proxy, X-Forwarded-For $FLOOD_XFF | $(col flood-proxied 1) | $(count_medians flood-proxied.statuses) | $(count_medians flood-proxied.errors) | $(median_of valid-under-flood-proxied.cpu) + $(median_of flood-proxied.cpu) |"
  echo "| ${FLOOD_DURATION}s flood from ::1 (third client, log volume) | $(col flood-third-client 1) | $(count_medians flood-third-client.statuses) | $(count_medians flood-third-client.errors) | flooder: $(median_of flood-third-client.cpu) |"
  echo
  echo "| DPoP | req/s | each round | per CPU second | statuses (median count) | API's CPU 0 % | CPU 1 % used by wrk |"
  echo "|---|---|---|---|---|---|---|"
  echo "| dpop-protected, replay store in-process | $(col dpop-protected 1) | $(each_round dpop-protected.txt) | $(col dpop-protected-api-cpu 3) ($(col dpop-protected-api-cpu 2) µs a request) | $(count_medians dpop-protected.statuses) | $(col dpop-protected-api-cpu 1) | $(median_of dpop-protected.cpu) |"
  echo "| dpop-protected-redis, replay store in Redis $(redis-server --version | grep -o 'v=[^ ]*' | cut -c3-) on CPU 1 | $(col dpop-protected-redis 1) | $(each_round dpop-protected-redis.txt) | $(col dpop-protected-redis-api-cpu 3) ($(col dpop-protected-redis-api-cpu 2) µs a request) | $(count_medians dpop-protected-redis.statuses) | $(col dpop-protected-redis-api-cpu 1) | $(median_of dpop-protected-redis.cpu) |"
  echo "| dpop-past-window, in-process, proofs live 7 s, one ${PAST_WINDOW_DURATION}s run (key's share 200000; proofs sent, skipped unsent: $(awk '{print $1 ", " $2}' "$WORK/dpop-past-window.proofs")) | $(col dpop-past-window 1) | | | $(count_medians dpop-past-window.statuses) | | |"
  for way in handler handler-new-key raw; do
    case $way in
      handler) what="as DpopProofValidator (JsonWebTokenHandler, the client's key built once)" ;;
      handler-new-key) what="a new JsonWebKey per proof (reference: a client with a new key each time)" ;;
      raw) what="raw ECDsa.VerifyData (reference: the cryptography alone)" ;;
    esac
    echo "| ES256 verify/s on CPU 0, $what | $(col "es256-$way" 1) | $(each_round "es256-$way.txt") | $(col "es256-$way" 2) ($(awk -v r="$(col "es256-$way" 2)" 'BEGIN {printf "%.0f", 1e6 / r}') µs a verify) | | | |"
  done
  echo "| Bearer protected (cached), for comparison | $(col protected 1) | $(each_round protected.txt) | | | | |"
  echo
  echo "Proofs for each DPoP run, made on CPU 1 just before it and outside its measured time: $(awk '{printf "%s%d in %.1f s", (NR>1 ? ", " : ""), $1, $2/1000}' "$WORK/proofs.txt") (in run order, warm-up first)."
  echo
  echo "| opaque and certificate-bound tokens | req/s | each round | per CPU second | statuses (median count) | API's CPU 0 % | issuer's CPU 1 % | CPU 1 % used by wrk |"
  echo "|---|---|---|---|---|---|---|---|"
  echo "| opaque-protected: one opaque token, repeated; introspected once, the answer then cached for the whole run (Introspection:CacheMaxLifetime and TokenCache:MaxLifetime 1 h) | $(col opaque-protected 1) | $(each_round opaque-protected.txt) | $(col opaque-protected-api-cpu 3) ($(col opaque-protected-api-cpu 2) µs a request) | $(count_medians opaque-protected.statuses) | $(col opaque-protected-api-cpu 1) | $(median_of opaque-protected.issuer-cpu) | $(median_of opaque-protected.cpu) |"
  echo "| opaque-cold: every request introspected by the issuer (CacheMaxLifetime 0, $COLD_TOKENS tokens round robin so that no two requests in flight share a call) | $(col opaque-cold 1) | $(each_round opaque-cold.txt) | the API's $(col opaque-cold-cpu 3) µs a request, the issuer's $(col opaque-cold-cpu 4) | $(count_medians opaque-cold.statuses) | $(col opaque-cold-cpu 1) | $(col opaque-cold-cpu 2) | $(median_of opaque-cold.cpu) |"
  echo "| certificate-bound-protected: mtls-client's token (cnf x5t#S256) with its certificate in ssl-client-cert (URL-encoded PEM, as nginx forwards it) from the trusted proxy 127.0.0.1; the TLS handshake that proves the certificate's key is the proxy's, not in this row | $(col certificate-bound-protected 1) | $(each_round certificate-bound-protected.txt) | $(col certificate-bound-protected-api-cpu 3) ($(col certificate-bound-protected-api-cpu 2) µs a request) | $(count_medians certificate-bound-protected.statuses) | $(col certificate-bound-protected-api-cpu 1) | $(median_of certificate-bound-protected.issuer-cpu) | $(median_of certificate-bound-protected.cpu) |"
  echo "| Bearer protected (cached), for comparison | $(col protected 1) | $(each_round protected.txt) | $(col protected-api-cpu 3) ($(col protected-api-cpu 2) µs a request) | | $(col protected-api-cpu 1) | | $(median_of protected.cpu) |"
  echo
  echo "The issuer runs with MTLS=1 for the certificate-bound row: it asks every client for a certificate, takes none as well," \
       "and binds only mtls-client's tokens; no other row's token is bound, and only opaque-cold calls it while measured."
  echo
  echo "| goal | measured | target |"
  echo "|---|---|---|"
  echo "| protected (cached) / public | $(ratio "$(col protected 1)" "$(col public 1)") | ≥ 0.85 |"
  echo "| admin (cached) / public | $(ratio "$(col admin 1)" "$(col public 1)") | ≥ 0.85 |"
  echo "| p99 protected / p99 public | $(ratio "$(col protected 3)" "$(col public 3)") | ≤ 1.5 |"
  echo "| protected with cache off / stock JwtBearer protected | $(ratio "$(col protected-cache-off 1)" "$(col stock-protected 1)") | ≥ 1.0 |"
  echo "| public / stock public | $(ratio "$(col public 1)" "$(col stock-public 1)") | (our middleware's cost) |"
  echo "| bad signature / protected with cache off | $(ratio "$(col bad-signature 1)" "$(col protected-cache-off 1)") | ≥ 0.8 |"
  echo "| garbage / public | $(ratio "$(col garbage 1)" "$(col public 1)") | ≥ 0.5 |"
  echo "| valid under a distinct-bad-signature flood from another address / valid alone | $(ratio "$(col valid-under-flood 1)" "$(col valid-alone 1)") | ≥ 0.9 |"
  echo "| the same, the flooder sending a random X-Forwarded-For, no proxy trusted | $(ratio "$(col valid-under-flood-xff 1)" "$(col valid-alone 1)") | ≥ 0.9 |"
  echo "| the same behind a trusted proxy, clients told apart by X-Forwarded-For | $(ratio "$(col valid-under-flood-proxied 1)" "$(col valid-alone-proxied 1)") | ≥ 0.9 |"
  echo "| third client during a flood, 5 expired tokens then a valid one (each round) | $(third_client) | 401 ×5 then 200 within 5 s |"
  echo "| log growth during a ${FLOOD_DURATION}s flood, KB (each round) | $(log_kb) | ≤ 200 in 10 s |"
  echo "| RSS idle / after load (MB) | $RSS_IDLE / $RSS_LOADED | ≤ 150 after load |"
  echo "| startup to first 200, Production (ms) | $STARTUP_ON, $STARTUP_OFF (stock: $STARTUP_STOCK) | ≤ 400 |"
  for row in dpop-protected dpop-protected-redis; do
    label="DPoP protected"; [ "$row" = dpop-protected ] || label="DPoP protected with the Redis replay store"
    echo "| $label / ES256 verify/s on one core (each round: $(ratio_each_round "$row" 1 es256-handler 1)) | $(ratio "$(col "$row" 1)" "$(col es256-handler 1)") | ≥ 0.8 |"
    echo "| the same per CPU second, which neighbours' load on the shared machine does not move (each round: $(ratio_each_round "$row-api-cpu" 3 es256-handler 2)) | $(ratio "$(col "$row-api-cpu" 3)" "$(col es256-handler 2)") | ≥ 0.8 |"
  done
  echo "| DPoP protected / raw ECDsa.VerifyData on one core, per CPU second | $(ratio "$(col dpop-protected-api-cpu 3)" "$(col es256-raw 2)") | (reference: the cryptography alone) |"
  echo "| DPoP protected / Bearer protected (cached) | $(ratio "$(col dpop-protected 1)" "$(col protected 1)") | (reference: what a proof costs) |"
  echo "| opaque protected, warm cache / protected, a JWT (each round: $(ratio_each_round opaque-protected 1 protected 1)) | $(ratio "$(col opaque-protected 1)" "$(col protected 1)") | ≥ 0.9 |"
  echo "| the same per CPU second, which neighbours' load on the shared machine does not move (each round: $(ratio_each_round opaque-protected-api-cpu 3 protected-api-cpu 3)) | $(ratio "$(col opaque-protected-api-cpu 3)" "$(col protected-api-cpu 3)") | ≥ 0.9 |"
  echo "| certificate-bound protected / Bearer protected (each round: $(ratio_each_round certificate-bound-protected 1 protected 1)) | $(ratio "$(col certificate-bound-protected 1)" "$(col protected 1)") | ≥ 0.9 |"
  echo "| the same per CPU second (each round: $(ratio_each_round certificate-bound-protected-api-cpu 3 protected-api-cpu 3)) | $(ratio "$(col certificate-bound-protected-api-cpu 3)" "$(col protected-api-cpu 3)") | ≥ 0.9 |"
  echo "| opaque, every request introspected / protected, a JWT | $(ratio "$(col opaque-cold 1)" "$(col protected 1)") | (reference: a call to the issuer on every request) |"
  if [ -n "$BASELINE" ]; then
    for scenario in public protected admin protected-cache-off bad-signature garbage; do
      echo "| $scenario / the same on the baseline $BASELINE ($(git rev-parse --short "$BASELINE")) | $(ratio "$(col "$scenario" 1)" "$(col "baseline-$scenario" 1)") | unchanged within noise |"
    done
  fi
  if [ ${#PROBLEMS[@]} -gt 0 ]; then
    echo
    echo "**Runs that are not measurements** (not all 200, socket errors, or out of DPoP proofs):"
    printf -- '- %s\n' "${PROBLEMS[@]}"
  fi
} | tee "$RESULT"
echo "written to $RESULT in ${SECONDS}s"
if [ ${#PROBLEMS[@]} -gt 0 ]; then
  echo "FAILED: ${#PROBLEMS[@]} run(s) not all 200, with socket errors or out of proofs; the rows they name above are not measurements" >&2
  exit 1
fi
