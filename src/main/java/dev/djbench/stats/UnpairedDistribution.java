package dev.djbench.stats;

/**
 * Bootstrap replicates of the log ratio of geometric means of two independent sets of trials, from
 * {@link UnpairedBootstrap#distribution(double[], double[])}. Immutable; intervals at any level
 * come from the same replicates.
 */
public final class UnpairedDistribution implements RatioDistribution {

  private final int baselineTrials;
  private final int candidateTrials;
  private final double[] sortedReplicates;
  private final BootstrapRatio.Method method;
  private final double logRatio;
  private final boolean degenerate;
  private final double standardError;
  private final double welchDf;
  private final double expansion;
  private final double biasZ0;
  private final double acceleration;

  UnpairedDistribution(
      double[] logBaseline,
      double[] logCandidate,
      double[] sortedReplicates,
      BootstrapRatio.Method method) {
    this.baselineTrials = logBaseline.length;
    this.candidateTrials = logCandidate.length;
    this.sortedReplicates = sortedReplicates;
    this.method = method;
    this.logRatio = LogMath.mean(logCandidate) - LogMath.mean(logBaseline);
    double varianceA = square(LogMath.sampleSd(logBaseline));
    double varianceB = square(LogMath.sampleSd(logCandidate));
    this.degenerate = varianceA == 0 && varianceB == 0;
    double vA = varianceA / baselineTrials;
    double vB = varianceB / candidateTrials;
    this.standardError = Math.sqrt(vA + vB);
    double welchDenominator =
        square(vA) / (baselineTrials - 1) + square(vB) / (candidateTrials - 1);
    this.welchDf = degenerate ? 1 : Math.max(1, square(vA + vB) / welchDenominator);
    // The bootstrap sees each side's plug-in variance s²(n-1)/n, too small with few trials; scaling
    // the
    // percentile positions by the ratio of unbiased to plug-in variance is Hesterberg's expansion
    // for two samples.
    double plugIn =
        vA * (baselineTrials - 1) / baselineTrials + vB * (candidateTrials - 1) / candidateTrials;
    this.expansion = degenerate ? 1 : Math.sqrt((vA + vB) / plugIn);
    this.biasZ0 = degenerate ? 0 : biasCorrection(sortedReplicates, logRatio);
    this.acceleration = degenerate ? 0 : acceleration(logBaseline, logCandidate);
  }

  /** Number of baseline trials. */
  public int baselineTrials() {
    return baselineTrials;
  }

  /** Number of candidate trials. */
  public int candidateTrials() {
    return candidateTrials;
  }

  /** Ratio of the geometric means, candidate/baseline. */
  @Override
  public double ratio() {
    return Math.exp(logRatio);
  }

  /** Log of {@link #ratio()}: the difference of the mean logs. */
  public double logRatio() {
    return logRatio;
  }

  /** Percentile method in use. */
  public BootstrapRatio.Method method() {
    return method;
  }

  /** Welch–Satterthwaite degrees of freedom of the log ratio's standard error ({@code >= 1}). */
  public double degreesOfFreedom() {
    return welchDf;
  }

  /** Copy of the bootstrap replicates of the log ratio, sorted ascending. */
  public double[] sortedReplicates() {
    return sortedReplicates.clone();
  }

  /**
   * Confidence interval for the ratio at the given two-sided level.
   *
   * <p>With {@code alpha = 1 - confidenceLevel}, Welch degrees of freedom {@code nu} and {@code t =
   * t_nu(1 - alpha/2)}, the percentile positions use {@code z' = e * t}, where {@code e =
   * sqrt(unbiased variance / plug-in variance)} of the log ratio (Hesterberg's expansion, which for
   * one sample is {@code sqrt(n/(n-1))}): {@code Phi(-/+ z')} (PERCENTILE) or the BCa map {@code
   * Phi(z0 + (z0 -/+ z') / (1 - a (z0 -/+ z')))}, with {@code z0} from the share of replicates
   * below the estimate and {@code a} from the empirical influence values of both samples ({@code a
   * = sum L^3 / (6 (sum L^2)^1.5)}, {@code L = +(x - mean)/n} for candidate trials and {@code -(x -
   * mean)/n} for baseline trials, on the log scale). The log interval is then widened, if needed,
   * to contain Welch's interval {@code d +/- t * sqrt(s_A^2/n_A + s_B^2/n_B)}: a bootstrap of a few
   * trials cannot reach beyond its extreme values. When both sets are constant the interval is the
   * point estimate.
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
    double alpha = 1 - confidenceLevel;
    double t = LogMath.studentQuantile(welchDf, 1 - alpha / 2);
    double z = expansion * t;
    double pLow;
    double pHigh;
    if (method == BootstrapRatio.Method.BCA) {
      pLow = bcaProbability(-z);
      pHigh = bcaProbability(z);
    } else {
      pLow = LogMath.normalCdf(-z);
      pHigh = LogMath.normalCdf(z);
    }
    double half = t * standardError;
    double lowLog = Math.min(LogMath.sortedQuantile(sortedReplicates, pLow), logRatio - half);
    double highLog = Math.max(LogMath.sortedQuantile(sortedReplicates, pHigh), logRatio + half);
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
