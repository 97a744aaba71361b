package dev.djbench.stats;

/**
 * When to look at the data while blocks accumulate, and at which confidence level.
 *
 * <p>A look happens after every block from {@code max(minBlocks, 2)} to {@code maxBlocks} (one
 * block cannot give an interval). With {@code K = looks()} looks, each look uses the Bonferroni
 * level {@code 1 - alpha/K}. Because every wrong verdict (a FASTER/SLOWER claim when the true ratio
 * is not beyond the threshold in that direction, or a NO_CHANGE claim when it is outside the zone)
 * requires the interval at some look to miss the true ratio, the probability of any wrong verdict
 * over the whole sequence is at most {@code K * alpha/K = alpha}, whatever the dependence between
 * looks.
 *
 * <p>{@code minBlocks = 1} is allowed for smoke runs: with {@code maxBlocks = 1} there are no looks
 * and the verdict is always INCONCLUSIVE.
 *
 * @param minBlocks blocks before the first look, {@code >= 1}
 * @param maxBlocks cap on blocks, {@code >= minBlocks}
 * @param alpha error rate over all looks, in (0, 1), e.g. 0.05
 * @throws IllegalArgumentException if an argument is outside its range
 */
public record SequentialPlan(int minBlocks, int maxBlocks, double alpha) {

  public SequentialPlan {
    Args.atLeast("minBlocks", minBlocks, 1);
    Args.atLeast("maxBlocks", maxBlocks, minBlocks);
    Args.level("alpha", alpha);
  }

  /**
   * Number of looks {@code K = maxBlocks - max(minBlocks, 2) + 1}, or 0 when {@code maxBlocks < 2}.
   */
  public int looks() {
    return Math.max(0, maxBlocks - firstLook() + 1);
  }

  /** Per-look error rate {@code alpha / max(1, looks())}: what each look may spend. */
  public double alphaPerLook() {
    return alpha / Math.max(1, looks());
  }

  /** Per-look confidence level {@code 1 - alpha / max(1, looks())}. */
  public double confidenceLevelAtLook() {
    return 1 - alphaPerLook();
  }

  /**
   * Whether a look happens after {@code blocksDone} blocks.
   *
   * @param blocksDone blocks completed, {@code >= 0}
   * @throws IllegalArgumentException if {@code blocksDone < 0}
   */
  public boolean isLook(int blocksDone) {
    Args.atLeast("blocksDone", blocksDone, 0);
    return blocksDone >= firstLook() && blocksDone <= maxBlocks;
  }

  /**
   * Whether no further blocks may be run, i.e. {@code blocksDone >= maxBlocks}.
   *
   * @param blocksDone blocks completed, {@code >= 0}
   * @throws IllegalArgumentException if {@code blocksDone < 0}
   */
  public boolean exhausted(int blocksDone) {
    Args.atLeast("blocksDone", blocksDone, 0);
    return blocksDone >= maxBlocks;
  }

  private int firstLook() {
    return Math.max(minBlocks, 2);
  }
}
