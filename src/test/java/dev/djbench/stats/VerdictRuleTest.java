package dev.djbench.stats;

import static dev.djbench.stats.BootstrapRatioTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VerdictRuleTest {

  private final VerdictRule rule = new VerdictRule(0.05);

  private Verdict decide(double lower, double upper) {
    return rule.decide(new Interval(lower, upper, 0.95));
  }

  @Test
  void zoneIsSymmetricInLogSpace() {
    assertEquals(1.05, rule.upperBound(), 1e-15);
    assertEquals(1 / 1.05, rule.lowerBound(), 1e-15);
    assertEquals(-Math.log(rule.lowerBound()), Math.log(rule.upperBound()), 1e-15);
  }

  @Test
  void threeWayVerdict() {
    assertEquals(Verdict.SLOWER, decide(1.06, 1.30));
    assertEquals(Verdict.FASTER, decide(0.70, 0.94));
    assertEquals(Verdict.NO_CHANGE, decide(0.96, 1.04));
    assertEquals(Verdict.NO_CHANGE, decide(1 / 1.05, 1.05), "zone bounds are inside");
    assertEquals(Verdict.INCONCLUSIVE, decide(1.01, 1.10), "above 1 but straddles 1+delta");
    assertEquals(Verdict.INCONCLUSIVE, decide(0.90, 0.99));
    assertEquals(Verdict.INCONCLUSIVE, decide(0.80, 1.30));
    assertEquals(Verdict.INCONCLUSIVE, decide(1.05, 1.20), "touching the bound is not beyond it");
  }

  @Test
  void zeroDeltaOnlyCallsAnExactPointNoChange() {
    VerdictRule zero = new VerdictRule(0);
    assertEquals(Verdict.NO_CHANGE, zero.decide(new Interval(1, 1, 0.95)));
    assertEquals(Verdict.SLOWER, zero.decide(new Interval(1.001, 1.01, 0.95)));
    assertEquals(Verdict.INCONCLUSIVE, zero.decide(new Interval(0.99, 1.01, 0.95)));
  }

  @Test
  void labels() {
    assertEquals("faster", Verdict.FASTER.label());
    assertEquals("slower", Verdict.SLOWER.label());
    assertEquals("no change", Verdict.NO_CHANGE.label());
    assertEquals("inconclusive", Verdict.INCONCLUSIVE.label());
    assertFalse(Verdict.INCONCLUSIVE.isDefinitive());
  }

  @Test
  void verdictPValueIsTheLevelAtWhichTheVerdictTurnsDefinitive() {
    Synthetic data = Synthetic.blocks(8, 1.08, 0.04, 3L);
    BootstrapDistribution distribution =
        new BootstrapRatio(2000, 9L).distribution(data.baseline, data.candidate);
    double p = rule.verdictPValue(distribution);
    assertTrue(p > VerdictRule.MIN_P_VALUE && p < 1, "p=" + p);
    assertTrue(rule.decide(distribution.interval(1 - p * 1.001)).isDefinitive());
    assertFalse(rule.decide(distribution.interval(1 - p * 0.999)).isDefinitive());
  }

  @Test
  void verdictPValueWorksWithTwoBlocksAndWithIdenticalBlocks() {
    BootstrapRatio bootstrap = new BootstrapRatio(1000, 9L);
    double p =
        rule.verdictPValue(
            bootstrap.distribution(new double[] {100, 110}, new double[] {130, 150}));
    assertTrue(p > 0 && p <= 1, "p=" + p);
    double[] same = {100, 110, 120};
    assertEquals(VerdictRule.MIN_P_VALUE, rule.verdictPValue(bootstrap.distribution(same, same)));
  }

  @Test
  void validation() {
    assertMessage("delta must be in [0, 1), was 1.0", () -> new VerdictRule(1.0));
    assertMessage("delta must be in [0, 1), was -0.01", () -> new VerdictRule(-0.01));
    assertMessage("ratioInterval must not be null", () -> rule.decide(null));
  }
}
