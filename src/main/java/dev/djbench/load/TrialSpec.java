package dev.djbench.load;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the load generator must do for one trial: one request shape, sent on an open-model schedule.
 *
 * @param name a label for logs (experiment/variant/block)
 * @param baseUrl scheme, host and port of the system under test, e.g. {@code
 *     http://127.0.0.1:41234}
 * @param method HTTP method, upper case
 * @param path path and query, starting with {@code /}
 * @param headers extra request headers
 * @param body request body for POST/PUT, or empty
 * @param ratePerSecond arrival rate, &gt; 0
 * @param poisson whether arrivals are Poisson (exponential gaps) rather than evenly spaced
 * @param warmupSeconds whole seconds of load before the measured window, &gt;= 0 (Gatling schedules
 *     open-model injection in whole seconds: a fractional duration would silently be cut)
 * @param measureSeconds whole seconds of the measured window, &gt; 0
 * @param requestTimeoutSeconds how long one request may take before it counts as failed, &gt; 0
 * @param arrivalSeed seeds the Poisson arrivals ({@link PoissonSchedule}); the variants of one
 *     block get the same seed, so that they meet the same arrivals. Unused for evenly spaced
 *     arrivals
 * @param keepAlive the stream's virtual users share one pool of kept-alive connections, instead of
 *     each opening its own ({@code load: {connections: keep-alive}})
 * @param share which of the schedule's arrivals this injector sends ({@link ArrivalShare}): the
 *     schedule is drawn at {@code ratePerSecond}, and a part sends its share of it
 */
public record TrialSpec(
    String name,
    URI baseUrl,
    String method,
    String path,
    Map<String, String> headers,
    String body,
    double ratePerSecond,
    boolean poisson,
    int warmupSeconds,
    int measureSeconds,
    double requestTimeoutSeconds,
    long arrivalSeed,
    boolean keepAlive,
    ArrivalShare share) {

  /** A trial sent whole by one injector. */
  public TrialSpec(
      String name,
      URI baseUrl,
      String method,
      String path,
      Map<String, String> headers,
      String body,
      double ratePerSecond,
      boolean poisson,
      int warmupSeconds,
      int measureSeconds,
      double requestTimeoutSeconds,
      long arrivalSeed,
      boolean keepAlive) {
    this(
        name,
        baseUrl,
        method,
        path,
        headers,
        body,
        ratePerSecond,
        poisson,
        warmupSeconds,
        measureSeconds,
        requestTimeoutSeconds,
        arrivalSeed,
        keepAlive,
        ArrivalShare.WHOLE);
  }

  /** A trial whose every request opens a connection of its own. */
  public TrialSpec(
      String name,
      URI baseUrl,
      String method,
      String path,
      Map<String, String> headers,
      String body,
      double ratePerSecond,
      boolean poisson,
      int warmupSeconds,
      int measureSeconds,
      double requestTimeoutSeconds,
      long arrivalSeed) {
    this(
        name,
        baseUrl,
        method,
        path,
        headers,
        body,
        ratePerSecond,
        poisson,
        warmupSeconds,
        measureSeconds,
        requestTimeoutSeconds,
        arrivalSeed,
        false);
  }

  public TrialSpec {
    headers = Map.copyOf(headers);
    share = share == null ? ArrivalShare.WHOLE : share;
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("ratePerSecond must be > 0, was " + ratePerSecond);
    }
    if (warmupSeconds < 0) {
      throw new IllegalArgumentException("warmupSeconds must be >= 0, was " + warmupSeconds);
    }
    if (measureSeconds <= 0) {
      throw new IllegalArgumentException("measureSeconds must be > 0, was " + measureSeconds);
    }
    if (!(requestTimeoutSeconds > 0)) {
      throw new IllegalArgumentException(
          "requestTimeoutSeconds must be > 0, was " + requestTimeoutSeconds);
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/', was '" + path + "'");
    }
  }

  /** Total seconds of load: warm-up plus the measured window. */
  public int totalSeconds() {
    return warmupSeconds + measureSeconds;
  }

  /** This injector's arrival rate: the schedule's, divided among the parts sharing it. */
  public double shareRatePerSecond() {
    return ratePerSecond / share.count();
  }

  /**
   * When this injector's arrivals are due, in nanoseconds from the trial's start, in order: the
   * whole schedule's arrivals (Poisson from {@code arrivalSeed}, or evenly spaced at {@code
   * ratePerSecond}) that are {@link #share}'s.
   */
  public long[] arrivalOffsetsNanos() {
    List<Long> all = new ArrayList<>();
    if (poisson) {
      long at = 0;
      for (long gap : PoissonSchedule.gapsNanos(arrivalSeed, ratePerSecond, totalSeconds())) {
        at += gap;
        all.add(at);
      }
    } else {
      long end = totalSeconds() * 1_000_000_000L;
      for (long k = 0; ; k++) {
        long at = Math.round(k * 1e9 / ratePerSecond);
        if (at >= end) {
          break;
        }
        all.add(at);
      }
    }
    return java.util.stream.IntStream.range(0, all.size())
        .filter(share::takes)
        .mapToLong(all::get)
        .toArray();
  }
}
