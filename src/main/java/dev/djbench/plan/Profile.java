package dev.djbench.plan;

/**
 * How long and how often trials run. Chosen per run ({@code --profile}); the measurement contract
 * is the same in every profile, only the time spent buying precision changes.
 */
public enum Profile {
  /** For tests: one short block, enough to see the machinery work, never enough for a verdict. */
  SMOKE(2, 1, 1, 1),
  /** The default and the CI gate's: minutes for a suite. */
  QUICK(5, 2, 3, 8),
  /** Before a release. */
  FULL(15, 3, 6, 20);

  private final int trialSeconds;
  private final int warmupSeconds;
  private final int minBlocks;
  private final int maxBlocks;

  Profile(int trialSeconds, int warmupSeconds, int minBlocks, int maxBlocks) {
    this.trialSeconds = trialSeconds;
    this.warmupSeconds = warmupSeconds;
    this.minBlocks = minBlocks;
    this.maxBlocks = maxBlocks;
  }

  /** Length of each trial's measured window. */
  public int trialSeconds() {
    return trialSeconds;
  }

  /** Warm-up before each trial, unless the scenario sets its own. */
  public int warmupSeconds() {
    return warmupSeconds;
  }

  /** Blocks always run. */
  public int minBlocks() {
    return minBlocks;
  }

  /** Blocks run at most, while a comparison stays inconclusive. */
  public int maxBlocks() {
    return maxBlocks;
  }

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
