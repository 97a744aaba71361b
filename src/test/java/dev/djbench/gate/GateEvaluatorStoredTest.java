package dev.djbench.gate;

import static dev.djbench.gate.GateRuns.blocks;
import static dev.djbench.gate.GateRuns.measured;
import static dev.djbench.gate.GateRuns.run;
import static dev.djbench.gate.GateRuns.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.results.GateResult;
import dev.djbench.results.GateResult.GateCheck;
import dev.djbench.results.RunResult;
import dev.djbench.results.TrialResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gate against a stored baseline run, on synthetic runs with known effects. Latencies are tens
 * of milliseconds, so that the client clock's 1 ms step bounds the intervals only a little.
 */
class GateEvaluatorStoredTest {

  private static final String SERVER_P50 = "serverTotalMicros.p50";
  private static final String CLIENT_P95 = "clientLatencyMicros.p95";

  private final GateEvaluator evaluator =
      new GateEvaluator(Map.of(SERVER_P50, 0.05, CLIENT_P95, 0.05), 0.05, 7L);

  private static StoredBaseline stored(RunResult run) {
    return new StoredBaseline(Path.of("/ci/main/results.json"), run);
  }

  private GateResult gate(List<TrialResult> before, List<TrialResult> now) {
    RunResult old = run("ci-gate", "quick", List.of(measured("post-list", before)));
    RunResult fresh = run("ci-gate", "quick", List.of(measured("post-list", now)));
    return evaluator.evaluate(
        stored(old),
        fresh,
        "HEAD",
        GateResult.Policy.PASS,
        List.of("server_p50: δ 5.0% (scenario)"));
  }

  @Test
  void aCandidateTwentyPercentSlowerThanTheStoredRunIsARegression() {
    GateResult result =
        gate(
            blocks("post-list", 8, 60_000, 60_000, 0.03, 1L),
            blocks("post-list", 8, 60_000, 72_000, 0.03, 2L));

    assertEquals("stored-baseline", result.mode().word());
    assertEquals("/ci/main/results.json", result.baseline());
    assertEquals("HEAD", result.candidate());
    assertEquals("regression", result.outcome().word());
    assertEquals(2, result.checks().size());
    for (GateCheck check : result.checks()) {
      assertEquals("slower", check.verdict(), check.message());
      assertEquals("fail", check.status().word());
      assertEquals(1.2, check.ratio(), 0.04);
      assertTrue(check.lower() > 1.05, "the whole interval is beyond δ: " + check.lower());
      assertEquals(8, check.blocks());
    }
  }

  @Test
  void theSameDistributionOnBothSidesPasses() {
    GateResult result =
        gate(
            blocks("post-list", 8, 60_000, 60_000, 0.02, 3L),
            blocks("post-list", 8, 60_000, 60_000, 0.02, 4L));

    assertEquals("pass", result.outcome().word(), result.checks().toString());
    result.checks().forEach(c -> assertEquals("no change", c.verdict(), c.message()));
  }

  /**
   * The new run's baseline variant is the candidate itself (an A/A); only its candidate trials may
   * count.
   */
  @Test
  void onlyTheCandidateVariantsValidTrialsAreCompared() {
    List<TrialResult> before = new ArrayList<>(blocks("post-list", 8, 60_000, 60_000, 0.02, 5L));
    before.add(trial("post-list", "candidate", 8, 600_000).invalidated(List.of("fell behind")));
    // Baseline-variant trials three times slower, in both runs: were they used, the result would
    // not be "pass".
    List<TrialResult> now = blocks("post-list", 8, 180_000, 60_000, 0.02, 6L);

    GateResult result = gate(before, now);

    assertEquals("pass", result.outcome().word(), result.checks().toString());
    result.checks().forEach(c -> assertEquals(1.0, c.ratio(), 0.03));
  }

  @Test
  void tooFewStoredTrialsGiveNoIntervalAndAnInconclusiveCheck() {
    GateResult result =
        gate(
            List.of(
                trial("post-list", "candidate", 0, 60_000),
                trial("post-list", "baseline", 0, 60_000)),
            blocks("post-list", 8, 60_000, 90_000, 0.02, 7L));

    assertEquals("inconclusive", result.outcome().word());
    for (GateCheck check : result.checks()) {
      assertEquals("inconclusive", check.status().word());
      assertTrue(Double.isNaN(check.lower()) && Double.isNaN(check.upper()));
      assertTrue(check.message().contains("1 valid stored trial(s) and 8 new"), check.message());
    }
  }

  @Test
  void differencesBetweenTheRunsAreNotedInTheResult() {
    RunResult old =
        run(
            "ci-gate",
            "full",
            List.of(
                measured("post-list", blocks("post-list", 6, 60_000, 60_000, 0.02, 8L)),
                measured("retired", blocks("retired", 3, 60_000, 60_000, 0.02, 9L))));
    RunResult fresh =
        run(
            "ci-gate",
            "quick",
            List.of(measured("post-list", blocks("post-list", 6, 60_000, 60_000, 0.02, 10L))));

    GateResult result =
        evaluator.evaluate(stored(old), fresh, "HEAD", GateResult.Policy.FAIL, List.of());

    String notes = String.join("\n", result.notes());
    assertTrue(notes.contains("/ci/main/results.json (run run-full"), notes);
    assertTrue(notes.contains("the full profile, this one quick"), notes);
    assertTrue(notes.contains("stored experiment retired is not in the scenario"), notes);
  }
}
