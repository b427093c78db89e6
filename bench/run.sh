#!/usr/bin/env bash
# MessagesApi benchmark: Release build as Production pinned to CPU 0, wrk pinned to CPU 1, real RS256 tokens from
# npm's oidc-provider over HTTPS (the same provider the end-to-end tests use). Scenarios run interleaved for ROUNDS
# rounds; the table shows medians. Writes bench/results/<date>.md.
# Usage: bench/run.sh   (ROUNDS=3 DURATION=6 CONNECTIONS=32 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-6}
CONNECTIONS=${CONNECTIONS:-32}
AUDIENCE=https://hello-world.example.com

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -d tests/MessagesApi.Tests/oidc/node_modules/oidc-provider ] || (cd tests/MessagesApi.Tests/oidc && npm ci --no-audit --no-fund --loglevel=error)

WORK=$(mktemp -d)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

echo "== building Release (MessagesApi, and stock JwtBearer as the baseline)"
# The same publish flags as the Dockerfile.
dotnet publish src/MessagesApi/MessagesApi.csproj -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o "$WORK/api" --nologo -v q >/dev/null
dotnet publish bench/StockJwtBearer/StockJwtBearer.csproj -c Release -o "$WORK/stock" --nologo -v q >/dev/null

echo "== starting the issuer (oidc-provider, HTTPS with a throwaway CA)"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/ca.key" -out "$WORK/ca.pem" -days 2 -subj "/CN=bench CA" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout "$WORK/server.key" -out "$WORK/server.csr" -subj "/CN=localhost" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > "$WORK/san.ext"
openssl x509 -req -in "$WORK/server.csr" -CA "$WORK/ca.pem" -CAkey "$WORK/ca.key" -CAcreateserial -out "$WORK/server.pem" -days 2 -extfile "$WORK/san.ext" 2>/dev/null
node bench/make-keys.mjs > "$WORK/jwks.json"
ISSUER_PORT=7443
(cd tests/MessagesApi.Tests/oidc && PORT=$ISSUER_PORT KEYS_FILE="$WORK/jwks.json" TLS_CERT="$WORK/server.pem" TLS_KEY="$WORK/server.key" AUDIENCE=$AUDIENCE \
  exec taskset -c 1 node provider.mjs) >"$WORK/issuer.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do curl -sf --cacert "$WORK/ca.pem" "https://localhost:$ISSUER_PORT/.well-known/openid-configuration" >/dev/null && break; sleep 0.1; done

token() { # client scope
  curl -sf --cacert "$WORK/ca.pem" -u "$1:${1%-client}-secret" -d grant_type=client_credentials -d "resource=$AUDIENCE" -d "scope=$2" \
    "https://localhost:$ISSUER_PORT/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
TOKEN=$(token plain-client "")
ADMIN=$(token admin-client read:admin-messages)
BAD_SIGNATURE="${TOKEN%?????}AAAAA"

# start_api NAME PORT [extra env...]: the API as Production on CPU 0; writes milliseconds to the first 200 to NAME.startup.
start_api() {
  local name=$1 port=$2; shift 2
  local dir=api app=MessagesApi
  if [ "$name" = stock ]; then dir=stock app=StockJwtBearer; fi
  local started; started=$(date +%s%N)
  (cd "$WORK/$dir" && exec env ASPNETCORE_ENVIRONMENT=Production PORT="$port" AUTH0_DOMAIN="localhost:$ISSUER_PORT" AUTH0_AUDIENCE=$AUDIENCE \
    SSL_CERT_FILE="$WORK/ca.pem" Logging__LogLevel__Default=Warning "$@" taskset -c 0 dotnet "$app.dll") >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  until curl -sf "http://localhost:$port/api/messages/public" >/dev/null; do sleep 0.005; done
  echo $(( ($(date +%s%N) - started) / 1000000 )) > "$WORK/$name.startup"
}
api_pid() { pgrep -f "dotnet MessagesApi.dll" | while read -r pid; do tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null | grep -qx "PORT=$1" && echo "$pid"; done | head -1; }

echo "== starting the API twice, token cache on (6061) and off (6062), and stock JwtBearer (6063)"
start_api cache-on 6061
start_api cache-off 6062 Auth0__TokenCache__Enabled=false
start_api stock 6063
STARTUP_ON=$(cat "$WORK/cache-on.startup") STARTUP_OFF=$(cat "$WORK/cache-off.startup") STARTUP_STOCK=$(cat "$WORK/stock.startup")
for port in 6061 6062 6063; do curl -sf -H "Authorization: Bearer $TOKEN" "http://localhost:$port/api/messages/protected" >/dev/null; done
RSS_IDLE=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$(api_pid 6061)/status")

# run_wrk OUT URL [token] [connections]: appends "rps p50_ms p99_ms" to OUT.
run_wrk() {
  local out=$1 url=$2 token=${3:-} connections=${4:-$CONNECTIONS}
  local header=(); [ -n "$token" ] && header=(-H "Authorization: Bearer $token")
  local raw; raw=$(mktemp -p "$WORK")
  taskset -c 1 wrk -t1 -c"$connections" -d"${DURATION}s" --latency "${header[@]}" "$url" > "$raw"
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
       function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
       END {printf "%.0f %.3f %.3f\n", rps, ms(p50), ms(p99)}' "$raw" >> "$out"
}

SCENARIOS=(public protected admin protected-cache-off bad-signature garbage stock-public stock-protected)
url_of() { case $1 in
  public) echo "http://localhost:6061/api/messages/public" ;;
  protected) echo "http://localhost:6061/api/messages/protected $TOKEN" ;;
  admin) echo "http://localhost:6061/api/messages/admin $ADMIN" ;;
  protected-cache-off) echo "http://localhost:6062/api/messages/protected $TOKEN" ;;
  bad-signature) echo "http://localhost:6062/api/messages/protected $BAD_SIGNATURE" ;;
  garbage) echo "http://localhost:6061/api/messages/protected garbage" ;;
  stock-public) echo "http://localhost:6063/api/messages/public" ;;
  stock-protected) echo "http://localhost:6063/api/messages/protected $TOKEN" ;;
