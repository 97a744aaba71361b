package dev.djbench.stats;

import static dev.djbench.stats.BootstrapRatioTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class SequentialTest {

  private static final int RUNS = 500;
  private final SequentialPlan plan = new SequentialPlan(3, 8, 0.05);
  private final VerdictRule rule = new VerdictRule(0.03);
  private final BootstrapRatio bootstrap = new BootstrapRatio(1000, 5L);

  @Test
  void planLooksAtEveryBlockFromMinToMaxWithBonferroniLevels() {
    assertEquals(6, plan.looks());
    assertEquals(1 - 0.05 / 6, plan.confidenceLevelAtLook(), 1e-15);
    assertFalse(plan.isLook(2));
    assertTrue(plan.isLook(3));
    assertTrue(plan.isLook(8));
    assertFalse(plan.isLook(9));
    assertFalse(plan.exhausted(7));
    assertTrue(plan.exhausted(8));
  }

  @Test
  void smokePlanWithOneBlockNeverDecides() {
    SequentialPlan smoke = new SequentialPlan(1, 1, 0.05);
    assertEquals(0, smoke.looks());
    assertEquals(0.95, smoke.confidenceLevelAtLook(), 1e-15);
    SequentialComparison comparison = new SequentialComparison(smoke, rule, bootstrap);
    SequentialComparison.Decision decision = comparison.next(100, 200);
    assertTrue(decision.stop());
    assertEquals(Verdict.INCONCLUSIVE, decision.verdict());
    assertTrue(decision.estimate().isEmpty());
    assertThrows(IllegalStateException.class, () -> comparison.next(100, 200));

    SequentialPlan fromOne = new SequentialPlan(1, 5, 0.05);
    assertEquals(4, fromOne.looks(), "one block cannot be a look");
    assertFalse(fromOne.isLook(1));
    assertTrue(fromOne.isLook(2));
  }

  @Test
  void planValidationNamesArguments() {
    assertMessage("minBlocks must be >= 1, was 0", () -> new SequentialPlan(0, 5, 0.05));
    assertMessage("maxBlocks must be >= 3, was 2", () -> new SequentialPlan(3, 2, 0.05));
    assertMessage("alpha must be in (0, 1), was 0.0", () -> new SequentialPlan(3, 8, 0));
    assertMessage("blocksDone must be >= 0, was -1", () -> plan.isLook(-1));
    assertMessage(
        "candidateValue must be > 0 and finite, was Infinity",
        () -> new SequentialComparison(plan, rule, bootstrap).next(1, Double.POSITIVE_INFINITY));
  }

  @Test
  void trueNullKeepsWrongDirectionalVerdictsBelowAlpha() {
    for (double noiseSd : new double[] {0.03, 0.08}) {
      Map<Verdict, Integer> counts = simulate(1.0, noiseSd, 100L);
      int wrong = counts.get(Verdict.FASTER) + counts.get(Verdict.SLOWER);
      System.out.printf("A/A noise=%.2f: %s%n", noiseSd, counts);
      assertTrue(
          wrong <= RUNS * 0.05 + 10, "wrong verdicts " + wrong + " of " + RUNS + " " + counts);
    }
  }

  @Test
  void trueTenPercentSlowdownIsUsuallyFoundEarly() {
    Map<Verdict, Integer> counts = simulate(1.10, 0.03, 200L);
    System.out.printf("10%% shift noise=0.03: %s%n", counts);
    assertTrue(counts.get(Verdict.SLOWER) >= RUNS * 0.8, counts.toString());
    assertEquals(0, counts.get(Verdict.FASTER));
    assertEquals(0, counts.get(Verdict.NO_CHANGE));
  }

  @Test
  void clearEffectStopsAtTheFirstLookAndKeepsTheBlocksNeeded() {
    SequentialComparison comparison = new SequentialComparison(plan, rule, bootstrap);
    assertFalse(comparison.next(100, 150).stop());
    assertFalse(comparison.next(110, 166).stop());
    SequentialComparison.Decision decision = comparison.next(105, 157);
    assertTrue(decision.stop());
    assertEquals(Verdict.SLOWER, decision.verdict());
    assertEquals(3, decision.blocks());
    assertEquals(decision, comparison.finalDecision().orElseThrow());
    assertEquals(
        plan.confidenceLevelAtLook(),
        decision.estimate().orElseThrow().interval().confidenceLevel());
  }

  /**
   * Runs the sequential procedure; counts verdicts and prints the mean blocks each verdict needed.
   */
  private Map<Verdict, Integer> simulate(double trueRatio, double noiseSd, long seed) {
    Well19937c rng = new Well19937c(seed);
    Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    Map<Verdict, Integer> blocks = new EnumMap<>(Verdict.class);
    for (Verdict v : Verdict.values()) {
      counts.put(v, 0);
      blocks.put(v, 0);
    }
    for (int run = 0; run < RUNS; run++) {
      SequentialComparison comparison = new SequentialComparison(plan, rule, bootstrap);
      SequentialComparison.Decision decision;
      do {
        double a = 20_000 * Math.exp(0.1 * rng.nextGaussian());
        decision = comparison.next(a, a * trueRatio * Math.exp(noiseSd * rng.nextGaussian()));
      } while (!decision.stop());
      counts.merge(decision.verdict(), 1, Integer::sum);
      blocks.merge(decision.verdict(), decision.blocks(), Integer::sum);
    }
    for (Verdict v : Verdict.values()) {
      if (counts.get(v) > 0) {
        System.out.printf(
            "  ratio=%.2f noise=%.2f %s: %d runs, mean blocks needed %.2f%n",
            trueRatio, noiseSd, v.label(), counts.get(v), blocks.get(v) / (double) counts.get(v));
      }
    }
    return counts;
  }
}
