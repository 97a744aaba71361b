package dev.djbench.stats;

import java.util.Arrays;

/** The median of per-trial values: what reports show for a variant over its valid trials. */
public final class Median {

  private Median() {}

  /** The median of {@code values}; NaN when there are none. */
  public static double of(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
