package dev.djbench.stats;

/**
 * Bootstrap replicates of the mean log ratio for one comparison, from {@link
 * BootstrapRatio#distribution(double[], double[])}. Immutable; intervals at any level are derived
 * from the same replicates.
 *
 * <p>With {@code n} blocks the interval uses {@code t_{n-1}}, the expansion {@code sqrt(n/(n-1))}
 * and the standard error {@code s / sqrt(n)} of the block log ratios; the BCa acceleration comes
 * from the jackknife of the mean.
 */
public final class BootstrapDistribution extends LogRatioDistribution {

  private final double[] logRatios;
  private final double sdLog;

  BootstrapDistribution(
      double[] logRatios, double[] sortedReplicates, BootstrapRatio.Method method) {
    super(
        sortedReplicates,
        method,
        LogMath.allEqual(logRatios) ? logRatios[0] : LogMath.mean(logRatios),
        LogMath.allEqual(logRatios),
        LogMath.allEqual(logRatios) ? 0 : jackknifeAcceleration(logRatios));
    this.logRatios = logRatios;
    this.sdLog = LogMath.allEqual(logRatios) ? 0 : LogMath.sampleSd(logRatios);
  }

  /** Number of blocks. */
  public int blocks() {
    return logRatios.length;
  }

  /** Mean of the block log ratios. */
  public double meanLogRatio() {
    return estimateLog();
  }

  /** {@code n - 1}. */
  @Override
  public double degreesOfFreedom() {
    return logRatios.length - 1;
  }

  @Override
  double expansion() {
    int n = logRatios.length;
    return Math.sqrt(n / (n - 1.0));
  }

  @Override
  double standardErrorLog() {
    return sdLog / Math.sqrt(logRatios.length);
  }

  /** Copy of the per-block ratios B_i/A_i. */
  public double[] blockRatios() {
    double[] ratios = new double[logRatios.length];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = Math.exp(logRatios[i]);
    }
    return ratios;
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
