#!/usr/bin/env bash
# How close djbench's client latency comes to wrk's on an endpoint of known latency, in one run: one Gunicorn
# serving bench/clock/sleepy.py (GET /sleep/<ms> sleeps that long), for each endpoint in turn measured by
#   - wrk, one connection, back to back (the server never idles);
#   - wrk, one connection paced at 20/s by a delay() script (the arrival rate djbench sends at);
#   - djbench's load generator (GatlingLoadGenerator, 20/s open model, a new connection per virtual user) in a
#     cold JVM, and after the warm-up every run gives its injector (GatlingLoadGenerator.warmUp).
# Prints p50 and p99 of each, and whether djbench's (warm) microsecond clock is within 1 ms of paced wrk; exits 1
# when it is not.
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

RATE=20
PACE="$(mktemp -t djbench-clock-pace.XXXXXX.lua)"
# wrk's delay() holds each connection's next request this many ms: one connection paced at $RATE/s, the
# same arrival rate djbench sends at, so both tools meet a server (and a client) that idles between requests.
printf 'function delay()\n  return %d\nend\n' "$((1000 / RATE))" >"$PACE"
trap 'kill "$GUNICORN" 2>/dev/null || true; wait "$GUNICORN" 2>/dev/null || true; rm -f "$PACE"' EXIT INT TERM

wrk_line() { # $1 label, $2 path, extra wrk arguments after
  local label="$1" path="$2"; shift 2
  local out
  out="$(wrk -t1 -c1 -d"${SECONDS_EACH}s" --latency "$@" "http://127.0.0.1:$PORT$path")"
  W50="$(millis "$(awk '$1 == "50%" {print $2}' <<<"$out")")"
  W99="$(millis "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
  printf '%-10s %-22s %10s %10s   (%s)\n' "$path" "$label" "$W50" "$W99" \
    "$(grep -o '[0-9]* requests in' <<<"$out")"
}
djbench_line() { # $1 true for a cold injector, $2 path
  local line
  line="$(mvn -o -B -q surefire:test -Dtest=ClockAccuracyBench -Dsurefire.failIfNoSpecifiedTests=false \
    -Ddjbench.bench.url="http://127.0.0.1:$PORT" -Ddjbench.bench.path="$2" -Ddjbench.bench.rate="$RATE" \
    -Ddjbench.bench.seconds="$SECONDS_EACH" -Ddjbench.bench.cold="$1" -Dstyle.color=never 2>&1 |
    grep -o 'DJBENCH .*')"
  get() { sed -E "s/.* $1=([0-9.]+).*/\1/" <<<"$line"; }
  local label; label="$([ "$1" = true ] && echo "djbench, cold JVM" || echo "djbench (as a run)")"
  D50="$(get fine_p50_ms)"; D99="$(get fine_p99_ms)"
  printf '%-10s %-22s %10s %10s   (%s requests; Gatling'"'"'s 1 ms clock: %s / %s)\n' "$2" "$label" \
    "$D50" "$D99" "$(get requests)" "$(get gatling_p50_ms)" "$(get gatling_p99_ms)"
}
within() { "$PY" -c 'import sys; a = [float(x) for x in sys.argv[1:]]
print("within 1 ms" if abs(a[0] - a[2]) <= 1 and abs(a[1] - a[3]) <= 1 else "NOT within 1 ms")' "$@"; }

printf '%-10s %-22s %10s %10s\n' endpoint tool p50_ms p99_ms
status=0
for path in /sleep/5 /sleep/20; do
  wrk_line "wrk, back to back" "$path"; b50="$W50"; b99="$W99"
  wrk_line "wrk, paced $RATE/s" "$path" -s "$PACE"; p50="$W50"; p99="$W99"
  djbench_line true "$path"
  djbench_line false "$path"
  paced="$(within "$D50" "$D99" "$p50" "$p99")"
  echo "$path: djbench's p50 and p99 against wrk paced at the same rate: $paced;" \
    "against wrk back to back: $(within "$D50" "$D99" "$b50" "$b99")"
  [ "$paced" = "within 1 ms" ] || status=1
done
exit $status
