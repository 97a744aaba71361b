package dev.djbench.stats;

import java.util.Arrays;

/**
 * Effect of a candidate B against a baseline A for one metric: the geometric mean of the per-block
 * ratios {@code B_i / A_i} with its confidence interval.
 *
 * <p>Immutable: the array is copied on the way in and on the way out. {@code equals}/{@code
 * hashCode} compare the array by content.
 *
 * @param ratio geometric mean of the block ratios, {@code exp(mean(log(B_i/A_i)))}; &gt; 0 and
 *     finite
 * @param interval confidence interval for the ratio; not null
 * @param blocks number of blocks; {@code >= 1} and equal to {@code blockRatios.length}
 * @param blockRatios per-block ratios {@code B_i / A_i}; each &gt; 0 and finite
 * @throws IllegalArgumentException if an argument is outside its range
 */
public record RatioEstimate(double ratio, Interval interval, int blocks, double[] blockRatios) {

  public RatioEstimate {
    Args.positiveFinite("ratio", ratio);
    Args.notNull("interval", interval);
    Args.atLeast("blocks", blocks, 1);
    blockRatios = Args.positiveFiniteValues("blockRatios", blockRatios).clone();
    if (blockRatios.length != blocks) {
      throw new IllegalArgumentException(
          "blockRatios.length must equal blocks=" + blocks + ", was " + blockRatios.length);
    }
  }

  /** Returns a copy of the per-block ratios. */
  @Override
  public double[] blockRatios() {
    return blockRatios.clone();
  }

  /**
   * Relative change in percent, {@code (ratio - 1) * 100}; negative means the candidate is faster.
   */
  public double changePercent() {
    return (ratio - 1) * 100;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RatioEstimate that
        && Double.compare(ratio, that.ratio) == 0
        && interval.equals(that.interval)
        && blocks == that.blocks
        && Arrays.equals(blockRatios, that.blockRatios);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * Double.hashCode(ratio) + interval.hashCode()) + blocks)
        + Arrays.hashCode(blockRatios);
  }

  @Override
  public String toString() {
    return "RatioEstimate[ratio="
        + ratio
        + ", interval="
        + interval
        + ", blocks="
        + blocks
        + ", blockRatios="
        + Arrays.toString(blockRatios)
        + "]";
  }
}
