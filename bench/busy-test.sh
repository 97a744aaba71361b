#!/usr/bin/env bash
# Runs one unit test N times while a CPU hog keeps every core busy, as on a shared CI runner, and counts how
# often it passes. A test that passes only on a quiet machine is a broken test.
#
#   bench/busy-test.sh 'GatlingLoadGeneratorTest#streamsRunTogetherAreMeasuredApartAndAlternate' 20
#
# Compiles the tree first (mvn test-compile). Logs: $TMPDIR/djbench-busy-test-<i>.log.
set -euo pipefail
TEST="${1:?usage: bench/busy-test.sh TEST [RUNS]}"
RUNS="${2:-20}"
cd "$(dirname "$0")/.."
mvn -q -B -Dstyle.color=never test-compile  # incremental: a no-op on a tree already compiled
hogs=()
for _ in $(seq "$(nproc)"); do
  (while :; do :; done) &
  hogs+=($!)
done
trap 'kill "${hogs[@]}" 2>/dev/null || true' EXIT INT TERM
pass=0
for i in $(seq "$RUNS"); do
  log="${TMPDIR:-/tmp}/djbench-busy-test-$i.log"
  if mvn -B -q surefire:test -Dtest="$TEST" >"$log" 2>&1; then
    pass=$((pass + 1))
  else
    echo "run $i failed: $(grep -m1 -E 'expected|AssertionFailed|switches' "$log" || echo "see $log")"
  fi
done
echo "$TEST: $pass of $RUNS passed beside $(nproc) busy loops"
[ "$pass" -eq "$RUNS" ]
