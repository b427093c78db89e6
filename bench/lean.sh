#!/usr/bin/env bash
# How lean each way of publishing and running MessagesApi is (issue 11): JIT, ReadyToRun (the Dockerfile until now) and
# Native AOT, each under the GC settings named in CANDIDATES, beside a stock JwtBearer app, all in the same run against
# npm's oidc-provider over HTTPS with real RS256 tokens. API on CPU 0, wrk and the pollers on CPU 1.
# For each candidate: STARTS starts, interleaved with the other candidates, each timed to the first 200 on
# /api/messages/public and to the first protected 200 (discovery and JWKS fetched on the way); RSS idle, IDLE seconds
# after that; then LOAD seconds of protected load (its first MEASURE seconds reported: a replica that starts under load),
# RSS after it, and protected and admin req/s over MEASURE seconds each.
# Medians. Writes bench/results/<date>-lean.md.
# Usage: bench/lean.sh   (STARTS=5 IDLE=5 LOAD=60 MEASURE=10 CONNECTIONS=32; about 10 minutes)
#        CANDIDATES="r2r:server aot:workstation" bench/lean.sh   (build: jit | r2r | aot | aot-speed; gc: server | workstation |
#        workstation-conserve | server-no-datas)
set -euo pipefail
cd "$(dirname "$0")/.."
STARTS=${STARTS:-5}
IDLE=${IDLE:-5}
LOAD=${LOAD:-60}
MEASURE=${MEASURE:-10}
CONNECTIONS=${CONNECTIONS:-32}
CANDIDATES=${CANDIDATES:-jit:server r2r:server aot:server r2r:workstation aot:workstation aot-speed:workstation aot:workstation-conserve}
AUDIENCE=https://hello-world.example.com

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -d tests/MessagesApi.Tests/oidc/node_modules/oidc-provider ] || (cd tests/MessagesApi.Tests/oidc && npm ci --no-audit --no-fund --loglevel=error)

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

builds() { for candidate in $CANDIDATES; do echo "${candidate%%:*}"; done | sort -u; }
echo "== building $(builds | xargs) and the stock JwtBearer app (Release)"
PROJECT=src/MessagesApi/MessagesApi.csproj
for build in $(builds); do
  case $build in
    jit) dotnet publish $PROJECT -c Release --use-current-runtime --self-contained false -p:PublishAot=false -o "$WORK/jit" --nologo -v q >/dev/null ;;
    r2r) dotnet publish $PROJECT -c Release --use-current-runtime --self-contained false -p:PublishAot=false -p:PublishReadyToRun=true -o "$WORK/r2r" --nologo -v q >/dev/null ;;
    # Debian names its compiler clang-14; the SDK looks for clang.
    aot|aot-speed)
      speed=(); [ $build = aot-speed ] && speed=(-p:IlcOptimizationPreference=Speed)
      dotnet publish $PROJECT -c Release --use-current-runtime -p:PublishAot=true "${speed[@]}" -p:CppCompilerAndLinker="$(command -v clang || command -v clang-14)" \
        -o "$WORK/$build" --nologo -v q >/dev/null ;;
    *) echo "unknown build '$build'" >&2; exit 2 ;;
  esac
done
dotnet publish bench/StockJwtBearer/StockJwtBearer.csproj -c Release -o "$WORK/stock" --nologo -v q >/dev/null

source bench/issuer.sh
start_issuer 7444
TOKEN=$(token plain-client "")
ADMIN=$(token admin-client read:admin-messages)

gc_env() { case $1 in
  server) echo "DOTNET_gcServer=1" ;;
  workstation) echo "DOTNET_gcServer=0" ;;
  workstation-conserve) echo "DOTNET_gcServer=0 DOTNET_GCConserveMemory=7" ;;
  server-no-datas) echo "DOTNET_gcServer=1 DOTNET_GCDynamicAdaptationMode=0" ;;
  *) echo "unknown gc '$1'" >&2; exit 2 ;;
esac; }

