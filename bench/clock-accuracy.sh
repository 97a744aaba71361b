#!/usr/bin/env bash
# How close djbench's client latency comes to wrk's on an endpoint of known latency, in one run: one Gunicorn
# serving bench/clock/sleepy.py (GET /sleep/<ms> sleeps that long), measured by wrk (one connection, --latency) and
# by djbench's load generator (GatlingLoadGenerator at 20/s, open model, a new connection per virtual user), for
# each endpoint in turn. Prints p50 and p99 of each, and whether djbench's microsecond clock is within 1 ms of wrk.
#
#   bench/clock-accuracy.sh [SECONDS]        (default 15 s of measurement per tool and endpoint)
#
# Needs wrk (Debian: apt-get install wrk; installed here when run as root on Debian) and a compiled tree.
set -euo pipefail
SECONDS_EACH="${1:-15}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    echo "bench/clock-accuracy.sh needs wrk (Debian: apt-get install wrk)" >&2
    exit 3
  fi
fi
[ -d target/test-classes ] || mvn -q -o -B test-compile
PY="${DJBENCH_PYTHON:-/usr/bin/python3}"
PORT="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
LOG="$(mktemp -t djbench-clock-gunicorn.XXXXXX.log)"
"$PY" -m gunicorn --chdir bench/clock --workers 4 --worker-class sync --bind "127.0.0.1:$PORT" \
  --access-logfile /dev/null sleepy:application >"$LOG" 2>&1 &
GUNICORN=$!
trap 'kill "$GUNICORN" 2>/dev/null || true; wait "$GUNICORN" 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 50); do
  curl -fsS "http://127.0.0.1:$PORT/sleep/0" >/dev/null 2>&1 && break
  sleep 0.2
done

millis() { # wrk's "21.07ms" / "850.00us" / "1.02s" in milliseconds
  "$PY" - "$1" <<'PYTHON'
import re
import sys

value = sys.argv[1]
number = float(re.match(r"[0-9.]+", value).group())
unit = value[len(re.match(r"[0-9.]+", value).group()):]
print("%.3f" % (number * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]))
PYTHON
}

printf '%-10s %-8s %10s %10s\n' endpoint tool p50_ms p99_ms
status=0
for path in /sleep/5 /sleep/20; do
  out="$(wrk -t1 -c1 -d"${SECONDS_EACH}s" --latency "http://127.0.0.1:$PORT$path")"
  w50="$(millis "$(awk '$1 == "50%" {print $2}' <<<"$out")")"
  w99="$(millis "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
  line="$(mvn -o -B -q surefire:test -Dtest=ClockAccuracyBench -Dsurefire.failIfNoSpecifiedTests=false \
    -Ddjbench.bench.url="http://127.0.0.1:$PORT" -Ddjbench.bench.path="$path" \
    -Ddjbench.bench.seconds="$SECONDS_EACH" -Dstyle.color=never 2>&1 | grep -o 'DJBENCH .*')"
  get() { sed -E "s/.* $1=([0-9.]+).*/\1/" <<<"$line"; }
  printf '%-10s %-8s %10s %10s\n' "$path" wrk "$w50" "$w99"
  printf '%-10s %-8s %10s %10s   (%s requests)\n' "$path" djbench "$(get fine_p50_ms)" "$(get fine_p99_ms)" "$(get requests)"
  printf '%-10s %-8s %10s %10s   (the same requests on Gatling'"'"'s 1 ms clock)\n' "$path" gatling "$(get gatling_p50_ms)" "$(get gatling_p99_ms)"
  verdict="$("$PY" -c 'import sys; a = [float(x) for x in sys.argv[1:]]
print("within 1 ms" if abs(a[0] - a[2]) <= 1 and abs(a[1] - a[3]) <= 1 else "NOT within 1 ms")' \
    "$(get fine_p50_ms)" "$(get fine_p99_ms)" "$w50" "$w99")"
  echo "$path: djbench's p50 and p99 against wrk's: $verdict"
  [ "$verdict" = "within 1 ms" ] || status=1
done
exit $status
