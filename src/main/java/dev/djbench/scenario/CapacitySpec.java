package dev.djbench.scenario;

/**
 * A capacity search: the highest arrival rate at which p99 client latency stays within the
 * objective and errors below their limit, searched between two rates with a bounded number of
 * probes.
 *
 * @param sloP99Micros the objective on p99 client latency, &gt; 0
 * @param maxErrorFraction the objective on errors, in (0, 1)
 * @param fromRatePerSecond the lowest rate probed, &gt; 0
 * @param toRatePerSecond the highest rate probed, &gt; from
 * @param maxProbes probes per variant, 2 to 30
 */
public record CapacitySpec(
    long sloP99Micros,
    double maxErrorFraction,
    double fromRatePerSecond,
    double toRatePerSecond,
    int maxProbes) {

  public CapacitySpec {
    if (sloP99Micros <= 0) {
      throw new IllegalArgumentException("sloP99Micros must be > 0, was " + sloP99Micros);
    }
    if (!(maxErrorFraction > 0 && maxErrorFraction < 1)) {
      throw new IllegalArgumentException(
          "maxErrorFraction must be in (0, 1), was " + maxErrorFraction);
    }
    if (!(fromRatePerSecond > 0 && toRatePerSecond > fromRatePerSecond)) {
      throw new IllegalArgumentException(
          "rates must satisfy 0 < from < to, were "
              + fromRatePerSecond
              + " and "
              + toRatePerSecond);
    }
    if (maxProbes < 2 || maxProbes > 30) {
      throw new IllegalArgumentException("maxProbes must be 2 to 30, was " + maxProbes);
    }
  }
}
