package dev.djbench.stats;

import static dev.djbench.stats.BootstrapRatioTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HolmTest {

  /**
   * Hand computation, m = 4, p = (0.01, 0.04, 0.03, 0.005): sorted 0.005, 0.01, 0.03, 0.04 ->
   * 4*0.005 = 0.02, 3*0.01 = 0.03, 2*0.03 = 0.06, max(0.06, 1*0.04) = 0.06; back in input order
   * (0.03, 0.06, 0.06, 0.02).
   */
  @Test
  void adjustsAHandComputedExample() {
    double[] adjusted = Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005});
    assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, adjusted, 1e-15);
  }

  @Test
  void capsAtOneAndStaysMonotone() {
    assertArrayEquals(new double[] {1, 1}, Holm.adjust(new double[] {0.5, 0.6}), 0);
    assertArrayEquals(new double[] {0.2}, Holm.adjust(new double[] {0.2}), 0);
    double[] p = {0.04, 0.001, 0.2, 0.03, 0.5};
    double[] q = Holm.adjust(p);
    Integer[] order = {1, 3, 0, 2, 4};
    for (int i = 1; i < order.length; i++) {
      assertTrue(q[order[i]] >= q[order[i - 1]]);
    }
    for (int i = 0; i < p.length; i++) {
      assertTrue(q[i] >= p[i] && q[i] <= 1);
    }
  }

  @Test
  void stepDownLevels() {
    assertArrayEquals(
        new double[] {1 - 0.05 / 4, 1 - 0.05 / 3, 0.975, 0.95},
        Holm.stepDownLevels(0.05, 4),
        1e-15);
  }

  @Test
  void gateKeepsAClearSlowdownAndLeavesNoiseInconclusive() {
    BootstrapRatio bootstrap = new BootstrapRatio(2000, 3L);
    Synthetic clear = Synthetic.blocks(10, 1.25, 0.03, 1L);
    Synthetic noisy = Synthetic.blocks(10, 1.04, 0.20, 2L);
    Synthetic same = Synthetic.blocks(10, 1.00, 0.005, 3L);
    List<Verdict> verdicts =
        Holm.gate(
            new VerdictRule(0.05),
            0.05,
            List.of(
                bootstrap.distribution(clear.baseline, clear.candidate),
                bootstrap.distribution(noisy.baseline, noisy.candidate),
                bootstrap.distribution(same.baseline, same.candidate)));
    assertEquals(List.of(Verdict.SLOWER, Verdict.INCONCLUSIVE, Verdict.NO_CHANGE), verdicts);
  }

  @Test
  void validation() {
    assertMessage(
        "pValues[1] must be in [0, 1], was 1.5", () -> Holm.adjust(new double[] {0.1, 1.5}));
    assertMessage("pValues must not be empty, was length 0", () -> Holm.adjust(new double[0]));
    assertMessage("m must be >= 1, was 0", () -> Holm.stepDownLevels(0.05, 0));
    assertMessage("familyAlpha must be in (0, 1), was 1.0", () -> Holm.stepDownLevels(1.0, 3));
  }
}
