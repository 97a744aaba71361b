package dev.djbench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.analysis.Comparisons;
import dev.djbench.results.GateResult;
import dev.djbench.results.ResultsFixtures;
import dev.djbench.results.TrialResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A gated metric without data cannot be evaluated: the gate is broken (exit 3) and says which
 * metric and why. It never passes as inconclusive.
 */
class GateNotReportedTest {

  @Test
  void aGatedMetricTheAppDidNotSendBreaksTheGateNamingTheMetricAndTheCause() {
    List<TrialResult> trials = new ArrayList<>();
    for (int b = 0; b < 6; b++) {
      trials.add(
          ResultsFixtures.withoutServerTiming(GateRuns.trial("post-list", "baseline", b, 50_000)));
      trials.add(
          ResultsFixtures.withoutServerTiming(GateRuns.trial("post-list", "candidate", b, 50_000)));
    }
    var run = GateRuns.run("ci-gate", "quick", List.of(GateRuns.measured("post-list", trials)));
    GateResult gate =
        new GateEvaluator(
                Map.of("serverTotalMicros.p50", 0.05, "clientLatencyMicros.p50", 0.2), 0.05, 1L)
            .evaluate(run, "main", "HEAD", GateResult.Policy.PASS, List.of());

    assertEquals(GateResult.Outcome.BROKEN, gate.outcome());
    GateResult.GateCheck server =
        gate.checks().stream()
            .filter(c -> c.metric().equals("serverTotalMicros.p50"))
            .findFirst()
            .orElseThrow();
    assertEquals(GateResult.CheckStatus.ERROR, server.status());
    assertEquals(Comparisons.NOT_REPORTED, server.verdict());
    assertTrue(server.message().startsWith("p50 server time was not reported"), server.message());
    assertTrue(server.message().contains("Server-Timing"), server.message());
    // The client check, which has its data, is still decided.
    GateResult.GateCheck client =
        gate.checks().stream()
            .filter(c -> c.metric().equals("clientLatencyMicros.p50"))
            .findFirst()
            .orElseThrow();
    assertEquals(GateResult.CheckStatus.PASS, client.status(), client.message());
  }

  @Test
  void aTailPercentileTheTrialsHaveTooFewRequestsForBreaksTheGate() {
    List<TrialResult> trials = new ArrayList<>();
    for (int b = 0; b < 6; b++) {
      trials.add(GateRuns.trial("post-list", "baseline", b, 50_000));
      trials.add(GateRuns.trial("post-list", "candidate", b, 50_000));
    }
    var run = GateRuns.run("ci-gate", "quick", List.of(GateRuns.measured("post-list", trials)));
    GateResult gate =
        new GateEvaluator(Map.of("clientLatencyMicros.p99", 0.05), 0.05, 1L)
            .evaluate(run, "main", "HEAD", GateResult.Policy.PASS, List.of());
    assertEquals(GateResult.Outcome.BROKEN, gate.outcome());
    GateResult.GateCheck p99 = gate.checks().get(0);
    assertEquals(GateResult.CheckStatus.ERROR, p99.status());
    assertTrue(
        p99.message().startsWith("p99 client latency is not estimable (n = "), p99.message());
    assertTrue(p99.message().contains("1000 requests"), p99.message());
  }
}
