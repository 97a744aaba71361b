package dev.djbench.stats;

/**
 * Three-way verdict for a ratio interval B/A with a practical threshold {@code delta}.
 *
 * <p>The no-change zone is {@code [1/(1+delta), 1+delta]}, symmetric on the log scale: {@code |log
 * r| <= log(1+delta)}. For an interval {@code [L, U]} of the ratio:
 *
 * <ul>
 *   <li>{@link Verdict#FASTER} if {@code U < 1/(1+delta)};
 *   <li>{@link Verdict#SLOWER} if {@code L > 1+delta};
 *   <li>{@link Verdict#NO_CHANGE} if {@code 1/(1+delta) <= L} and {@code U <= 1+delta};
 *   <li>{@link Verdict#INCONCLUSIVE} otherwise.
 * </ul>
 *
 * With {@code delta = 0} the zone is the single point 1.
 */
public record VerdictRule(double delta) {

  /** Smallest alpha {@link #verdictPValue(RatioDistribution)} resolves. */
  public static final double MIN_P_VALUE = 1e-8;

  /**
   * @param delta practical threshold as a fraction, {@code 0 <= delta < 1} (0.05 = 5%)
   * @throws IllegalArgumentException if {@code delta} is outside [0, 1)
   */
  public VerdictRule {
    if (!(delta >= 0 && delta < 1)) {
      throw new IllegalArgumentException("delta must be in [0, 1), was " + delta);
    }
  }

  /** Lower end of the no-change zone, {@code 1/(1+delta)}. */
  public double lowerBound() {
    return 1 / (1 + delta);
  }

  /** Upper end of the no-change zone, {@code 1+delta}. */
  public double upperBound() {
    return 1 + delta;
  }

  /**
   * Decides from a confidence interval of the ratio B/A.
   *
   * @param ratioInterval interval of B/A; not null
   * @throws IllegalArgumentException if {@code ratioInterval} is null
   */
  public Verdict decide(Interval ratioInterval) {
    Args.notNull("ratioInterval", ratioInterval);
    if (ratioInterval.upper() < lowerBound()) {
      return Verdict.FASTER;
    }
    if (ratioInterval.lower() > upperBound()) {
      return Verdict.SLOWER;
    }
    if (ratioInterval.lower() >= lowerBound() && ratioInterval.upper() <= upperBound()) {
      return Verdict.NO_CHANGE;
    }
    return Verdict.INCONCLUSIVE;
  }

  /**
   * The "verdict p-value" of a comparison: the smallest {@code alpha} for which the interval at
   * level {@code 1 - alpha} gives a definitive verdict (anything but INCONCLUSIVE). Intervals are
   * nested in the level, so a test at level {@code alpha} is definitive exactly when the p-value is
   * {@code <= alpha}; this is what {@link Holm#gate} adjusts.
   *
   * <p>Found by bisection on {@code log(alpha)}; results are clamped to [{@value #MIN_P_VALUE}, 1],
   * where 1 means no level gives a definitive verdict.
   *
   * @param distribution bootstrap distribution of the comparison (paired or unpaired); not null
   * @throws IllegalArgumentException if {@code distribution} is null
   */
  public double verdictPValue(RatioDistribution distribution) {
    Args.notNull("distribution", distribution);
    double lo = Math.log(MIN_P_VALUE);
    double hi = Math.log(1 - MIN_P_VALUE);
    if (definitive(distribution, lo)) {
      return MIN_P_VALUE;
    }
    if (!definitive(distribution, hi)) {
      return 1;
    }
    for (int i = 0; i < 60; i++) {
      double mid = 0.5 * (lo + hi);
      if (definitive(distribution, mid)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return Math.exp(hi);
  }

  private boolean definitive(RatioDistribution distribution, double logAlpha) {
    return decide(distribution.interval(1 - Math.exp(logAlpha))).isDefinitive();
  }

  @Override
  public String toString() {
    return "VerdictRule[delta=" + delta + ", zone=[" + lowerBound() + ", " + upperBound() + "]]";
  }
}