# start NAME PORT: starts candidate NAME ("build:gc", or "stock") as Production on CPU 0 and sets STARTED_PID (the
# process itself: the subshell execs env, which execs taskset, which execs the app).
start() {
  local name=$1 port=$2 build=${1%%:*} command
  case $build in
    aot*) command=("$WORK/$build/MessagesApi") ;;
    stock) command=(dotnet "$WORK/stock/StockJwtBearer.dll") ;;
    *) command=(dotnet "$WORK/$build/MessagesApi.dll") ;;
  esac
  local gc=(); [ "$build" = stock ] || read -ra gc <<<"$(gc_env "${name#*:}")"
  (cd "$WORK/${build}" && exec env ASPNETCORE_ENVIRONMENT=Production PORT="$port" AUTH0_DOMAIN="localhost:$ISSUER_PORT" AUTH0_AUDIENCE=$AUDIENCE \
    SSL_CERT_FILE="$WORK/ca.pem" Logging__LogLevel__Default=Warning "${gc[@]}" taskset -c 0 "${command[@]}") >>"$WORK/${name//:/-}.log" 2>&1 &
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
}
# ms_until URL [curl options...]: milliseconds from now until URL answers 200, polling from CPU 1; fails after 30 s.
ms_until() {
  local started; started=$(date +%s%N)
  until taskset -c 1 curl -sf -o /dev/null --max-time 2 "$@"; do
    (( $(date +%s%N) - started < 30000000000 )) || { echo "no 200 from $* within 30 s" >&2; return 1; }
  done
  echo $(( ($(date +%s%N) - started) / 1000000 ))
}
rss_mb() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }
# run_wrk URL TOKEN SECONDS: req/s.
run_wrk() { taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${3}s" -H "Authorization: Bearer $2" "$1" | awk '/Requests\/sec/ {printf "%.0f\n", $2}'; }

# Starts, interleaved: each round starts every candidate once, times it, and stops it.
PORT_OF_START=6090
for round in $(seq "$STARTS"); do
  echo "== starts, round $round/$STARTS"
  for name in $CANDIDATES stock; do
    start "$name" $PORT_OF_START
    public=$(ms_until "http://localhost:$PORT_OF_START/api/messages/public") || exit 1
    protected=$(ms_until -H "Authorization: Bearer $TOKEN" "http://localhost:$PORT_OF_START/api/messages/protected") || exit 1
    protected=$((protected + public))
    echo "$public $protected" >> "$WORK/${name//:/-}.starts"
    kill "$STARTED_PID"; wait "$STARTED_PID" 2>/dev/null || true
  done
done

# Memory and throughput, one candidate at a time on a fresh process.
for name in $CANDIDATES stock; do
  echo "== $name: idle, ${LOAD}s of protected load, then ${MEASURE}s each of protected and admin"
  start "$name" 6091
  ms_until "http://localhost:6091/api/messages/public" >/dev/null
  ms_until -H "Authorization: Bearer $TOKEN" "http://localhost:6091/api/messages/protected" >/dev/null
  sleep "$IDLE"
  idle=$(rss_mb "$STARTED_PID")
  cold=$(run_wrk "http://localhost:6091/api/messages/protected" "$TOKEN" "$MEASURE")
  run_wrk "http://localhost:6091/api/messages/protected" "$TOKEN" $((LOAD - MEASURE)) >/dev/null
  loaded=$(rss_mb "$STARTED_PID")
  protected=$(run_wrk "http://localhost:6091/api/messages/protected" "$TOKEN" "$MEASURE")
  admin=-; [ "$name" = stock ] || admin=$(run_wrk "http://localhost:6091/api/messages/admin" "$ADMIN" "$MEASURE")
  echo "$idle $loaded $protected $admin $cold" > "$WORK/${name//:/-}.load"
  kill "$STARTED_PID"; wait "$STARTED_PID" 2>/dev/null || true
done

median() { sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
start_col() { awk -v c="$2" '{print $c}' "$WORK/${1//:/-}.starts" | median; }
load_col() { awk -v c="$2" '{print $c}' "$WORK/${1//:/-}.load"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf (b > 0 && a != "-") ? "%.2f" : "-", a/b}'; }
size_mb() { du -sm --exclude='*.dbg' "$WORK/$1" | cut -f1; } # native debug symbols are not shipped

RESULT="bench/results/$(date -u +%Y-%m-%dT%H%M)Z-lean.md"
STOCK_START=$(start_col stock 1)
TODAY=r2r:server
{
  echo "# MessagesApi: lean process candidates, $(date -u '+%Y-%m-%d %H:%M') UTC"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); .NET $(dotnet --version); API pinned to CPU 0," \
       "wrk -t1 -c$CONNECTIONS and the pollers on CPU 1; Production settings (Warning logging); $STARTS interleaved starts each, medians;" \
       "RSS ${IDLE}s after the first protected 200, and after ${LOAD}s of protected load; req/s over ${MEASURE}s after that load."
  echo
  echo "| candidate | published MB | start → first 200 (ms) | start → first protected 200 (ms) | start / stock's | RSS idle (MB) | RSS after load (MB) | protected req/s, first ${MEASURE}s of load | protected req/s | admin req/s |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for name in $CANDIDATES stock; do
    build=${name%%:*}
    echo "| $name | $(size_mb "$build") | $(start_col "$name" 1) | $(start_col "$name" 2) | $(ratio "$(start_col "$name" 1)" "$STOCK_START") |" \
         "$(load_col "$name" 1) | $(load_col "$name" 2) | $(load_col "$name" 5) | $(load_col "$name" 3) | $(load_col "$name" 4) |"
  done
  if [[ " $CANDIDATES " == *" $TODAY "* ]]; then
    echo
    echo "| candidate | protected / $TODAY | admin / $TODAY |"
    echo "|---|---|---|"
    for name in $CANDIDATES; do
      echo "| $name | $(ratio "$(load_col "$name" 3)" "$(load_col $TODAY 3)") | $(ratio "$(load_col "$name" 4)" "$(load_col $TODAY 4)") |"
    done
  fi
} | tee "$RESULT"
echo "written to $RESULT in ${SECONDS}s"
