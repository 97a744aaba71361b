package dev.djbench.stats;

/**
 * Whether an inconclusive comparison can still reach a verdict in the blocks that are left.
 *
 * <p>The projection keeps the interval's centre where it is (on the log scale) and gives it the
 * half-width the same spread of block ratios would give after all {@code maxBlocks} blocks, at the
 * same per-look level. A comparison's interval ({@link BootstrapRatio}) is at least the Student-t
 * interval {@code m +/- t_{n-1}(q) * s / sqrt(n)} of its {@code n} block log-ratios, {@code q = 1 -
 * (1 - level)/2}, so the half-width scales as {@code t_{n-1}(q) / sqrt(n)}:
 *
 * <pre>h' = h * sqrt(blocksRun / maxBlocks) * t_{maxBlocks-1}(q) / t_{blocksRun-1}(q)</pre>
 *
 * <p>The second factor matters most where futility is first asked: at 3 blocks and a per-look level
 * of 99.2%, {@code t_2} is 3.0 times {@code t_7}, and a projection by {@code 1/sqrt(blocks)} alone
 * called a ×0.49 effect whose three blocks read ×0.62, ×0.59 and ×0.33 futile, where 8 blocks of
 * that spread would have shown it faster. The comparison is futile when even the projected interval
 * would neither lie beyond the no-change zone nor inside it: its centre sits too close to the
 * zone's edge for the data the plan may still collect.
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
   * @param blocksRun blocks the interval comes from, {@code >= 1}; below 2 there is no spread to
   *     project, and nothing is futile
   * @param maxBlocks the plan's cap, {@code >= blocksRun}
   * @return whether the projected interval after {@code maxBlocks} blocks is still inconclusive
   */
  public static boolean futile(VerdictRule rule, Interval interval, int blocksRun, int maxBlocks) {
    Args.notNull("rule", rule);
    Args.notNull("interval", interval);
    Args.atLeast("blocksRun", blocksRun, 1);
    Args.atLeast("maxBlocks", maxBlocks, blocksRun);
    if (!(interval.lower() > 0) || !(interval.upper() > 0) || blocksRun < 2) {
      return false;
    }
    double lo = Math.log(interval.lower());
    double hi = Math.log(interval.upper());
    double centre = (lo + hi) / 2;
    double q = 1 - (1 - interval.confidenceLevel()) / 2;
    double shrink =
        Math.sqrt((double) blocksRun / maxBlocks)
            * LogMath.studentQuantile(maxBlocks - 1, q)
            / LogMath.studentQuantile(blocksRun - 1, q);
    double half = (hi - lo) / 2 * shrink;
    Interval projected =
        new Interval(Math.exp(centre - half), Math.exp(centre + half), interval.confidenceLevel());
    return !rule.decide(projected).isDefinitive();
  }
}
