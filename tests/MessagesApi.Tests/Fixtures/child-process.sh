#!/usr/bin/env bash
# child-process.sh TEST_RUN_PID COMMAND [ARG...]
# Runs COMMAND for a test so that neither it nor anything it starts outlives the test run, however the run ends
# (finished, SIGKILLed, timed out). COMMAND replaces this script (exec), so its PID is the one the test started and
# signals, and it leads a new process group that its own children join. A watcher polls TEST_RUN_PID and SIGKILLs
# that group once the test run is gone.
# Not PR_SET_PDEATHSIG (setpriv --pdeathsig): it fires when the *thread* that forked exits, and .NET's thread-pool
# threads come and go while the test run lives on.
set -u

if [[ $1 == --watch ]]; then
  test_run=$2 child=$3
  # The group exists once COMMAND runs; before that the PID is this script's.
  while kill -0 "$test_run" 2>/dev/null; do
    kill -0 -- "-$child" 2>/dev/null || kill -0 "$child" 2>/dev/null || exit 0
    sleep 0.5
  done
  kill -KILL -- "-$child" "$child" 2>/dev/null
  exit 0
fi

# The watcher gets a session of its own, so a signal to the test run's process group does not stop it first, and
# /dev/null, so it holds none of the test's pipes open.
setsid --fork bash "$0" --watch "$1" $$ </dev/null >/dev/null 2>&1
shift
exec setsid "$@"
