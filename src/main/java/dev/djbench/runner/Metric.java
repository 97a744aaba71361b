package dev.djbench.runner;

import dev.djbench.results.TrialResult;
import java.util.List;
import java.util.Optional;

/**
 * A per-trial number that comparisons are made on: one statistic of one histogram, or a resource
 * figure.
 *
 * @param histogram the histogram's name in {@link TrialResult#distributions()}, or {@code server}
 *     for resources
 * @param statistic {@code p50}, {@code p90}, {@code p95}, {@code p99}, {@code mean}, or for {@code
 *     server}: {@code cpuMillisPerRequest}
 */
public record Metric(String histogram, String statistic) {

  /**
   * What every experiment reports, in report order. Client latency first: it is what users feel.
   */
  public static final List<Metric> REPORTED =
      List.of(
          new Metric("clientLatencyMicros", "p50"),
          new Metric("clientLatencyMicros", "p90"),
          new Metric("clientLatencyMicros", "p95"),
          new Metric("clientLatencyMicros", "p99"),
          new Metric("serverTotalMicros", "p50"),
          new Metric("serverTotalMicros", "mean"),
          new Metric("dbQueries", "mean"),
          new Metric("server", "cpuMillisPerRequest"));

  /** The metrics that decide, in a plain run, when an experiment has seen enough blocks. */
  public static final List<String> RUN_GATING =
      List.of("clientLatencyMicros.p50", "serverTotalMicros.p50");

  /** {@code clientLatencyMicros.p50} and the like: the name used in results and reports. */
  public String name() {
    return histogram + "." + statistic;
  }

  /**
   * Half the step of the clock this metric is read on, in the metric's unit: a trial's value is
   * known to within plus or minus this much, and no interval of a ratio of it may be narrower than
   * that allows ({@link dev.djbench.stats.ResolutionBound}). Client latency comes from the load
   * generator in whole milliseconds (500 µs); server times from {@code Server-Timing} in
   * microseconds (0.5 µs). Query counts are exact; CPU per request is left at 0 (its clock ticks
   * are summed over many requests).
   */
  public double tolerance() {
    return switch (histogram) {
      case "clientLatencyMicros" -> 500;
      case "serverTotalMicros" -> 0.5;
      default -> 0;
    };
  }

  /** The reported metric of that name. */
  public static Optional<Metric> named(String name) {
    return REPORTED.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /** This metric's value in one trial. */
  public double valueOf(TrialResult trial) {
    if (histogram.equals("server")) {
      return trial.server().cpuMillisPerRequest();
    }
    return trial.distribution(histogram).value(statistic);
  }
}
