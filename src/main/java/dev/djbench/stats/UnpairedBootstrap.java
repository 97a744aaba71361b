package dev.djbench.stats;

import java.util.Arrays;
import org.apache.commons.math3.random.Well19937c;

/**
 * Bootstrap confidence intervals for the ratio of geometric means of two independent sets of
 * trials, candidate/baseline: {@code exp(mean(log B_j) - mean(log A_i))}.
 *
 * <p>For comparisons without pairing, such as a candidate measured today against a baseline run
 * stored earlier: there are no blocks to pair, so the two sets are resampled <em>independently</em>
 * (each with replacement, at its own size), {@code resamples} times, with a {@link Well19937c}
 * generator seeded afresh with {@code seed} on every call (the same inputs always give the same
 * interval). See {@link UnpairedDistribution#interval(double)} for how the interval is read.
 *
 * <p>Unpaired comparisons are weaker than the paired ones of {@link BootstrapRatio}: drift of the
 * machine between the two sets is not cancelled by pairing and appears as an effect.
 */
public final class UnpairedBootstrap {

  /** Fewest trials on each side: a side's spread cannot be estimated from one value. */
  public static final int MIN_TRIALS = 2;

  private final int resamples;
  private final long seed;
  private final BootstrapRatio.Method method;

  /**
   * Bootstrap with the default {@link BootstrapRatio.Method#BCA} method.
   *
   * @param resamples number of bootstrap resamples, {@code >= 1000}
   * @param seed seed of the random generator (any value)
   * @throws IllegalArgumentException if {@code resamples < 1000}
   */
  public UnpairedBootstrap(int resamples, long seed) {
    this(resamples, seed, BootstrapRatio.Method.BCA);
  }

  /**
   * @param resamples number of bootstrap resamples, {@code >= 1000}
   * @param seed seed of the random generator (any value)
   * @param method percentile method; not null
   * @throws IllegalArgumentException if {@code resamples < 1000} or {@code method} is null
   */
  public UnpairedBootstrap(int resamples, long seed, BootstrapRatio.Method method) {
    this.resamples = Args.atLeast("resamples", resamples, BootstrapRatio.MIN_RESAMPLES);
    this.seed = seed;
    this.method = Args.notNull("method", method);
  }

  /**
   * Whether sets of these sizes are enough for an interval: {@value #MIN_TRIALS} or more on each
   * side.
   */
  public static boolean enoughTrials(int baselineTrials, int candidateTrials) {
    return baselineTrials >= MIN_TRIALS && candidateTrials >= MIN_TRIALS;
  }

  /**
   * Resamples both sets and returns the distribution of the log ratio of geometric means.
   *
   * @param baseline per-trial values of A; length {@code >= 2}; every value &gt; 0 and finite
   * @param candidate per-trial values of B; length {@code >= 2} (need not equal baseline's); every
   *     value &gt; 0 and finite
   * @throws IllegalArgumentException naming the array, index and value on a bad element, or the
   *     array with fewer than {@value #MIN_TRIALS} values
   */
  public UnpairedDistribution distribution(double[] baseline, double[] candidate) {
    double[] logA = logs("baseline", baseline);
    double[] logB = logs("candidate", candidate);
    double[] replicates = new double[resamples];
    Well19937c rng = new Well19937c(seed);
    for (int r = 0; r < resamples; r++) {
      replicates[r] = resampledMean(logB, rng) - resampledMean(logA, rng);
    }
    Arrays.sort(replicates);
    return new UnpairedDistribution(logA, logB, replicates, method);
  }

  private static double resampledMean(double[] values, Well19937c rng) {
    int n = values.length;
    double sum = 0;
    for (int j = 0; j < n; j++) {
      sum += values[rng.nextInt(n)];
    }
    return sum / n;
  }

  private static double[] logs(String name, double[] values) {
    Args.positiveFiniteValues(name, values);
    if (values.length < MIN_TRIALS) {
      throw new IllegalArgumentException(
          name + ".length (trials) must be >= " + MIN_TRIALS + ", was " + values.length);
    }
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Math.log(values[i]);
    }
    return out;
  }
}
