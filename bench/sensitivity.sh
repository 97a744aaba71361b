#!/usr/bin/env bash
# Sensitivity of the regression gate: how often it cries wolf, and how often it catches a real slowdown.
#
# Makes copies of the reference app whose built-in slowdown (the default of DJBENCH_SLOWDOWN_PCT in
# djbench_app/env.py: every request burns that percentage of its own time in CPU) is 0%, 5% and 10% — a code
# change in the candidate revision, as src/test/java/dev/djbench/gate/GateIT.java makes it — and gates each against
# the 0% copy with scenarios/ci-gate.yaml, N times per level, the levels interleaved (round r runs them in an order
# rotated by r, so slow drifts of the machine spread over all levels). Each run's exit code, outcome, per-check
# ratios and intervals and wall time go into a TSV; at the end it prints:
#   - the false-positive rate at 0% (share of A/A runs exiting 1),
#   - the detection rate at 5% and 10% (share exiting 1),
# each with a Wilson 95% interval, the mean wall time of a gate, and the load average before and after.
#
# Usage: bench/sensitivity.sh [-n RUNS_PER_LEVEL] [-l "0 5 10"] [-p PROFILE] [-o OUTPUT_DIR] [-k]
#   -n  runs per level (default 10: about 2 hours on a 2-core machine; -n 1 is a smoke check)
#   -l  slowdown levels in percent (default "0 5 10"; 0 is always the baseline copy)
#   -p  gate profile (default quick)
#   -o  where the TSV, logs and reports go (default: a new /tmp/djbench-sensitivity.XXXXXX)
#   -k  keep the app copies (default: removed at the end)
# Thresholds: the gate reads calibration.json from its reports folder; if <repo>/reports/calibration.json exists
# it is copied there, so the benchmark uses this machine's calibrated δ, else δ is 5% (see docs/ci.md).
# Run it on a quiet machine: other load shows up as noise (the load average is printed for that reason).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=10
LEVELS="0 5 10"
PROFILE=quick
OUT=""
KEEP=0
while getopts "n:l:p:o:kh" opt; do
  case "$opt" in
    n) RUNS="$OPTARG" ;;
    l) LEVELS="$OPTARG" ;;
    p) PROFILE="$OPTARG" ;;
    o) OUT="$OPTARG" ;;
    k) KEEP=1 ;;
    h) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "usage: $0 [-n RUNS] [-l \"0 5 10\"] [-p PROFILE] [-o DIR] [-k]" >&2; exit 2 ;;
  esac
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "sensitivity: -n must be a positive integer, was '$RUNS'" >&2; exit 2; }
for level in $LEVELS; do
  [[ "$level" =~ ^[0-9]+$ ]] || { echo "sensitivity: levels must be whole percentages, got '$level'" >&2; exit 2; }
done
read -r -a LEVEL_LIST <<< "$LEVELS"

OUT="${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/djbench-sensitivity.XXXXXX")}"
mkdir -p "$OUT/runs" "$OUT/reports"
TSV="$OUT/sensitivity.tsv"
export DJBENCH_HOME="$ROOT"
# The same interpreter choice as ./djbench: DJBENCH_PYTHON, the app's .venv, or Debian's python3.
if [ -z "${DJBENCH_PYTHON:-}" ]; then
  if [ -x "$ROOT/sample-django-app/.venv/bin/python" ]; then DJBENCH_PYTHON="$ROOT/sample-django-app/.venv/bin/python"
  else DJBENCH_PYTHON=/usr/bin/python3; fi
fi
export DJBENCH_PYTHON

CHILD=""
cleanup() {
  # The gate's JVM stops its app servers from its shutdown hook; TERM it and wait, so nothing is left behind.
  if [ -n "$CHILD" ] && kill -0 "$CHILD" 2>/dev/null; then
    kill -TERM "$CHILD" 2>/dev/null || true
    wait "$CHILD" 2>/dev/null || true
  fi
  [ "$KEEP" = 1 ] || rm -rf "$OUT/apps"
}
trap cleanup EXIT
trap 'echo "sensitivity: interrupted" >&2; exit 130' INT TERM

# 1. The jar, built when missing or older than the sources, then copied: a rebuild during the sweep (another
#    checkout's mvn package) must not swap classes under a running gate.
JAR="$ROOT/target/djbench.jar"
if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/pom.xml" "$ROOT/src" -newer "$JAR" -print -quit)" ]; then
  echo "sensitivity: building the harness" >&2
  (cd "$ROOT" && { mvn -q -B -o -DskipTests package || mvn -q -B -DskipTests package; }) >&2
fi
cp "$JAR" "$OUT/djbench.jar"
[ -f "$ROOT/reports/calibration.json" ] && cp "$ROOT/reports/calibration.json" "$OUT/reports/"

