#!/usr/bin/env bash
# How the scenario loader's time grows with the file's size: bench's ScenarioLoaderBench loads valid scenario files
# of 64 KiB to 960 KiB (a little more where a line overshoots) in three shapes (more experiments; short comment lines; comment lines of the longest length
# allowed, 64 KiB, the YAML parser's worst case) and prints the median of 7 loads per size, and its ratio to the
# smallest beside the ratio of the sizes. Exits 1 when, in any shape, 960 KiB takes more than twice the time the
# sizes' ratio allows (growth faster than linear).
#
#   bench/loader-time.sh
#
# Compiles the tree first (mvn test-compile, incremental).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Dstyle.color=never test-compile  # incremental: a no-op on a tree already compiled
out="$(mvn -B -q surefire:test -Dtest=ScenarioLoaderBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dstyle.color=never 2>&1 | grep -o 'DJBENCH .*')"
printf '%-15s %8s %10s %11s %11s\n' shape KiB "median ms" "time ratio" "size ratio"
awk '{
  for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
  printf "%-15s %8s %10s %11s %11s\n", v["shape"], v["kib"], v["median_ms"], v["time_ratio"], v["size_ratio"]
  if (v["kib"] == 960 && v["time_ratio"] > 2 * v["size_ratio"]) bad = 1
} END { exit bad }' <<<"$out" && echo "linear: in every shape the time grows no faster than twice the size's ratio" || {
  echo "NOT linear: some shape grows faster than twice the size's ratio"; exit 1; }
