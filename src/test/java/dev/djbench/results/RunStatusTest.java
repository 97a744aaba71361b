package dev.djbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A run's status agrees with its exit code: a gate that could not evaluate a check is failed. */
class RunStatusTest {

  private static GateResult outcome(GateResult.Outcome o) {
    GateResult g = ResultsFixtures.gate();
    return new GateResult(
        g.mode(),
        g.baseline(),
        g.candidate(),
        g.inconclusivePolicy(),
        o,
        g.familyAlpha(),
        g.checks(),
        g.notes());
  }

  @Test
  void aBrokenGateMakesACompleteRunFailed() {
    RunResult run = ResultsFixtures.run().withGate(outcome(GateResult.Outcome.BROKEN));
    assertEquals(RunResult.Status.FAILED, run.status());
    assertTrue(run.message().contains("gate: broken"), run.message());
  }

  @Test
  void aDecidedGateLeavesTheStatusAlone() {
    for (var o :
        new GateResult.Outcome[] {
          GateResult.Outcome.PASS, GateResult.Outcome.REGRESSION, GateResult.Outcome.INCONCLUSIVE
        }) {
      assertEquals(RunResult.Status.COMPLETE, ResultsFixtures.run().withGate(outcome(o)).status());
    }
  }
}
