package dev.djbench.results;

import java.util.List;

/**
 * The highest arrival rate at which one variant met the service-level objective, found by a bounded
 * search (rates doubled until a probe fails, then bisected). The bracket is the search's resolution
 * — the last rate that passed and the first that failed — not a statistical interval: each rate was
 * probed once.
 *
 * @param variant the variant
 * @param outcome {@code bracketed} (capacity between two probed rates), {@code above-range} (even
 *     the highest rate passed), {@code below-range} (even the lowest failed) or {@code
 *     budget-exhausted}
 * @param capacityPerSecond the last passing rate (0 when none passed)
 * @param lastPassingPerSecond the bracket's lower end (0 when none passed)
 * @param firstFailingPerSecond the bracket's upper end (NaN when none failed)
 * @param sloP99Micros the objective on p99 client latency
 * @param maxErrorFraction the objective on errors
 * @param probes every probe, in the order run
 */
public record CapacityResult(
    String variant,
    String outcome,
    double capacityPerSecond,
    double lastPassingPerSecond,
    double firstFailingPerSecond,
    long sloP99Micros,
    double maxErrorFraction,
    List<Probe> probes) {

  public CapacityResult {
    probes = List.copyOf(probes);
  }

  /**
   * One probe: a trial at one rate.
   *
   * @param ratePerSecond the arrival rate
   * @param p99Micros its p99 client latency
   * @param errorFraction errors and unanswered requests over requests sent
   * @param passed whether it met the objective
   * @param block the trial's block number in the experiment's trials (its index there)
   */
  public record Probe(
      double ratePerSecond, long p99Micros, double errorFraction, boolean passed, int block) {}
}
