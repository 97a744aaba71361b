package dev.djbench.stats;

/**
 * Whether an inconclusive comparison can still reach a verdict in the blocks that are left.
 *
 * <p>The projection keeps the interval's centre where it is (on the log scale) and shrinks its
 * half-width as {@code 1/sqrt(blocks)}: {@code h' = h * sqrt(blocksRun / maxBlocks)}, the width the
 * same spread of block ratios would give after all {@code maxBlocks} blocks, at the same per-look
 * level. The comparison is futile when even that interval would neither lie beyond the no-change
 * zone nor inside it: its centre sits too close to the zone's edge for the data the plan may still
 * collect.
 *
 * <p>Stopping for futility only ever ends an experiment with an <em>inconclusive</em> verdict, so
 * it cannot raise the rate of wrong FASTER, SLOWER or NO_CHANGE verdicts that {@link
 * SequentialPlan} bounds; what it costs is the chance that the centre would have drifted far enough
 * to settle. It is not used where detection is the point (the CI gate runs its blocks).
 */
public final class Futility {

  private Futility() {}

  /**
   * @param rule the comparison's threshold
   * @param interval its current interval of the ratio, at the per-look level
   * @param blocksRun blocks the interval comes from, {@code >= 1}
   * @param maxBlocks the plan's cap, {@code >= blocksRun}
   * @return whether the projected interval after {@code maxBlocks} blocks is still inconclusive
   */
  public static boolean futile(VerdictRule rule, Interval interval, int blocksRun, int maxBlocks) {
    Args.notNull("rule", rule);
    Args.notNull("interval", interval);
    Args.atLeast("blocksRun", blocksRun, 1);
    Args.atLeast("maxBlocks", maxBlocks, blocksRun);
    if (!(interval.lower() > 0) || !(interval.upper() > 0)) {
      return false;
    }
    double lo = Math.log(interval.lower());
    double hi = Math.log(interval.upper());
    double centre = (lo + hi) / 2;
    double half = (hi - lo) / 2 * Math.sqrt((double) blocksRun / maxBlocks);
    Interval projected =
        new Interval(Math.exp(centre - half), Math.exp(centre + half), interval.confidenceLevel());
    return !rule.decide(projected).isDefinitive();
  }
}
