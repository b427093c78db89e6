#!/usr/bin/env bash
# Builds once, then runs the whole suite N times (default 10) and prints each test that failed and how often.
# Use it before calling a flaky test fixed: a test red one run in ten blocks a landing like a real bug.
#   tests/repeat.sh 20              every test, 20 times
#   tests/repeat.sh 5 KeyRotation   only tests whose name contains KeyRotation (dotnet test --filter)
set -uo pipefail
cd "$(dirname "$0")/.."

runs=${1:-10}
filter=${2:-}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build --nologo -v quiet >/dev/null || { echo "build failed"; exit 1; }

results=$(mktemp -d)
failures="$results/failures"
: >"$failures"
red=0
for run in $(seq 1 "$runs"); do
  trx="$results/run-$run.trx"
  args=(--no-build --logger "trx;LogFileName=$trx" --results-directory "$results")
  [ -n "$filter" ] && args+=(--filter "FullyQualifiedName~$filter")
  started=$SECONDS
  dotnet test "${args[@]}" >"$results/run-$run.log" 2>&1
  status=$?
  counters=$(grep -o '<Counters [^>]*>' "$trx" 2>/dev/null)
  passed=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  failed=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  # Each failed test's name, one line each (a crash with no trx counts as one failure of the whole run).
  grep -o '<UnitTestResult [^>]*outcome="Failed"' "$trx" 2>/dev/null | sed -n 's/.*testName="\([^"]*\)".*/\1/p' >>"$failures"
  if [ "$status" -ne 0 ]; then
    red=$((red + 1))
    [ -f "$trx" ] || echo "(run $run: no results; see $results/run-$run.log)" >>"$failures"
  fi
  echo "run $run/$runs: ${passed:-0} passed, ${failed:-?} failed, $((SECONDS - started)) s$([ "$status" -ne 0 ] && echo "  (log: $results/run-$run.log)")"
done

echo
echo "$((runs - red)) of $runs runs green"
if [ -s "$failures" ]; then
  echo "failed tests (times):"
  sort "$failures" | uniq -c | sort -rn
fi
[ "$red" -eq 0 ]
