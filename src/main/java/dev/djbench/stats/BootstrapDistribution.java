package dev.djbench.stats;

/**
 * Bootstrap replicates of the mean log ratio for one comparison, from {@link
 * BootstrapRatio#distribution(double[], double[])}. Immutable; intervals at any level are derived
 * from the same replicates.
 */
public final class BootstrapDistribution implements RatioDistribution {

  private final double[] logRatios;
  private final double[] sortedReplicates;
  private final BootstrapRatio.Method method;
  private final double meanLog;
  private final double sdLog;
  private final boolean degenerate;
  private final double biasZ0;
  private final double acceleration;

  BootstrapDistribution(
      double[] logRatios, double[] sortedReplicates, BootstrapRatio.Method method) {
    this.logRatios = logRatios;
    this.sortedReplicates = sortedReplicates;
    this.method = method;
    this.degenerate = LogMath.allEqual(logRatios);
    this.meanLog = degenerate ? logRatios[0] : LogMath.mean(logRatios);
    this.sdLog = degenerate ? 0 : LogMath.sampleSd(logRatios);
    this.biasZ0 = degenerate ? 0 : biasCorrection(sortedReplicates, meanLog);
    this.acceleration = degenerate ? 0 : jackknifeAcceleration(logRatios);
  }

  /** Number of blocks. */
  public int blocks() {
    return logRatios.length;
  }

  /** Geometric mean of the block ratios. */
  @Override
  public double ratio() {
    return Math.exp(meanLog);
  }

  /** Mean of the block log ratios. */
  public double meanLogRatio() {
    return meanLog;
  }

  /** Percentile method in use. */
  public BootstrapRatio.Method method() {
    return method;
  }

  /** Copy of the per-block ratios B_i/A_i. */
  public double[] blockRatios() {
    double[] ratios = new double[logRatios.length];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = Math.exp(logRatios[i]);
    }
    return ratios;
  }

  /** Copy of the bootstrap replicates of the mean log ratio, sorted ascending. */
  public double[] sortedReplicates() {
    return sortedReplicates.clone();
  }

  /**
   * Confidence interval for the ratio at the given two-sided level.
   *
   * <p>With {@code n} blocks and {@code alpha = 1 - confidenceLevel}, let {@code z' = sqrt(n/(n-1))
   * * t_{n-1}(1 - alpha/2)}. The bootstrap percentiles are {@code Phi(-z')} and {@code Phi(z')}
   * (PERCENTILE) or the BCa-adjusted {@code Phi(z0 + (z0 -/+ z') / (1 - a (z0 -/+ z')))}. The
   * log-scale interval is then widened, if needed, to contain {@code m +/- t_{n-1}(1 - alpha/2) * s
   * / sqrt(n)}, and exponentiated.
   *
   * @param confidenceLevel two-sided level in (0, 1)
   * @throws IllegalArgumentException if the level is outside (0, 1)
   */
  @Override
  public Interval interval(double confidenceLevel) {
    Args.level("confidenceLevel", confidenceLevel);
    if (degenerate) {
      double r = ratio();
      return new Interval(r, r, confidenceLevel);
    }
    int n = logRatios.length;
    double alpha = 1 - confidenceLevel;
    double t = LogMath.studentQuantile(n - 1, 1 - alpha / 2);
    double z = Math.sqrt(n / (n - 1.0)) * t;
    double pLow;
    double pHigh;
    if (method == BootstrapRatio.Method.BCA) {
      pLow = bcaProbability(-z);
      pHigh = bcaProbability(z);
    } else {
      pLow = LogMath.normalCdf(-z);
      pHigh = LogMath.normalCdf(z);
    }
    double half = t * sdLog / Math.sqrt(n);
    double lowLog = Math.min(LogMath.sortedQuantile(sortedReplicates, pLow), meanLog - half);
    double highLog = Math.max(LogMath.sortedQuantile(sortedReplicates, pHigh), meanLog + half);
    return new Interval(Math.exp(lowLog), Math.exp(highLog), confidenceLevel);
  }

  /**
   * The estimate (ratio, interval, blocks, block ratios) at the given level.
   *
   * @param confidenceLevel two-sided level in (0, 1)
   * @throws IllegalArgumentException if the level is outside (0, 1)
   */
  public RatioEstimate estimate(double confidenceLevel) {
    return new RatioEstimate(ratio(), interval(confidenceLevel), blocks(), blockRatios());
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
    double fraction = (below + 0.5 * equal) / b;
    fraction = Math.min(1 - 0.5 / b, Math.max(0.5 / b, fraction));
    return LogMath.normalQuantile(fraction);
  }

  private static double jackknifeAcceleration(double[] logs) {
    int n = logs.length;
    double sum = 0;
    for (double v : logs) {
      sum += v;
    }
    double[] leaveOneOut = new double[n];
    for (int i = 0; i < n; i++) {
      leaveOneOut[i] = (sum - logs[i]) / (n - 1);
    }
    double jackMean = LogMath.mean(leaveOneOut);
    double num = 0;
    double den = 0;
    for (double v : leaveOneOut) {
      double d = jackMean - v;
      num += d * d * d;
      den += d * d;
    }
    return den == 0 ? 0 : num / (6 * Math.pow(den, 1.5));
  }
}
