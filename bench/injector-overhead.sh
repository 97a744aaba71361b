#!/usr/bin/env bash
# What djbench's injector costs, in one run against one nginx serving a static file: djbench's load loop
# (GatlingLoadGenerator with its recording), the same arrivals without djbench's recording (bare Gatling), and wrk.
# For each rate, the share of the schedule it kept (arrivals seen by nginx, against rate × seconds), the p99 of how
# late the arrivals came against their schedule (read from nginx's access log, the same way for both), and the
# injector's CPU time per 1,000 requests. wrk is closed-loop (8 connections): its figure is the highest rate it reached.
#
#   bench/injector-overhead.sh [RATES] [SECONDS] [REPETITIONS]   default: 2000,4000,6000,8000,12000, 5 s, 3
#
# Each rate runs REPETITIONS times for each injector, djbench and bare Gatling alternating, in one JVM; a rate is held
# when every repetition kept 99% of its schedule and the median of their lag p99s is under 10 ms.
#
# DJBENCH_JAVA_OPTS, as for ./djbench, adds JVM options to the injectors' JVM (to weigh a JVM flag as a lever).
#
# Needs nginx and wrk (Debian: apt-get install nginx-light wrk; installed here when run as root on Debian);
# compiles the tree first (mvn test-compile, incremental).
set -euo pipefail
RATES="${1:-2000,4000,6000,8000,12000}"
SECONDS_EACH="${2:-5}"
REPETITIONS="${3:-3}"
LAG_LIMIT_MS=10
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
for tool in nginx wrk; do
  if ! command -v "$tool" >/dev/null && ! [ -x /usr/sbin/nginx ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null
    else
      echo "bench/injector-overhead.sh needs $tool" >&2
      exit 3
    fi
  fi
done
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
mvn -q -B -Dstyle.color=never test-compile  # incremental: a no-op on a tree already compiled
PY="${DJBENCH_PYTHON:-/usr/bin/python3}"
DIR="$(mktemp -d -t djbench-injector.XXXXXX)"
PORT="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
mkdir -p "$DIR/www" "$DIR/tmp"
printf 'hello, world\n' >"$DIR/www/hello.txt"
cat >"$DIR/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $DIR/nginx.pid;
error_log $DIR/error.log;
events { worker_connections 8192; }
http {
  log_format arrivals '\$msec \$request_uri';
  access_log $DIR/access.log arrivals;
  client_body_temp_path $DIR/tmp; proxy_temp_path $DIR/tmp; fastcgi_temp_path $DIR/tmp;
  uwsgi_temp_path $DIR/tmp; scgi_temp_path $DIR/tmp;
  server { listen 127.0.0.1:$PORT; root $DIR/www; location / { } }
}
CONF
"$NGINX" -p "$DIR" -c "$DIR/nginx.conf" &
NGINX_PID=$!
trap 'kill "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; rm -rf "$DIR"' EXIT INT TERM
for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$PORT/hello.txt" >/dev/null 2>&1 && break; sleep 0.1; done

mvn -B -q surefire:test -Dtest=InjectorBench -Dstyle.color=never \
  -Ddjbench.bench.url="http://127.0.0.1:$PORT" -Ddjbench.bench.rates="$RATES" \
  -Ddjbench.bench.seconds="$SECONDS_EACH" -Ddjbench.bench.repetitions="$REPETITIONS" \
  -Dgatling.jvm.opens="--add-opens java.base/java.lang=ALL-UNNAMED ${DJBENCH_JAVA_OPTS:-}" 2>&1 \
  | grep -o 'INJECTOR .*' >"$DIR/cpu.txt"

TIMEFORMAT='%U %S'
wrk_cpu="$({ time wrk -t2 -c8 -d"${SECONDS_EACH}s" "http://127.0.0.1:$PORT/hello.txt?run=wrk" >"$DIR/wrk.out"; } 2>&1)"
wrk_rate="$(awk '/Requests\/sec/ {print $2}' "$DIR/wrk.out")"

"$PY" - "$DIR/access.log" "$RATES" "$SECONDS_EACH" "$LAG_LIMIT_MS" "$wrk_rate" "$wrk_cpu" "$DIR/cpu.txt" \
  "$REPETITIONS" <<'PYTHON'
import collections
import statistics
import sys

log, rates, seconds, limit, wrk_rate, wrk_cpu, cpu_file, repetitions = sys.argv[1:9]
seconds, limit, repetitions = int(seconds), float(limit), int(repetitions)
cpu = {}
for line in open(cpu_file):
    fields = dict(f.split("=") for f in line.split()[1:])
    cpu[fields["run"]] = (float(fields["cpu_ms"]), float(fields["sent"]))
arrivals = collections.defaultdict(list)
for line in open(log):
    stamp, uri = line.split()
    if "run=" in uri:
        arrivals[uri.split("run=")[1]].append(float(stamp))


def lag_p99(times, rate):
    warm = int(rate)  # the first second is the warm-up
    measured = times[warm:]
    if not measured:
        return float("nan"), 0
    # The schedule's start as the server saw it: the earliest offset of an arrival from its slot,
    # so that every lag is measured from the best the injector did.
    offsets = [t - (warm + i) / rate for i, t in enumerate(measured)]
    start = min(offsets)
    lags = sorted((o - start) * 1000 for o in offsets)
    return lags[min(len(lags) - 1, int(0.99 * len(lags)))], len(measured)


print(f"{'injector':10} {'rate/s':>7} {'kept (min)':>11} {'lag p99 ms (median)':>20} {'CPU ms/1000 req':>16}  holds")
held = collections.defaultdict(list)
for mode in ("djbench", "bare"):
    for rate_text in rates.split(","):
        rate = float(rate_text)
        kept, lags, per_request = [], [], []
        for rep in range(repetitions):
            tag = f"{mode}-{rate_text}-{rep}"
            p99, n = lag_p99(sorted(arrivals.get(tag, [])), rate)
            kept.append(n / (rate * seconds))
            lags.append(p99)
            spent, sent = cpu.get(tag, (float("nan"), float("nan")))
            per_request.append(spent / sent * 1000)
            held[mode].append((sent, spent, None))
        holds = min(kept) >= 0.99 and statistics.median(lags) <= limit
        for i in range(repetitions):
            sent, spent, _ = held[mode][-1 - i]
            held[mode][-1 - i] = (sent, spent, holds)
        print(f"{mode:10} {rate:7.0f} {min(kept):11.1%} {statistics.median(lags):20.1f}"
              f" {statistics.median(per_request):16.1f}  {'yes' if holds else 'no'}")
for mode, points in held.items():
    ok = [(n, c) for n, c, h in points if h]
    rates_held = sorted({n / (seconds + 1) for n, _ in ok})
    if len(rates_held) >= 2:
        # CPU = fixed + per-request × requests, over the runs of the rates it held: the slope is the
        # cost of a request, the intercept each Gatling run's start and stop.
        mean_n = sum(n for n, _ in ok) / len(ok)
        mean_c = sum(c for _, c in ok) / len(ok)
        slope = sum((n - mean_n) * (c - mean_c) for n, c in ok) / sum((n - mean_n) ** 2 for n, _ in ok)
        print(f"{mode}: highest rate held {rates_held[-1]:.0f}/s; CPU per 1,000 requests {slope * 1000:.1f} ms"
              f" (least squares over the runs of the rates held), {mean_c - slope * mean_n:.0f} ms per run besides")
    else:
        print(f"{mode}: held {len(rates_held)} rate(s): no per-request CPU fitted")
user, system = (float(x) for x in wrk_cpu.split())
total = float(wrk_rate) * seconds
print(f"{'wrk':10} {float(wrk_rate):7.0f} {'closed loop':>11} {'-':>20} {(user + system) * 1000 / total * 1000:16.1f}"
      f"  (8 connections, as fast as it goes)")
PYTHON
