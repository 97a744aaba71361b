package dev.djbench.stats;

import java.util.Arrays;
import java.util.Optional;

/**
 * Sequential comparison of one metric: feed one (baseline, candidate) pair per block and get a
 * {@link Decision} after each block. At every look of the {@link SequentialPlan} the interval is
 * computed at the plan's per-look level and judged by the {@link VerdictRule}; a definitive verdict
 * stops the comparison, otherwise it continues until {@code maxBlocks}, where it stops as
 * INCONCLUSIVE. Not thread-safe.
 */
public final class SequentialComparison {

  /**
   * Outcome after a block.
   *
   * @param blocks blocks fed so far; for a stopping decision, the blocks the verdict needed
   * @param stop whether the comparison is over
   * @param verdict the verdict; INCONCLUSIVE while continuing or when stopping at the cap
   * @param estimate the estimate at this look's level, empty when this block was not a look
   */
  public record Decision(
      int blocks, boolean stop, Verdict verdict, Optional<RatioEstimate> estimate) {

    public Decision {
      Args.atLeast("blocks", blocks, 1);
      Args.notNull("verdict", verdict);
      Args.notNull("estimate", estimate);
      if (!stop && verdict.isDefinitive()) {
        throw new IllegalArgumentException(
            "verdict must be INCONCLUSIVE when not stopping, was " + verdict);
      }
    }
  }

  private final SequentialPlan plan;
  private final VerdictRule rule;
  private final BootstrapRatio bootstrap;
  private double[] baseline = new double[8];
  private double[] candidate = new double[8];
  private int blocks;
  private Decision last;

  /**
   * @param plan when to look; not null
   * @param rule verdict rule; not null
   * @param bootstrap interval estimator; not null
   * @throws IllegalArgumentException if an argument is null
   */
  public SequentialComparison(SequentialPlan plan, VerdictRule rule, BootstrapRatio bootstrap) {
    this.plan = Args.notNull("plan", plan);
    this.rule = Args.notNull("rule", rule);
    this.bootstrap = Args.notNull("bootstrap", bootstrap);
  }

  /**
   * Adds one block and decides.
   *
   * @param baselineValue metric of A in this block, &gt; 0 and finite
   * @param candidateValue metric of B in this block, &gt; 0 and finite
   * @throws IllegalArgumentException if a value is not &gt; 0 and finite
   * @throws IllegalStateException if the comparison has already stopped
   */
  public Decision next(double baselineValue, double candidateValue) {
    Args.positiveFinite("baselineValue", baselineValue);
    Args.positiveFinite("candidateValue", candidateValue);
    if (isStopped()) {
      throw new IllegalStateException("comparison already stopped after " + blocks + " blocks");
    }
    if (blocks == baseline.length) {
      baseline = Arrays.copyOf(baseline, 2 * blocks);
      candidate = Arrays.copyOf(candidate, 2 * blocks);
    }
    baseline[blocks] = baselineValue;
    candidate[blocks] = candidateValue;
    blocks++;
    boolean atCap = plan.exhausted(blocks);
    if (!plan.isLook(blocks)) {
      last = new Decision(blocks, atCap, Verdict.INCONCLUSIVE, Optional.empty());
      return last;
    }
    RatioEstimate estimate =
        bootstrap.estimate(
            Arrays.copyOf(baseline, blocks),
            Arrays.copyOf(candidate, blocks),
            plan.confidenceLevelAtLook());
    Verdict verdict = rule.decide(estimate.interval());
    last = new Decision(blocks, verdict.isDefinitive() || atCap, verdict, Optional.of(estimate));
    return last;
  }

  /** Blocks fed so far. */
  public int blocks() {
    return blocks;
  }

  /** Whether the comparison has stopped. */
  public boolean isStopped() {
    return last != null && last.stop();
  }

  /** The stopping decision (verdict and the blocks it needed), empty while running. */
  public Optional<Decision> finalDecision() {
    return isStopped() ? Optional.of(last) : Optional.empty();
  }
}
