package dev.djbench.stats;

import java.util.Arrays;

/** The median of per-trial values: what reports show for a variant over its valid trials. */
public final class Median {

  private Median() {}

  /** The median of {@code values}, NaN ones left out; NaN when there are none but NaN. */
  public static double of(double[] values) {
    double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
