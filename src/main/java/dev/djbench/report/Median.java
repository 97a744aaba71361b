package dev.djbench.report;

import java.util.Arrays;

/** The median of per-trial values, the statistic every report figure uses over a variant's valid trials. */
final class Median {

  private Median() {}

  /** The median of {@code values}; NaN when there are none. */
  static double of(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
