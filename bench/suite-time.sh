#!/usr/bin/env bash
# How long the technique suite takes, and what it decides: runs ./djbench run (scenarios/techniques.yaml, quick
# profile unless told otherwise) in a scratch reports folder, timed from the command line, then prints
#   - the wall time of the command and the run's own span (startedAt .. finishedAt in results.json);
#   - per experiment: blocks, trials, server restarts, and whether it stopped early for futility;
#   - the number of conclusive p50 verdicts (client and server p50: faster, slower or no change);
#   - with a reference results.json: every p50 verdict side by side, and any verdict that changed direction
#     (faster <-> slower <-> no change) or was gained or lost. Exits 1 if a verdict changed direction.
#
#   bench/suite-time.sh [-p PROFILE] [-r REFERENCE_RESULTS_JSON] [-o REPORTS_DIR] [-- RUN_ARGS...]
#
# Run it on a quiet machine: the suite's time is mostly its trial schedule, but its verdicts depend on the noise.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROFILE=quick
REFERENCE=""
OUT=""
while getopts "p:r:o:h" opt; do
  case "$opt" in
    p) PROFILE="$OPTARG" ;;
    r) REFERENCE="$OPTARG" ;;
    o) OUT="$OPTARG" ;;
    h) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "usage: $0 [-p PROFILE] [-r REFERENCE_RESULTS_JSON] [-o REPORTS_DIR] [-- RUN_ARGS...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ "${1:-}" = "--" ] && shift
if [ -n "$REFERENCE" ] && [ ! -f "$REFERENCE" ]; then
  echo "suite-time: no reference results file at $REFERENCE" >&2
  exit 2
fi
OUT="${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/djbench-suite-time.XXXXXX")}"
mkdir -p "$OUT"
LOG="$OUT/run.log"
echo "suite-time: ./djbench run --profile $PROFILE --reports $OUT $*  (log: $LOG)"
start=$(date +%s.%N)
set +e
"$ROOT/djbench" run --profile "$PROFILE" --reports "$OUT" "$@" >"$LOG" 2>&1
status=$?
set -e
end=$(date +%s.%N)
RESULTS="$(ls -d "$OUT"/*/results.json 2>/dev/null | head -1)"
if [ -z "$RESULTS" ]; then
  echo "suite-time: the run wrote no results.json (exit $status); see $LOG" >&2
  exit 3
fi
/usr/bin/python3 - "$RESULTS" "$LOG" "$start" "$end" "$status" "$REFERENCE" <<'PYTHON'
import datetime
import json
import re
import sys

results, log, start, end, status, reference = sys.argv[1:7]
P50 = ("clientLatencyMicros.p50", "serverTotalMicros.p50")
DECIDED = ("faster", "slower", "no change")


def stamp(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "")[:26])


def verdicts(run):
    out = {}
    for e in run["experiments"]:
        for c in e["comparisons"]:
            if c["metric"] in P50:
                key = (e["id"], c["candidate"], c["metric"].split("Micros")[0])
                out[key] = c
    return out


run = json.load(open(results))
futile = set(re.findall(r"\[([a-z0-9-]+)\] stopped after", open(log, encoding="utf-8").read()))
span = (stamp(run["finishedAt"]) - stamp(run["startedAt"])).total_seconds()
print(f"exit {status}; wall time {float(end) - float(start):.0f} s; the run's own span {span:.0f} s"
      f" ({run['profile']} profile, {len(run['experiments'])} experiments)")
print(f"{'experiment':28} {'interleave':10} {'blocks':>6} {'trials':>6} {'restarts':>8}  stopped early")
for e in run["experiments"]:
    trials = e["trials"]
    blocks = max((t["block"] for t in trials), default=-1) + 1
    print(f"{e['id']:28} {e.get('interleave', ''):10} {blocks:6d} {len(trials):6d} {e.get('serverRestarts', 0):8d}"
          f"  {'futility' if e['id'] in futile else ''}{'' if e['status'] == 'measured' else e['status']}")
mine = verdicts(run)
print(f"conclusive p50 verdicts: {sum(c['verdict'] in DECIDED for c in mine.values())} of {len(mine)}")
if not reference:
    sys.exit(0)
theirs = verdicts(json.load(open(reference)))
print(f"reference {reference}: {sum(c['verdict'] in DECIDED for c in theirs.values())} conclusive of {len(theirs)}")
changed = 0


def show(c):
    if c is None:
        return "–"
    if not all(isinstance(c.get(k), (int, float)) for k in ("ratio", "lower", "upper")):
        return c["verdict"]
    return f"{c['verdict']} ×{c['ratio']:.3f} [{c['lower']:.3f}, {c['upper']:.3f}] ({c['blocks']} blocks)"


for key in sorted(set(mine) | set(theirs)):
    a, b = theirs.get(key), mine.get(key)
    va, vb = (a or {}).get("verdict"), (b or {}).get("verdict")
    note = ""
    if va in DECIDED and vb in DECIDED and va != vb:
        note, changed = "CHANGED DIRECTION", changed + 1
    elif va in DECIDED and vb not in DECIDED:
        note = "lost"
    elif va not in DECIDED and vb in DECIDED:
        note = "gained"
    print(f"  {key[0]:26} {key[1]:14} {key[2]:14} {show(a):52} -> {show(b):52} {note}")
print(f"verdicts that changed direction: {changed}")
sys.exit(1 if changed else 0)
PYTHON
