package dev.djbench.load;

import dev.djbench.measure.TrialMeasurement;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: the measuring half of {@code bench/clock-accuracy.sh}, which starts the servers and
 * runs it by name. Surefire's default includes leave it out of {@code ./djbench test}.
 *
 * <p>One JVM measures every case, as one run does: its injector is warmed up once, as a run's is,
 * and then each case (an endpoint on new or on kept-alive connections) is measured in rounds. A
 * round measures djbench and the case's reference tools one after the other, in an order that
 * alternates from round to round, so that a drift of the machine (another tenant, steal time) falls
 * on every tool alike rather than on whichever ran last. Each tool's requests are pooled over the
 * rounds, and the differences of the pooled p50 and p99 come with a 95% bootstrap interval.
 *
 * <p>Before each reference tool the bench waits until the JIT has been idle for a second (the
 * warm-up's own drain), so that what a djbench trial left to compile does not land on the
 * reference's requests; a djbench trial gets no such wait, as in a run.
 */
class ClockAccuracyBench {

  private static final String PREFIX = "DJBENCH ";
  private static final int BOOTSTRAP_RESAMPLES = 2000;

  @Test
  void measureTheEndpoints(@TempDir Path work) throws Exception {
    URI newUrl = URI.create(System.getProperty("djbench.bench.newUrl", "http://127.0.0.1:8000"));
    URI keepUrl = URI.create(System.getProperty("djbench.bench.keepUrl", newUrl.toString()));
    List<String> paths = List.of(System.getProperty("djbench.bench.paths", "/sleep/20").split(","));
    double rate = Double.parseDouble(System.getProperty("djbench.bench.rate", "20"));
    int rounds = Integer.parseInt(System.getProperty("djbench.bench.rounds", "5"));
    int seconds = Integer.parseInt(System.getProperty("djbench.bench.seconds", "10"));

    List<Case> cases = new ArrayList<>();
    for (String path : paths) {
      int sleepMillis = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
      cases.add(new Case(path, "new connections", newUrl, false, sleepMillis, work));
      cases.add(new Case(path, "kept-alive connections", keepUrl, true, sleepMillis, work));
    }

    GatlingLoadGenerator generator = new GatlingLoadGenerator(work);
    long warmupStart = System.nanoTime();
    var warmup = InjectorWarmup.run(generator, true);
    double warmupSeconds = (System.nanoTime() - warmupStart) / 1e9;
    LongSupplier reported = InjectorWarmup.jitCompileMillis();
    // Where this JVM does not report compile time, every JIT figure below reads 0 and no drain
    // runs.
    LongSupplier jit = reported != null ? reported : () -> 0;
    var runtime = java.lang.management.ManagementFactory.getRuntimeMXBean();
    say(
        "warm-up: %.1f s, %d settling rounds, %s; %d rounds of %d s per tool and case at %.0f/s",
        warmupSeconds,
        warmup.settleRounds(),
        warmup.quiet() ? "quiet" : "not quiet",
        rounds,
        seconds,
        rate);

    for (int round = 0; round < rounds; round++) {
      for (Case c : cases) {
        List<Tool> order = new ArrayList<>(c.tools.keySet());
        if (round % 2 == 1) {
          Collections.reverse(order);
        }
        for (Tool tool : order) {
          long[] sample;
          if (tool == Tool.DJBENCH) {
            long[] compiled = {jit.getAsLong(), 0};
            long[] window = {0};
            TrialSpec spec =
                new TrialSpec(
                    "clock",
                    c.url,
                    "GET",
                    c.path,
                    Map.of(),
                    "",
                    rate,
                    false,
                    2,
                    seconds,
                    10,
                    0,
                    c.keepAlive);
            TrialMeasurement m =
                generator.run(
                    spec,
                    () -> {
                      compiled[1] = jit.getAsLong();
                      window[0] = runtime.getUptime();
                    });
            if (m.errors() > 0) {
              throw new IllegalStateException(c + ": " + m.errors() + " djbench requests failed");
            }
            sample = values(m.histograms().clientLatencyMicros());
            c.gatling.add(m.histograms().gatlingLatencyMicros());
            // The JIT's work before the measured window (the trial's own warm-up seconds) and in
            // it.
            c.jitBeforeWindowMillis += compiled[1] - compiled[0];
            long inWindow = jit.getAsLong() - compiled[1];
            c.jitMillis += inWindow;
            say(
                "  djbench on %s: window at JVM uptime %d-%d ms, the JIT compiled %d ms before it and"
                    + " %d ms in it",
                c, window[0], runtime.getUptime(), compiled[1] - compiled[0], inWindow);
          } else {
            if (reported != null) {
              InjectorWarmup.drain(reported);
            }
            sample = tool == Tool.WRK ? c.wrk(rate, seconds) : c.curl(rate, seconds);
          }
          c.tools.get(tool).add(sample);
        }
      }
      say("round %d of %d done", round + 1, rounds);
    }

    say(
        "%-9s %-23s %-36s %6s %9s %9s   %s",
        "endpoint", "connections", "tool", "n", "p50_ms", "p99_ms", "p99 of each round, ms");
    List<String> verdicts = new ArrayList<>();
    for (Case c : cases) {
      for (Map.Entry<Tool, Pool> e : c.tools.entrySet()) {
        Pool pool = e.getValue();
        long[] all = pool.all();
        String perRound =
            pool.rounds.stream()
                .map(r -> String.format(Locale.ROOT, "%.2f", quantile(r, 0.99) / 1000.0))
                .reduce((a, b) -> a + " " + b)
                .orElse("");
        say(
            "%-9s %-23s %-36s %6d %9.3f %9.3f   %s",
            c.path,
            c.label,
            e.getKey().label(c.keepAlive),
            all.length,
            quantile(all, 0.50) / 1000.0,
            quantile(all, 0.99) / 1000.0,
            perRound);
      }
      say(
          "%-9s %-23s %-36s %6d %9.3f %9.3f   (the same requests; the JIT compiled %d ms in djbench's"
              + " measured windows, %d ms in their warm-up seconds)",
          c.path,
          c.label,
          "Gatling's own 1 ms clock",
          c.gatling.getTotalCount(),
          c.gatling.getValueAtPercentile(50) / 1000.0,
          c.gatling.getValueAtPercentile(99) / 1000.0,
          c.jitMillis,
          c.jitBeforeWindowMillis);
      long[] ours = c.tools.get(Tool.DJBENCH).all();
      for (Tool reference : c.tools.keySet()) {
        if (reference != Tool.DJBENCH) {
          verdicts.add(verdict(c, reference, ours, c.tools.get(reference).all()));
        }
      }
    }
    verdicts.forEach(v -> say("%s", v));
  }

  /**
   * djbench against one reference: the p50 and p99 differences, their intervals, and whether both
   * are within 1 ms.
   */
  private static String verdict(Case c, Tool reference, long[] ours, long[] theirs) {
    double[] d50 = difference(ours, theirs, 0.50);
    double[] d99 = difference(ours, theirs, 0.99);
    boolean within = Math.abs(d50[0]) <= 1000 && Math.abs(d99[0]) <= 1000;
    return String.format(
        Locale.ROOT,
        "%s, %s, against %s: %s (p50 %+.2f ms [%+.2f, %+.2f], p99 %+.2f ms [%+.2f, %+.2f])",
        c.path,
        c.label,
        reference.label(c.keepAlive),
        within ? "within 1 ms" : "NOT within 1 ms",
        d50[0] / 1000,
        d50[1] / 1000,
        d50[2] / 1000,
        d99[0] / 1000,
        d99[1] / 1000,
        d99[2] / 1000);
  }

  /**
   * The difference of the q-quantiles (µs), and its 95% percentile-bootstrap interval: each sample
   * resampled with replacement on its own, as the requests of two tools are independent.
   */
  private static double[] difference(long[] a, long[] b, double q) {
    SplittableRandom random = new SplittableRandom(20261203L);
    double[] resampled = new double[BOOTSTRAP_RESAMPLES];
    long[] ra = new long[a.length];
    long[] rb = new long[b.length];
    for (int i = 0; i < BOOTSTRAP_RESAMPLES; i++) {
      for (int k = 0; k < a.length; k++) {
        ra[k] = a[random.nextInt(a.length)];
      }
      for (int k = 0; k < b.length; k++) {
        rb[k] = b[random.nextInt(b.length)];
      }
      Arrays.sort(ra);
      Arrays.sort(rb);
      resampled[i] = quantile(ra, q) - quantile(rb, q);
    }
    Arrays.sort(resampled);
    return new double[] {
      quantile(a, q) - quantile(b, q),
      resampled[(int) Math.floor(0.025 * (BOOTSTRAP_RESAMPLES - 1))],
      resampled[(int) Math.ceil(0.975 * (BOOTSTRAP_RESAMPLES - 1))]
    };
  }

  /** The nearest-rank q-quantile of a sorted sample, the same definition for every tool. */
  private static long quantile(long[] sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** Every recorded value of a histogram, sorted (at the histogram's 3 significant digits). */
  private static long[] values(Histogram h) {
    long[] out = new long[(int) h.getTotalCount()];
    int i = 0;
    for (var v : h.recordedValues()) {
      for (long k = 0; k < v.getCountAddedInThisIterationStep(); k++) {
        out[i++] = h.highestEquivalentValue(v.getValueIteratedTo());
      }
    }
    return out;
  }

  private static void say(String format, Object... args) {
    System.out.println(PREFIX + String.format(Locale.ROOT, format, args));
  }

  private enum Tool {
    DJBENCH,
    WRK,
    CURL;

    String label(boolean keepAlive) {
      return switch (this) {
        case DJBENCH ->
            keepAlive ? "djbench, connections: keep-alive" : "djbench, connections: new";
        case WRK -> keepAlive ? "wrk, 1 connection, paced" : "wrk, paced (connect not timed)";
        case CURL -> "curl, paced (connect timed)";
      };
    }
  }

  /** One tool's requests in one case: each round's sorted sample. */
  private static final class Pool {
    final List<long[]> rounds = new ArrayList<>();

    void add(long[] sample) {
      long[] sorted = sample.clone();
      Arrays.sort(sorted);
      rounds.add(sorted);
    }

    long[] all() {
      long[] out = rounds.stream().flatMapToLong(Arrays::stream).toArray();
      Arrays.sort(out);
      return out;
    }
  }

  /** An endpoint on new or on kept-alive connections, and the tools measured on it. */
  private static final class Case {
    final String path;
    final String label;
    final URI url;
    final boolean keepAlive;
    final int sleepMillis;
    final Path work;
    final Map<Tool, Pool> tools = new LinkedHashMap<>();
    final Histogram gatling = new Histogram(3);
    long jitBeforeWindowMillis;
    long jitMillis;

    Case(String path, String label, URI url, boolean keepAlive, int sleepMillis, Path work) {
      this.path = path;
      this.label = label;
      this.url = url;
      this.keepAlive = keepAlive;
      this.sleepMillis = sleepMillis;
      this.work = work;
      tools.put(Tool.DJBENCH, new Pool());
      tools.put(Tool.WRK, new Pool());
      if (!keepAlive) {
        // curl's time_total counts the connect, as djbench's clock does on a new connection.
        tools.put(Tool.CURL, new Pool());
      }
    }

    /**
     * wrk on one connection, paced to about the same rate by a delay() after each response, and
     * every latency it recorded (µs): the k-th smallest is its percentile at 100·(k − ½)/n, by
     * wrk's own rank rule.
     */
    long[] wrk(double rate, int seconds) throws IOException, InterruptedException {
      long delay = Math.max(0, Math.round(1000 / rate) - sleepMillis - 1);
      Path script = work.resolve("wrk-" + delay + ".lua");
      Files.writeString(
          script,
          "function delay()\n  return "
              + delay
              + "\nend\n"
              + "done = function(summary, latency, requests)\n"
              + "  local n = #latency\n"
              + "  local out = {}\n"
              + "  for k = 1, n do out[k] = string.format('%d', latency:percentile(100 * (k - 0.5) / n)) end\n"
              + "  io.write('WRK-SAMPLE ' .. table.concat(out, ' ') .. '\\n')\n"
              + "end\n");
      String out =
          run(
              List.of(
                  "wrk",
                  "-t1",
                  "-c1",
                  "-d" + seconds + "s",
                  "-s",
                  script.toString(),
                  url.resolve(path).toString()),
              seconds + 30);
      if (out.contains("Non-2xx") || out.contains("Socket errors")) {
        throw new IllegalStateException(this + ": wrk saw errors:\n" + out);
      }
      String line =
          out.lines()
              .filter(l -> l.startsWith("WRK-SAMPLE "))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("wrk printed no sample:\n" + out));
      String[] parts = line.substring("WRK-SAMPLE ".length()).trim().split(" ");
      return Arrays.stream(parts).mapToLong(Long::parseLong).toArray();
    }

    /** curl, one process and one new connection per request, started on a 1/rate grid. */
    long[] curl(double rate, int seconds) throws IOException, InterruptedException {
      int n = (int) Math.round(rate * seconds);
      long[] out = new long[n];
      long start = System.nanoTime();
      long period = Math.round(1e9 / rate);
      for (int k = 0; k < n; k++) {
        long wait = start + k * period - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        String total =
            run(
                List.of(
                    "curl",
                    "-s",
                    "-f",
                    "-o",
                    "/dev/null",
                    "-w",
                    "%{time_total}",
                    url.resolve(path).toString()),
                30);
        out[k] = Math.round(Double.parseDouble(total.trim()) * 1e6);
      }
      return out;
    }

    /**
     * Runs a command to its end, or kills it after {@code timeoutSeconds}; its output goes to a
     * file, so that the timeout holds even while the command prints nothing.
     */
    private String run(List<String> command, int timeoutSeconds)
        throws IOException, InterruptedException {
      Path output = Files.createTempFile(work, "command-", ".out");
      try {
        Process p =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean ended = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!ended) {
          p.destroyForcibly().waitFor();
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        if (!ended || p.exitValue() != 0) {
          throw new IllegalStateException(
              String.join(" ", command)
                  + (ended ? " exited " + p.exitValue() : " took over " + timeoutSeconds + " s")
                  + ":\n"
                  + text);
        }
        return text;
      } finally {
        Files.deleteIfExists(output);
      }
    }

    @Override
    public String toString() {
      return path + " on " + label;
    }
  }
}
