package dev.djbench.results;

import org.HdrHistogram.Histogram;

/**
 * A histogram's summary, stored beside its encoding so results.json reads without decoding. Values
 * are in the histogram's unit (microseconds for latencies, a count for queries).
 *
 * @param count values recorded
 * @param min smallest value
 * @param p50 median
 * @param p90 90th percentile
 * @param p95 95th percentile
 * @param p99 99th percentile
 * @param max largest value
 * @param mean arithmetic mean
 */
public record Distribution(
    long count, long min, long p50, long p90, long p95, long p99, long max, double mean) {

  /** The summary of {@code histogram}; all zero when it is empty. */
  public static Distribution of(Histogram histogram) {
    if (histogram.getTotalCount() == 0) {
      return new Distribution(0, 0, 0, 0, 0, 0, 0, 0);
    }
    return new Distribution(
        histogram.getTotalCount(),
        histogram.getMinValue(),
        histogram.getValueAtPercentile(50),
        histogram.getValueAtPercentile(90),
        histogram.getValueAtPercentile(95),
        histogram.getValueAtPercentile(99),
        histogram.getMaxValue(),
        histogram.getMean());
  }

  /**
   * The named statistic of this summary: {@code p50}, {@code p90}, {@code p95}, {@code p99}, {@code
   * mean}, {@code max}.
   */
  public double value(String statistic) {
    return switch (statistic) {
      case "p50" -> p50;
      case "p90" -> p90;
      case "p95" -> p95;
      case "p99" -> p99;
      case "mean" -> mean;
      case "max" -> max;
      default ->
          throw new IllegalArgumentException(
              "unknown statistic '" + statistic + "'; expected p50, p90, p95, p99, mean or max");
    };
  }
}
