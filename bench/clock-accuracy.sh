#!/usr/bin/env bash
# How close djbench's client latency comes to C clients' on an endpoint of known latency, in one run.
# bench/clock/sleepy.py (GET /sleep/<ms> sleeps that long) is served by two Gunicorns, and each endpoint is measured
# at 20 requests a second, the same user behaviour on both sides of each comparison:
#   - a new connection per request (djbench's default, `connections: new`), on Gunicorn's sync workers, which close
#     every connection after one response: djbench against curl paced at 20/s, whose time_total also counts the
#     connect. (wrk paced at 20/s is shown too: it reconnects right after each response and starts its clock at the
#     request's write, so it leaves the connect and the server's accept out.)
#   - kept-alive connections (`connections: keep-alive`, Gatling's shared pool), on gthread workers, which keep
#     them: djbench against wrk, one connection paced at 20/s by a delay() script.
# djbench runs as a run does, after the warm-up every run gives its injector (GatlingLoadGenerator.warmUp).
# Prints p50 and p99 of each, and whether djbench's figures are within 1 ms of the reference's; exits 1 when not.
#
#   bench/clock-accuracy.sh [SECONDS]        (default 15 s of measurement per tool and endpoint; 50 s gives every
#                                             p99 1,000 requests)
#
# Needs wrk and curl (Debian: apt-get install wrk curl; installed here when run as root on Debian) and a compiled
# tree.
set -euo pipefail
SECONDS_EACH="${1:-15}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
if ! command -v wrk >/dev/null || ! command -v curl >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk curl >/dev/null
  else
    echo "bench/clock-accuracy.sh needs wrk and curl (Debian: apt-get install wrk curl)" >&2
    exit 3
  fi
fi
[ -d target/test-classes ] || mvn -q -o -B test-compile
PY="${DJBENCH_PYTHON:-/usr/bin/python3}"
free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT="$(free_port)"
KEEP_PORT="$(free_port)"
LOG="$(mktemp -t djbench-clock-gunicorn.XXXXXX.log)"
"$PY" -m gunicorn --chdir bench/clock --workers 4 --worker-class sync --bind "127.0.0.1:$PORT" \
  --access-logfile /dev/null sleepy:application >"$LOG" 2>&1 &
SYNC=$!
"$PY" -m gunicorn --chdir bench/clock --workers 2 --threads 4 --worker-class gthread --keep-alive 5 \
  --bind "127.0.0.1:$KEEP_PORT" --access-logfile /dev/null sleepy:application >>"$LOG" 2>&1 &
GTHREAD=$!
PACE="$(mktemp -t djbench-clock-pace.XXXXXX.lua)"
cleanup() {
  kill "$SYNC" "$GTHREAD" 2>/dev/null || true
  wait "$SYNC" "$GTHREAD" 2>/dev/null || true
  rm -f "$PACE"
}
trap cleanup EXIT INT TERM
for port in "$PORT" "$KEEP_PORT"; do
  for _ in $(seq 50); do
    curl -fsS "http://127.0.0.1:$port/sleep/0" >/dev/null 2>&1 && break
    sleep 0.2
  done
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
# wrk's delay() holds each connection's next request this many ms: one connection paced at $RATE/s, the
# same arrival rate djbench sends at, so both tools meet a server (and a client) that idles between requests.
printf 'function delay()\n  return %d\nend\n' "$((1000 / RATE))" >"$PACE"

wrk_line() { # $1 label, $2 port, $3 path: one connection paced at $RATE/s
  local out
  out="$(wrk -t1 -c1 -d"${SECONDS_EACH}s" --latency -s "$PACE" "http://127.0.0.1:$2$3")"
  R50="$(millis "$(awk '$1 == "50%" {print $2}' <<<"$out")")"
  R99="$(millis "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
  printf '%-10s %-34s %9s %9s   (%s)\n' "$3" "$1" "$R50" "$R99" "$(grep -o '[0-9]* requests in' <<<"$out")"
}
curl_line() { # $1 path: a new connection per request, one every 1/$RATE s, curl's time_total (connect included)
  local times n=$((RATE * SECONDS_EACH))
  times="$(for _ in $(seq "$n"); do
    curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$PORT$1"
    sleep "$("$PY" -c "print(1 / $RATE)")"
  done | sort -n)"
  R50="$(awk '{a[NR] = $1} END {printf "%.3f", a[int(NR * 0.50 + 0.5)] * 1000}' <<<"$times")"
  R99="$(awk '{a[NR] = $1} END {printf "%.3f", a[int(NR * 0.99 + 0.5)] * 1000}' <<<"$times")"
  printf '%-10s %-34s %9s %9s   (%s requests)\n' "$1" "curl, paced $RATE/s, new connection" "$R50" "$R99" "$n"
}
djbench_line() { # $1 label, $2 port, $3 path, $4 true for kept-alive connections
  local line
  line="$(mvn -o -B -q surefire:test -Dtest=ClockAccuracyBench -Dsurefire.failIfNoSpecifiedTests=false \
    -Ddjbench.bench.url="http://127.0.0.1:$2" -Ddjbench.bench.path="$3" -Ddjbench.bench.rate="$RATE" \
    -Ddjbench.bench.seconds="$SECONDS_EACH" -Ddjbench.bench.keepAlive="$4" -Dstyle.color=never 2>&1 |
    grep -o 'DJBENCH .*')"
  get() { sed -E "s/.* $1=([0-9.]+).*/\1/" <<<"$line"; }
  D50="$(get fine_p50_ms)"; D99="$(get fine_p99_ms)"
  printf '%-10s %-34s %9s %9s   (%s requests; Gatling'"'"'s 1 ms clock: %s / %s)\n' "$3" "$1" \
    "$D50" "$D99" "$(get requests)" "$(get gatling_p50_ms)" "$(get gatling_p99_ms)"
}
within() { "$PY" -c 'import sys; a = [float(x) for x in sys.argv[1:]]
print("within 1 ms (p50 %+.2f, p99 %+.2f ms)" % (a[0] - a[2], a[1] - a[3]) if abs(a[0] - a[2]) <= 1 and abs(a[1] - a[3]) <= 1
      else "NOT within 1 ms (p50 %+.2f, p99 %+.2f ms)" % (a[0] - a[2], a[1] - a[3]))' "$@"; }

printf '%-10s %-34s %9s %9s\n' endpoint tool p50_ms p99_ms
status=0
verdicts=()
for path in /sleep/5 /sleep/20; do
  echo "-- sync workers: a new connection per request"
  wrk_line "wrk, paced $RATE/s (connect not timed)" "$PORT" "$path"
  curl_line "$path"; c50="$R50"; c99="$R99"
  djbench_line "djbench, connections: new" "$PORT" "$path" false
  verdict="$(within "$D50" "$D99" "$c50" "$c99")"
  verdicts+=("$path, new connections, against curl: $verdict")
  case "$verdict" in within*) ;; *) status=1 ;; esac
  echo "-- gthread workers: kept-alive connections"
  wrk_line "wrk, paced $RATE/s, keep-alive" "$KEEP_PORT" "$path"; k50="$R50"; k99="$R99"
  djbench_line "djbench, connections: keep-alive" "$KEEP_PORT" "$path" true
  verdict="$(within "$D50" "$D99" "$k50" "$k99")"
  verdicts+=("$path, kept-alive connections, against wrk: $verdict")
  case "$verdict" in within*) ;; *) status=1 ;; esac
done
printf '%s\n' "${verdicts[@]}"
exit $status
