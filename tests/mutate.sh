#!/usr/bin/env bash
# Mutation testing of the security core with Stryker.NET (the repository's local dotnet tool): mutates the token, key,
# DPoP, permission and client-budget code of src/ResourceServer.AspNetCore and runs the in-process tests against each mutant (the
# end-to-end classes that start processes, Redis, node or a browser are filtered out in tests/stryker-config.json).
# Not part of .ci/run: the whole scope takes hours on a 2-core machine, one folder minutes to an hour (see README).
# Writes HTML and JSON reports under StrykerOutput/<folders>-<time>/reports/ and ends with the score and the survivors.
#   tests/mutate.sh                         the whole scope: Tokens Rejections Keys Dpop Permissions Clients
#   tests/mutate.sh Dpop                    one folder of src/ResourceServer.AspNetCore (several may be given)
#   tests/mutate.sh Dpop/JwkThumbprint.cs   one file
#   TESTS=FullyQualifiedName~RedisDpop tests/mutate.sh Dpop/RedisDpopReplayCache.cs
#                                           those tests instead of the in-process set: the Redis replay store's files
#                                           are reached only by the tests that start redis-server
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet tool restore >/dev/null || { echo "dotnet tool restore failed"; exit 1; }

args=(--config-file stryker-config.json --skip-version-check)
[ -z "${TESTS:-}" ] || args+=(--test-case-filter "$TESTS")
for target in "$@"; do
  target=${target%/}
  [ -e "src/ResourceServer.AspNetCore/$target" ] || { echo "no src/ResourceServer.AspNetCore/$target"; exit 1; }
  case $target in
    *.cs) args+=(--mutate "**/$target") ;;
    *) args+=(--mutate "**/$target/**/*.cs") ;;
  esac
done
# Named for its targets; past three, for the first and how many more (a file name has at most 255 bytes).
name=$( [ $# -gt 3 ] && echo "${1//\//-}+$(($# - 1))-more" || { [ $# -gt 0 ] && echo "$*" | tr ' /' '+-' || echo security-core; } )
output="$PWD/StrykerOutput/$name-$(date +%Y%m%d-%H%M%S)"
args+=(--output "$output")

started=$SECONDS
(cd tests && dotnet stryker "${args[@]}")
status=$?
echo
echo "stryker exited $status after $(((SECONDS - started) / 60)) min $(((SECONDS - started) % 60)) s; reports in $output/reports/"

report="$output/reports/mutation-report.json"
[ -f "$report" ] || { echo "no JSON report"; exit 1; }
# The score as Stryker counts it: killed and timed-out mutants over every mutant a test could have caught (compile
# errors and ignored mutants left out), then each survivor and uncovered mutant as file:line mutator: replacement.
python3 - "$report" <<'PY'
import json, sys
from collections import Counter
report = json.load(open(sys.argv[1]))
counts, left = Counter(), []
for path, file in sorted(report["files"].items()):
    short = path.split("src/ResourceServer.AspNetCore/", 1)[-1]
    for mutant in file["mutants"]:
        counts[mutant["status"]] += 1
        if mutant["status"] in ("Survived", "NoCoverage"):
            left.append(f'{mutant["status"]:10} {short}:{mutant["location"]["start"]["line"]} {mutant["mutatorName"]}: {mutant.get("replacement", "")!r}')
detected = counts["Killed"] + counts["Timeout"]
valid = detected + counts["Survived"] + counts["NoCoverage"]
print(", ".join(f"{n} {s}" for s, n in sorted(counts.items())))
print("\n".join(left))
print(f"mutation score: {100 * detected / valid:.2f}% ({detected} of {valid} detected)" if valid else "mutation score: no mutants")
PY
