package dev.djbench.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Erf;

/** Small numeric helpers: log ratios, moments, normal and Student-t quantiles. */
final class LogMath {

  private static final double SQRT2 = Math.sqrt(2.0);

  private LogMath() {}

  /**
   * Per-block log ratios {@code log(candidate[i] / baseline[i])} after checking that both arrays
   * have the same length, at least {@code minBlocks} elements, and only positive finite values.
   */
  static double[] logRatios(double[] baseline, double[] candidate, int minBlocks) {
    Args.positiveFiniteValues("baseline", baseline);
    Args.positiveFiniteValues("candidate", candidate);
    if (baseline.length != candidate.length) {
      throw new IllegalArgumentException(
          "candidate.length must equal baseline.length="
              + baseline.length
              + ", was "
              + candidate.length);
    }
    if (baseline.length < minBlocks) {
      throw new IllegalArgumentException(
          "baseline.length (blocks) must be >= " + minBlocks + ", was " + baseline.length);
    }
    double[] logs = new double[baseline.length];
    for (int i = 0; i < logs.length; i++) {
      logs[i] = Math.log(candidate[i] / baseline[i]);
    }
    return logs;
  }

  static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  /** Sample standard deviation (n - 1 denominator); 0 for fewer than two values. */
  static double sampleSd(double[] values) {
    if (values.length < 2) {
      return 0;
    }
    double m = mean(values);
    double ss = 0;
    for (double v : values) {
      ss += (v - m) * (v - m);
    }
    return Math.sqrt(ss / (values.length - 1));
  }

  static boolean allEqual(double[] values) {
    for (double v : values) {
      if (Double.compare(v, values[0]) != 0) {
        return false;
      }
    }
    return true;
  }

  /** Standard normal cumulative distribution function, accurate in the far tails. */
  static double normalCdf(double x) {
    return 0.5 * Erf.erfc(-x / SQRT2);
  }

  /** Standard normal quantile for p in (0, 1). */
  static double normalQuantile(double p) {
    return SQRT2 * Erf.erfInv(2 * p - 1);
  }

  /** Upper quantile {@code t_{df}(p)} of Student's t distribution with {@code df >= 1}. */
  static double studentQuantile(int df, double p) {
    return new TDistribution(null, df, 1e-12).inverseCumulativeProbability(p);
  }

  /**
   * Upper quantile {@code t_{df}(p)} of Student's t distribution with a fractional {@code df >= 1}
   * (Welch–Satterthwaite degrees of freedom).
   */
  static double studentQuantile(double df, double p) {
    return new TDistribution(null, df, 1e-12).inverseCumulativeProbability(p);
  }

  /** Linear-interpolation quantile (R type 7) of sorted values; p is clamped to [0, 1]. */
  static double sortedQuantile(double[] sorted, double p) {
    double clamped = Math.min(1, Math.max(0, p));
    double h = (sorted.length - 1) * clamped;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
