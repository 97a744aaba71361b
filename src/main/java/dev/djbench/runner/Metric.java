package dev.djbench.runner;

import dev.djbench.results.TrialResult;
import java.util.List;

/**
 * A per-trial number that comparisons are made on: one statistic of one histogram, or a resource figure.
 *
 * @param histogram the histogram's name in {@link TrialResult#distributions()}, or {@code server} for resources
 * @param statistic {@code p50}, {@code p90}, {@code p95}, {@code p99}, {@code mean}, or for {@code server}:
 *     {@code cpuMillisPerRequest}
 * @param gating whether this metric decides when an experiment has seen enough blocks
 */
public record Metric(String histogram, String statistic, boolean gating) {

  /** What every experiment reports, in report order. Client latency first: it is what users feel. */
  public static final List<Metric> REPORTED = List.of(
      new Metric("clientLatencyMicros", "p50", true),
      new Metric("clientLatencyMicros", "p90", false),
      new Metric("clientLatencyMicros", "p95", false),
      new Metric("clientLatencyMicros", "p99", false),
      new Metric("serverTotalMicros", "p50", true),
      new Metric("serverTotalMicros", "mean", false),
      new Metric("dbQueries", "mean", false),
      new Metric("server", "cpuMillisPerRequest", false));

  /** {@code clientLatencyMicros.p50} and the like: the name used in results and reports. */
  public String name() {
    return histogram + "." + statistic;
  }

  /** This metric's value in one trial. */
  public double valueOf(TrialResult trial) {
    if (histogram.equals("server")) {
      return trial.server().cpuMillisPerRequest();
    }
    return trial.distribution(histogram).value(statistic);
  }
}
