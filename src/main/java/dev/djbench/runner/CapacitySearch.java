package dev.djbench.runner;

import dev.djbench.results.CapacityResult;
import dev.djbench.results.TrialResult;
import dev.djbench.scenario.CapacitySpec;
import dev.djbench.stats.Capacity;
import dev.djbench.sut.process.LoopbackHttp;
import dev.djbench.sut.process.TargetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds one variant's capacity at a service-level objective: each probe is a full trial (warm-up
 * and measured window) at one rate; {@link Capacity} doubles the rate until a probe fails, then
 * bisects. A probe fails when its p99 client latency exceeds the objective, when errors and
 * unanswered requests reach the limit, or when the load generator could not keep the rate (then the
 * capacity is beyond what this machine can measure, and the probe's trial says so).
 */
final class CapacitySearch {

  /** Bisection stops when the bracket is within this share of its lower end. */
  static final double RESOLUTION = 0.10;

  /** Runs one trial at a rate; returns the trial, already journaled. */
  interface Prober {
    TrialResult probe(double ratePerSecond, int index) throws TargetException, IOException;
  }

  private static final class Failure extends RuntimeException {
    private final Exception cause;

    Failure(Exception cause) {
      super(cause);
      this.cause = cause;
    }
  }

  private CapacitySearch() {}

  static CapacityResult run(
      String variant, CapacitySpec spec, Prober prober, URI healthUrl, Progress progress)
      throws TargetException, IOException {
    var search =
        new Capacity(
            spec.sloP99Micros(),
            spec.maxErrorFraction(),
            spec.fromRatePerSecond(),
            spec.toRatePerSecond(),
            spec.maxProbes(),
            RESOLUTION);
    List<CapacityResult.Probe> probes = new ArrayList<>();
    Capacity.Result result;
    try {
      result =
          search.search(
              rate -> {
                try {
                  TrialResult t = prober.probe(rate, probes.size());
                  if (injectorLagged(t)
                      && search.passes(new Capacity.ProbeResult(p99(t), errorFraction(t)))) {
                    // The app met the objective and only the load generator missed its schedule
                    // (another program busy on the machine): like an invalid trial of a block, the
                    // probe is run once more, since it says nothing yet about what the app holds.
                    progress.say(
                        "  [capacity] %s at %.1f/s: the app met the objective but the load"
                            + " generator could not keep the rate; probing it once more",
                        variant, rate);
                    t = prober.probe(rate, probes.size());
                  }
                  long p99 = p99(t);
                  double errors = errorFraction(t);
                  boolean injectorFailed = injectorLagged(t);
                  var measured =
                      new Capacity.ProbeResult(
                          injectorFailed ? Math.max(p99, 2 * spec.sloP99Micros()) : p99, errors);
                  boolean passed = search.passes(measured);
                  probes.add(new CapacityResult.Probe(rate, p99, errors, passed, t.block()));
                  progress.say(
                      "  [capacity] %s at %.1f/s: p99 %.1f ms, %.1f%% errors → %s%s",
                      variant,
                      rate,
                      p99 / 1000.0,
                      100 * errors,
                      passed ? "meets" : "misses",
                      injectorFailed ? " (load generator could not keep the rate)" : "");
                  if (!passed) {
                    coolDown(healthUrl);
                  }
                  return measured;
                } catch (TargetException | IOException e) {
                  throw new Failure(e);
                }
              });
    } catch (Failure f) {
      if (f.cause instanceof TargetException te) {
        throw te;
      }
      if (f.cause instanceof IOException io) {
        throw io;
      }
      throw new UncheckedIOException(new IOException(f.cause));
    }
    String outcome = result.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-');
    return new CapacityResult(
        variant,
        outcome,
        result.capacityPerSec(),
        result.lastPassingPerSec(),
        Double.isInfinite(result.firstFailingPerSec()) ? Double.NaN : result.firstFailingPerSec(),
        spec.sloP99Micros(),
        spec.maxErrorFraction(),
        probes);
  }

  private static long p99(TrialResult t) {
    return t.distribution("clientLatencyMicros").p99();
  }

  /** Errors and requests left unanswered, as a share of the requests sent (1 when none were). */
  private static double errorFraction(TrialResult t) {
    return t.counts().requests() == 0
        ? 1.0
        : Math.min(
            1.0,
            (t.counts().errors() + Math.max(0, t.counts().requests() - t.counts().completed()))
                / (double) t.counts().requests());
  }

  /** Whether the probe is invalid because the load generator missed its schedule. */
  static boolean injectorLagged(TrialResult t) {
    return t.invalidReasons().stream()
        .anyMatch(
            r -> r.startsWith("achieved rate") || r.startsWith("the load generator fell behind"));
  }

  /**
   * After an overload the server may still be working through abandoned requests; the next probe
   * must not pay for them. Waits until the health check answers quickly twice in a row (at most 30
   * s).
   */
  private static void coolDown(URI health) {
    HttpClient client = LoopbackHttp.client(Duration.ofSeconds(2));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    int quick = 0;
    while (quick < 2 && System.nanoTime() < deadline) {
      long start = System.nanoTime();
      try {
        HttpResponse<Void> r =
            client.send(
                HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding());
        quick = r.statusCode() == 200 && System.nanoTime() - start < 200_000_000L ? quick + 1 : 0;
      } catch (IOException e) {
        quick = 0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
