package dev.djbench.stats;

/**
 * What the paired and the unpaired bootstrap share: sorted replicates of a log ratio, the BCa
 * method's bias correction {@code z0} and acceleration {@code a}, and the interval formed from
 * them. Immutable.
 *
 * <p>With {@code alpha = 1 - confidenceLevel}, {@code nu} degrees of freedom and {@code t = t_nu(1
 * - alpha/2)}, the percentile positions use {@code z' = e * t}, where {@code e} is the subclass's
 * expansion of the plug-in variance the bootstrap sees to the unbiased one (Hesterberg): {@code
 * Phi(-/+ z')} (PERCENTILE) or the BCa map {@code Phi(z0 + (z0 -/+ z') / (1 - a (z0 -/+ z')))},
 * {@code z0} from the share of replicates below the estimate. The log interval is then widened, if
 * needed, to contain the t interval {@code d +/- t * se} (a bootstrap of a few blocks cannot reach
 * beyond its extreme values), and exponentiated. When the data are constant the interval is the
 * point estimate.
 */
abstract sealed class LogRatioDistribution implements RatioDistribution
    permits BootstrapDistribution, UnpairedDistribution {

  private final double[] sortedReplicates;
  private final BootstrapRatio.Method method;
  private final double estimateLog;
  private final boolean degenerate;
  private final double biasZ0;
  private final double acceleration;

  /**
   * @param sortedReplicates the replicates of the log ratio, sorted ascending (kept, not copied)
   * @param method the percentile method
   * @param estimateLog the point estimate on the log scale
   * @param degenerate whether the data are constant, so that the interval is the point
   * @param acceleration the BCa acceleration {@code a} (ignored by the percentile method)
   */
  LogRatioDistribution(
      double[] sortedReplicates,
      BootstrapRatio.Method method,
      double estimateLog,
      boolean degenerate,
      double acceleration) {
    this.sortedReplicates = sortedReplicates;
    this.method = method;
    this.estimateLog = estimateLog;
    this.degenerate = degenerate;
    this.biasZ0 = degenerate ? 0 : biasCorrection(sortedReplicates, estimateLog);
    this.acceleration = degenerate ? 0 : acceleration;
  }

  /** Degrees of freedom of the t quantile ({@code >= 1}). */
  public abstract double degreesOfFreedom();

  /** The expansion {@code e} of the percentile positions. */
  abstract double expansion();

  /** The standard error of the log estimate. */
  abstract double standardErrorLog();

  /** The point estimate of the ratio, {@code exp} of the log estimate. */
  @Override
  public final double ratio() {
    return Math.exp(estimateLog);
  }

  /** The point estimate on the log scale. */
  final double estimateLog() {
    return estimateLog;
  }

  /** Percentile method in use. */
  public final BootstrapRatio.Method method() {
    return method;
  }

  /** Copy of the bootstrap replicates of the log ratio, sorted ascending. */
  public final double[] sortedReplicates() {
    return sortedReplicates.clone();
  }

  /**
   * Confidence interval for the ratio at the given two-sided level (see the class comment).
   *
   * @param confidenceLevel two-sided level in (0, 1)
   * @throws IllegalArgumentException if the level is outside (0, 1)
   */
  @Override
  public final Interval interval(double confidenceLevel) {
    Args.level("confidenceLevel", confidenceLevel);
    if (degenerate) {
      double r = ratio();
      return new Interval(r, r, confidenceLevel);
    }
    double alpha = 1 - confidenceLevel;
    double t = LogMath.studentQuantile(degreesOfFreedom(), 1 - alpha / 2);
    double z = expansion() * t;
    double half = t * standardErrorLog();
    double pLow;
    double pHigh;
    if (method == BootstrapRatio.Method.BCA) {
      pLow = bcaProbability(-z);
      pHigh = bcaProbability(z);
    } else {
      pLow = LogMath.normalCdf(-z);
      pHigh = LogMath.normalCdf(z);
    }
    double lowLog = Math.min(LogMath.sortedQuantile(sortedReplicates, pLow), estimateLog - half);
    double highLog = Math.max(LogMath.sortedQuantile(sortedReplicates, pHigh), estimateLog + half);
    return new Interval(Math.exp(lowLog), Math.exp(highLog), confidenceLevel);
  }

  private double bcaProbability(double z) {
    double shifted = biasZ0 + z;
    double denominator = 1 - acceleration * shifted;
    if (denominator <= 0) {
      // Past the pole of the BCa map the percentile saturates at the matching end.
      return z < 0 ? 0 : 1;
    }
    return LogMath.normalCdf(biasZ0 + shifted / denominator);
  }

  /** {@code z0}: the normal quantile of the share of replicates below the estimate. */
  private static double biasCorrection(double[] sorted, double estimate) {
    int below = 0;
    int equal = 0;
    for (double r : sorted) {
      if (r < estimate) {
        below++;
      } else if (r == estimate) {
        equal++;
      }
    }
    double b = sorted.length;
    double fraction = Math.min(1 - 0.5 / b, Math.max(0.5 / b, (below + 0.5 * equal) / b));
    return LogMath.normalQuantile(fraction);
  }
}
