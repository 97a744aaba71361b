package dev.djbench.stats;

/**
 * Bootstrap replicates of the log ratio of geometric means of two independent sets of trials, from
 * {@link UnpairedBootstrap#distribution(double[], double[])}. Immutable; intervals at any level
 * come from the same replicates.
 *
 * <p>The interval uses Welch–Satterthwaite degrees of freedom {@code nu}, the standard error {@code
 * sqrt(s_A^2/n_A + s_B^2/n_B)} of the log ratio, and as expansion {@code e = sqrt(unbiased variance
 * / plug-in variance)} of the log ratio (Hesterberg's expansion for two samples, which for one
 * sample is {@code sqrt(n/(n-1))}). The BCa acceleration comes from the empirical influence values
 * of both samples: {@code a = sum L^3 / (6 (sum L^2)^1.5)}, {@code L = +(x - mean)/n} for candidate
 * trials and {@code -(x - mean)/n} for baseline trials, on the log scale.
 */
public final class UnpairedDistribution extends LogRatioDistribution {

  private final int baselineTrials;
  private final int candidateTrials;
  private final double standardError;
  private final double welchDf;
  private final double expansion;

  UnpairedDistribution(
      double[] logBaseline,
      double[] logCandidate,
      double[] sortedReplicates,
      BootstrapRatio.Method method) {
    super(
        sortedReplicates,
        method,
        LogMath.mean(logCandidate) - LogMath.mean(logBaseline),
        constant(logBaseline, logCandidate),
        constant(logBaseline, logCandidate) ? 0 : acceleration(logBaseline, logCandidate));
    this.baselineTrials = logBaseline.length;
    this.candidateTrials = logCandidate.length;
    double vA = square(LogMath.sampleSd(logBaseline)) / baselineTrials;
    double vB = square(LogMath.sampleSd(logCandidate)) / candidateTrials;
    boolean degenerate = constant(logBaseline, logCandidate);
    this.standardError = Math.sqrt(vA + vB);
    double welchDenominator =
        square(vA) / (baselineTrials - 1) + square(vB) / (candidateTrials - 1);
    this.welchDf = degenerate ? 1 : Math.max(1, square(vA + vB) / welchDenominator);
    // The bootstrap sees each side's plug-in variance s²(n-1)/n, too small with few trials; scaling
    // the percentile positions by the ratio of unbiased to plug-in variance is Hesterberg's
    // expansion for two samples.
    double plugIn =
        vA * (baselineTrials - 1) / baselineTrials + vB * (candidateTrials - 1) / candidateTrials;
    this.expansion = degenerate ? 1 : Math.sqrt((vA + vB) / plugIn);
  }

  /** Number of baseline trials. */
  public int baselineTrials() {
    return baselineTrials;
  }

  /** Number of candidate trials. */
  public int candidateTrials() {
    return candidateTrials;
  }

  /** Log of {@link #ratio()}: the difference of the mean logs. */
  public double logRatio() {
    return estimateLog();
  }

  /** Welch–Satterthwaite degrees of freedom of the log ratio's standard error ({@code >= 1}). */
  @Override
  public double degreesOfFreedom() {
    return welchDf;
  }

  @Override
  double expansion() {
    return expansion;
  }

  @Override
  double standardErrorLog() {
    return standardError;
  }

  private static boolean constant(double[] logBaseline, double[] logCandidate) {
    return LogMath.sampleSd(logBaseline) == 0 && LogMath.sampleSd(logCandidate) == 0;
  }

  private static double acceleration(double[] logBaseline, double[] logCandidate) {
    double[] cubeAndSquare = new double[2];
    addInfluence(logCandidate, 1, cubeAndSquare);
    addInfluence(logBaseline, -1, cubeAndSquare);
    return cubeAndSquare[1] == 0 ? 0 : cubeAndSquare[0] / (6 * Math.pow(cubeAndSquare[1], 1.5));
  }

  private static void addInfluence(double[] values, int sign, double[] cubeAndSquare) {
    double mean = LogMath.mean(values);
    for (double v : values) {
      double influence = sign * (v - mean) / values.length;
      cubeAndSquare[0] += influence * influence * influence;
      cubeAndSquare[1] += influence * influence;
    }
  }

  private static double square(double x) {
    return x * x;
  }
}