# 2. A baseline copy of the reference app, and one candidate copy per level (0% too: an A/A then compares two
#    directories, two servers, as a gate of two checkouts does), its default slowdown changed in env.py.
app_copy() {
  local pct="$1" target="$OUT/apps/$2"
  rm -rf "$target"
  mkdir -p "$target"
  (cd "$ROOT/sample-django-app" && tar --exclude=__pycache__ --exclude=.venv --exclude='db*.sqlite3*' \
    --exclude=staticfiles -cf - .) | (cd "$target" && tar -xf -)
  sed -i "s/\"DJBENCH_SLOWDOWN_PCT\": \"0\",/\"DJBENCH_SLOWDOWN_PCT\": \"$pct\",/" "$target/djbench_app/env.py"
  grep -q "\"DJBENCH_SLOWDOWN_PCT\": \"$pct\"," "$target/djbench_app/env.py" \
    || { echo "sensitivity: the slowdown default was not found in env.py" >&2; exit 3; }
  echo "$target"
}
BASE_APP="$(app_copy 0 baseline)"
declare -A APP
for level in "${LEVEL_LIST[@]}"; do APP[$level]="$(app_copy "$level" "candidate-$level")"; done

load1() { cut -d' ' -f1 /proc/loadavg; }
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'round\tlevel_pct\texit\toutcome\twall_s\tload1\tchecks\tresults\n' > "$TSV"
echo "sensitivity: $RUNS run(s) per level at ${LEVEL_LIST[*]}%, profile $PROFILE, $(nproc) cores, load $LOAD_BEFORE" >&2
echo "sensitivity: output in $OUT" >&2

# 3. The sweep: round r runs the levels rotated by r.
k=${#LEVEL_LIST[@]}
for ((round = 1; round <= RUNS; round++)); do
  for ((i = 0; i < k; i++)); do
    level="${LEVEL_LIST[$(((i + round - 1) % k))]}"
    json="$OUT/runs/r${round}-${level}.json"
    log="$OUT/runs/r${round}-${level}.log"
    load="$(load1)"
    start=$(date +%s.%N)
    set +e
    java --add-opens java.base/java.lang=ALL-UNNAMED ${DJBENCH_JAVA_OPTS:-} -jar "$OUT/djbench.jar" --home "$ROOT" \
      gate "$ROOT/scenarios/ci-gate.yaml" --baseline "$BASE_APP" --candidate "${APP[$level]}" --profile "$PROFILE" \
      --reports "$OUT/reports" --json "$json" >"$log" 2>&1 &
    CHILD=$!
    wait "$CHILD"
    code=$?
    CHILD=""
    set -e
    wall=$(echo "$(date +%s.%N) - $start" | bc)
    # outcome and "experiment/metric=ratio[lower,upper]verdict;…" from the results file (absent on bad input).
    read -r outcome checks < <("$DJBENCH_PYTHON" - "$json" <<'PY'
import json, sys
try:
    gate = json.load(open(sys.argv[1]))["gate"] or {}
except (OSError, ValueError, KeyError):
    print("none -"); sys.exit(0)
checks = ";".join("%s/%s=%.4f[%.4f,%.4f]%s" % (c["experiment"], c["metric"], c["ratio"] or float("nan"),
                  c["lower"] if c["lower"] is not None else float("nan"),
                  c["upper"] if c["upper"] is not None else float("nan"), c["verdict"].replace(" ", "_"))
                  for c in gate.get("checks", []))
print(gate.get("outcome", "none"), checks or "-")
PY
)
    printf '%s\t%s\t%s\t%s\t%.1f\t%s\t%s\t%s\n' "$round" "$level" "$code" "$outcome" "$wall" "$load" "$checks" \
      "$json" >> "$TSV"
    printf 'sensitivity: round %d, %s%%: exit %d (%s) in %.0f s\n' "$round" "$level" "$code" "$outcome" "$wall" >&2
  done
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# 4. The summary: exit-1 shares with Wilson 95% intervals.
"$DJBENCH_PYTHON" - "$TSV" "$LOAD_BEFORE" "$LOAD_AFTER" "$PROFILE" <<'PY'
import csv, math, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))

def wilson(k, n, z=1.959964):
    if n == 0:
        return float("nan"), float("nan")
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)

print(f"gate sensitivity: scenarios/ci-gate.yaml, profile {sys.argv[4]}, {len(rows)} gate runs")
print(f"load average before: {sys.argv[2]}   after: {sys.argv[3]}")
print(f"{'slowdown':>8}  {'runs':>4}  {'exit 1':>6}  {'rate':>6}  {'Wilson 95%':>15}  {'other exits':<20}  meaning")
for level in sorted({int(r["level_pct"]) for r in rows}):
    mine = [r for r in rows if int(r["level_pct"]) == level]
    n = len(mine)
    k = sum(1 for r in mine if r["exit"] == "1")
    low, high = wilson(k, n)
    others = {}
    for r in mine:
        if r["exit"] != "1":
            others[r["exit"]] = others.get(r["exit"], 0) + 1
    other = ", ".join(f"exit {c}: {m}" for c, m in sorted(others.items())) or "-"
    meaning = "false positives (A/A)" if level == 0 else "detection"
    print(f"{level:>7}%  {n:>4}  {k:>6}  {k / n:>6.0%}  [{low:>5.1%}, {high:>5.1%}]  {other:<20}  {meaning}")
walls = [float(r["wall_s"]) for r in rows]
print(f"mean wall time per gate: {sum(walls) / len(walls):.0f} s (min {min(walls):.0f}, max {max(walls):.0f})")
print(f"per-run details: {sys.argv[1]}")
PY
