package dev.djbench.stats;

/**
 * How far a ratio of geometric means can be from the one measured when every value was read on a
 * coarse clock: the range that a bootstrap interval must never be narrower than.
 *
 * <p>The load generator's clock counts whole milliseconds, so a trial's client p50 of 7 ms stands
 * for a true percentile anywhere within half a step of it, 6.5 to 7.5 ms. That error does not
 * average out over blocks: on a steady machine a true 7.45 ms against a true 7.6 ms can read 7
 * against 8 in every block, and a bootstrap of identical block ratios would then report ×1.14 with
 * a zero-width interval. This bound keeps such an interval honest: with every value {@code v} known
 * only to within {@code ±tolerance}, the ratio of geometric means candidate/baseline lies in
 *
 * <pre>
 *   [ exp(mean log(b - t) - mean log(a + t)),  exp(mean log(b + t) - mean log(a - t)) ]
 * </pre>
 *
 * which, for the paired blocks of one run, is the geometric mean of the per-block ratio bounds
 * {@code (b_i - t)/(a_i + t)} and {@code (b_i + t)/(a_i - t)}. An interval is widened to contain
 * this range; it is never narrowed.
 *
 * @param lower the smallest ratio the values allow, {@code >= 0}
 * @param upper the largest, {@code >= lower}; infinite when a baseline value is within the
 *     tolerance of zero
 */
public record ResolutionBound(double lower, double upper) {

  public ResolutionBound {
    if (!(lower >= 0) || !(upper >= lower)) {
      throw new IllegalArgumentException(
          "a resolution bound needs 0 <= lower <= upper, was [" + lower + ", " + upper + "]");
    }
  }

  /** The bound of values read exactly: no widening. */
  public static final ResolutionBound EXACT = new ResolutionBound(0, 0);

  /**
   * The bound for baseline values {@code a} and candidate values {@code b}, each known to within
   * {@code ±tolerance}.
   *
   * @param tolerance half the clock's step, in the values' unit, {@code >= 0}; 0 gives {@link
   *     #EXACT}
   * @throws IllegalArgumentException when a set is empty, a value is not positive, or the tolerance
   *     is negative or NaN
   */
  public static ResolutionBound of(double[] a, double[] b, double tolerance) {
    Args.notNull("a", a);
    Args.notNull("b", b);
    if (!(tolerance >= 0)) {
      throw new IllegalArgumentException("tolerance must be >= 0, was " + tolerance);
    }
    if (a.length == 0 || b.length == 0) {
      throw new IllegalArgumentException(
          "a resolution bound needs values on both sides, had " + a.length + " and " + b.length);
    }
    for (double[] values : new double[][] {a, b}) {
      for (int i = 0; i < values.length; i++) {
        if (!(values[i] > 0)) {
          throw new IllegalArgumentException(
              "values must be > 0, value " + i + " was " + values[i]);
        }
      }
    }
    if (tolerance == 0) {
      return EXACT;
    }
    double lower = Math.exp(meanLog(b, -tolerance) - meanLog(a, tolerance));
    double upper = Math.exp(meanLog(b, tolerance) - meanLog(a, -tolerance));
    return new ResolutionBound(lower, upper);
  }

  /** Mean of {@code log(v + shift)}; minus infinity when a shifted value is not positive. */
  private static double meanLog(double[] values, double shift) {
    double sum = 0;
    for (double v : values) {
      double shifted = v + shift;
      if (shifted <= 0) {
        return Double.NEGATIVE_INFINITY;
      }
      sum += Math.log(shifted);
    }
    return sum / values.length;
  }

  /** Whether this bound widens nothing. */
  public boolean isExact() {
    return this.equals(EXACT);
  }

  /** {@code interval}, widened where needed to contain this bound; its level is kept. */
  public Interval widen(Interval interval) {
    if (isExact()) {
      return interval;
    }
    return new Interval(
        Math.min(interval.lower(), lower),
        Math.max(interval.upper(), upper),
        interval.confidenceLevel());
  }

  /** {@code distribution} with every interval it gives widened by this bound. */
  public RatioDistribution around(RatioDistribution distribution) {
    if (isExact()) {
      return distribution;
    }
    return new RatioDistribution() {
      @Override
      public double ratio() {
        return distribution.ratio();
      }

      @Override
      public Interval interval(double confidenceLevel) {
        return widen(distribution.interval(confidenceLevel));
      }
    };
  }
}
