package dev.djbench.stats;

/**
 * A bootstrap distribution of a ratio candidate/baseline, from which a confidence interval can be
 * read at any level. Intervals must be nested in the level (a higher level never gives a narrower
 * interval): the verdict p-value of {@link VerdictRule#verdictPValue(RatioDistribution)} relies on
 * it.
 *
 * <p>Two kinds exist: {@link BootstrapDistribution} (paired: per-block ratios of one interleaved
 * run) and {@link UnpairedDistribution} (two independent sets of trials, e.g. a stored baseline run
 * and a new run).
 */
public interface RatioDistribution {

  /** The point estimate of the ratio candidate/baseline, {@code > 0}. */
  double ratio();

  /**
   * The confidence interval of the ratio at a two-sided level.
   *
   * @param confidenceLevel two-sided level in (0, 1)
   * @throws IllegalArgumentException if the level is outside (0, 1)
   */
  Interval interval(double confidenceLevel);
}