esac; }

for round in $(seq "$ROUNDS"); do
  echo "== round $round/$ROUNDS"
  for scenario in "${SCENARIOS[@]}"; do
    read -r url token <<<"$(url_of "$scenario")"
    run_wrk "$WORK/$scenario.txt" "$url" "$token"
  done
  # A bad-signature flood and valid traffic at once (cache off, so valid requests pay for RSA too), 16 connections each.
  run_wrk "$WORK/valid-alone.txt" "http://localhost:6062/api/messages/protected" "$TOKEN" $((CONNECTIONS / 2))
  run_wrk "$WORK/valid-under-flood.txt" "http://localhost:6062/api/messages/protected" "$TOKEN" $((CONNECTIONS / 2)) &
  flood=$!
  run_wrk "$WORK/flood.txt" "http://localhost:6062/api/messages/protected" "$BAD_SIGNATURE" $((CONNECTIONS / 2))
  wait $flood
done
RSS_LOADED=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$(api_pid 6061)/status")

median() { sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
col() { awk -v c="$2" '{print $c}' "$WORK/$1.txt" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }

RESULT="bench/results/$(date -u +%Y-%m-%dT%H%M)Z.md"
{
  echo "# MessagesApi benchmark, $(date -u '+%Y-%m-%d %H:%M') UTC"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(awk '/MemTotal/ {print int($2/1048576)}' /proc/meminfo) GiB;" \
       ".NET $(dotnet --version); API pinned to CPU 0, wrk -t1 -c$CONNECTIONS pinned to CPU 1; ${DURATION}s runs, $ROUNDS interleaved rounds, medians."
  echo
  echo "| scenario | req/s | p50 ms | p99 ms |"
  echo "|---|---|---|---|"
  for scenario in "${SCENARIOS[@]}" valid-alone valid-under-flood flood; do
    echo "| $scenario | $(col "$scenario" 1) | $(col "$scenario" 2) | $(col "$scenario" 3) |"
  done
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
  echo "| valid under flood / valid alone | $(ratio "$(col valid-under-flood 1)" "$(col valid-alone 1)") | ≥ 0.5 |"
  echo "| RSS idle / after load (MB) | $RSS_IDLE / $RSS_LOADED | ≤ 150 after load |"
  echo "| startup to first 200, Production (ms) | $STARTUP_ON, $STARTUP_OFF (stock: $STARTUP_STOCK) | ≤ 400 |"
} | tee "$RESULT"
echo "written to $RESULT"
