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
# One JVM measures every case, warmed up once as a run's injector is. Each case is measured in ROUNDS rounds of
# SECONDS per tool, the tools in an order that alternates from round to round, so that the machine's drift (another
# tenant, steal time) falls on every tool alike; each tool's requests are pooled over the rounds. Before a reference
# tool the JVM waits until its JIT is idle, so that what a djbench trial left to compile is not counted against the
# reference. Prints each tool's pooled p50 and p99, the p99 of each round, and djbench's differences from each
# reference with a 95% bootstrap interval; exits 1 unless every p50 and p99 is within 1 ms of every reference's.
#
#   bench/clock-accuracy.sh [SECONDS] [ROUNDS]   (default 10 s and 5 rounds: 1,000 requests per tool and case at
#                                                 20/s, so that every p99 rests on 1,000 requests; about 11 min)
#
# DJBENCH_JAVA_OPTS, as for ./djbench, adds JVM options to the measuring JVM (to weigh a JVM flag as a lever).
#
# Needs wrk and curl (Debian: apt-get install wrk curl; installed here when run as root on Debian) and Gunicorn
# (./djbench setup, run here when it is missing); compiles the tree first (mvn test-compile, incremental).
set -euo pipefail
SECONDS_EACH="${1:-10}"
ROUNDS="${2:-5}"
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
mvn -q -B -Dstyle.color=never test-compile  # incremental: a no-op on a tree already compiled
PY="${DJBENCH_PYTHON:-/usr/bin/python3}"
# Gunicorn comes with djbench's own set-up (Debian's gunicorn package), as for ./djbench run.
"$PY" -c 'import gunicorn' 2>/dev/null || "$ROOT/djbench" setup
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
cleanup() {
  kill "$SYNC" "$GTHREAD" 2>/dev/null || true
  wait "$SYNC" "$GTHREAD" 2>/dev/null || true
}
trap cleanup EXIT INT TERM
for port in "$PORT" "$KEEP_PORT"; do
  for attempt in $(seq 51); do
    curl -fsS "http://127.0.0.1:$port/sleep/0" >/dev/null 2>&1 && break
    if [ "$attempt" = 51 ]; then
      echo "bench/clock-accuracy.sh: Gunicorn did not answer on 127.0.0.1:$port within 10 s; its log:" >&2
      cat "$LOG" >&2
      exit 3
    fi
    sleep 0.2
  done
done

# The measuring is done by ClockAccuracyBench, in one JVM warmed up as a run's injector is: every case in
# ROUNDS rounds, the tools of a case in an order that alternates from round to round, each tool's requests
# pooled over the rounds. Its lines are shown as they come; Maven's whole output is kept for a failure.
OUT="$(mktemp -t djbench-clock-bench.XXXXXX.log)"
set +e
mvn -B -q surefire:test -Dtest=ClockAccuracyBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Ddjbench.bench.newUrl="http://127.0.0.1:$PORT" -Ddjbench.bench.keepUrl="http://127.0.0.1:$KEEP_PORT" \
  -Ddjbench.bench.paths=/sleep/5,/sleep/20 -Ddjbench.bench.rate=20 -Ddjbench.bench.rounds="$ROUNDS" \
  -Ddjbench.bench.seconds="$SECONDS_EACH" \
  -Dgatling.jvm.opens="--add-opens java.base/java.lang=ALL-UNNAMED ${DJBENCH_JAVA_OPTS:-}" \
  -Dstyle.color=never >"$OUT" 2>&1 &
MVN=$!
tail -n +1 -f --pid="$MVN" "$OUT" | grep --line-buffered -o 'DJBENCH .*' | sed -u 's/^DJBENCH //'
wait "$MVN"
rc=$?
set -e
if [ "$rc" != 0 ]; then
  echo "bench/clock-accuracy.sh: the bench failed (exit $rc); Maven's output is in $OUT" >&2
  exit 3
fi
! grep -q 'NOT within 1 ms' "$OUT"
