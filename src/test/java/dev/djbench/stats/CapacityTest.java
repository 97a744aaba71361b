package dev.djbench.stats;

import static dev.djbench.stats.BootstrapRatioTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;

class CapacityTest {

  /**
   * M/M/1-like curve: service time 1 ms, saturation at 1000 requests/s, p99 = 1 ms * ln(100) / (1 -
   * rate/1000). With an SLO of ln(100) ms / (1 - 0.907) the knee is 907 requests/s (off the probe
   * grid).
   */
  private static final double SERVICE_MICROS = 1000;

  private static final double KNEE_PER_SEC = 907;
  private static final double SLO_MICROS =
      SERVICE_MICROS * Math.log(100) / (1 - KNEE_PER_SEC / 1000);
  private static final DoubleFunction<Capacity.ProbeResult> QUEUE =
      rate ->
          new Capacity.ProbeResult(
              rate >= 1000 ? 1e9 : SERVICE_MICROS * Math.log(100) / (1 - rate / 1000), 0);

  private static Capacity search(double low, double high, int maxProbes) {
    return new Capacity(SLO_MICROS, 0.01, low, high, maxProbes, 0.01);
  }

  @Test
  void findsTheKneeWithinItsBracket() {
    Capacity.Result result = search(10, 5000, 30).search(QUEUE);
    assertEquals(Capacity.Outcome.BRACKETED, result.outcome());
    assertTrue(
        result.lastPassingPerSec() <= KNEE_PER_SEC && KNEE_PER_SEC < result.firstFailingPerSec(),
        result.toString());
    assertTrue(
        result.firstFailingPerSec() - result.lastPassingPerSec()
            <= 0.01 * result.lastPassingPerSec());
    assertEquals(result.lastPassingPerSec(), result.capacityPerSec());
    assertTrue(result.probes().size() <= 30);
    assertEquals(10, result.probes().get(0).ratePerSec());
    assertEquals(result, search(10, 5000, 30).search(QUEUE), "deterministic");
  }

  @Test
  void errorsAlsoFailAProbe() {
    DoubleFunction<Capacity.ProbeResult> erroring =
        rate -> new Capacity.ProbeResult(100, rate > 700 ? 0.01 : 0.001);
    Capacity.Result result = search(50, 5000, 40).search(erroring);
    assertTrue(
        result.lastPassingPerSec() <= 700 && 700 < result.firstFailingPerSec(), result.toString());
  }

  @Test
  void reportsWhenTheKneeIsOutsideTheRangeOrTheBudgetRunsOut() {
    Capacity.Result below = search(950, 5000, 30).search(QUEUE);
    assertEquals(Capacity.Outcome.BELOW_RANGE, below.outcome());
    assertEquals(0, below.capacityPerSec());
    assertEquals(950, below.firstFailingPerSec());

    Capacity.Result above = search(10, 500, 30).search(QUEUE);
    assertEquals(Capacity.Outcome.ABOVE_RANGE, above.outcome());
    assertEquals(500, above.capacityPerSec());
    assertEquals(Double.POSITIVE_INFINITY, above.firstFailingPerSec());

    Capacity.Result budget = search(10, 5000, 3).search(QUEUE);
    assertEquals(Capacity.Outcome.BUDGET_EXHAUSTED, budget.outcome());
    assertEquals(3, budget.probes().size());
    assertEquals(40, budget.capacityPerSec());

    Capacity.Result coarse = search(10, 5000, 9).search(QUEUE);
    assertEquals(9, coarse.probes().size());
    assertTrue(
        coarse.lastPassingPerSec() <= KNEE_PER_SEC && KNEE_PER_SEC < coarse.firstFailingPerSec(),
        coarse.toString());
  }

  @Test
  void validation() {
    assertMessage(
        "highRatePerSec must be >= lowRatePerSec=100.0, was 50.0",
        () -> new Capacity(SLO_MICROS, 0.01, 100, 50, 10, 0.01));
    assertMessage(
        "maxProbes must be >= 2, was 1", () -> new Capacity(SLO_MICROS, 0.01, 10, 50, 1, 0.01));
    assertMessage(
        "sloP99Micros must be > 0 and finite, was 0.0",
        () -> new Capacity(0, 0.01, 10, 50, 10, 0.01));
    assertMessage(
        "errorFraction must be in [0, 1], was 1.5", () -> new Capacity.ProbeResult(10, 1.5));
    assertThrows(IllegalStateException.class, () -> search(10, 100, 5).search(rate -> null));
  }
}
