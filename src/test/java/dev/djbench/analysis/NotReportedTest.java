package dev.djbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.results.Comparison;
import dev.djbench.results.ResultsFixtures;
import dev.djbench.results.TrialResult;
import dev.djbench.stats.SequentialPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A value the app did not send is absent, never zero: NaN in the analysis, "not reported". */
class NotReportedTest {

  @Test
  void aMetricWithoutValuesIsNaNNotZero() {
    TrialResult t =
        ResultsFixtures.withoutServerTiming(ResultsFixtures.trial("naive", 0, 20_000, 51));
    assertTrue(Double.isNaN(Metric.SERVER_P50.valueOf(t)));
    assertTrue(Double.isNaN(Metric.QUERIES.valueOf(t)));
    assertTrue(Metric.CLIENT_P50.valueOf(t) > 0, "client latency is the harness's own");
  }

  @Test
  void aComparisonOfAMetricTheAppDidNotSendSaysSo() {
    List<TrialResult> trials = new ArrayList<>();
    for (int b = 0; b < 3; b++) {
      trials.add(
          ResultsFixtures.withoutServerTiming(ResultsFixtures.trial("naive", b, 20_000, 51)));
      trials.add(
          ResultsFixtures.withoutServerTiming(ResultsFixtures.trial("optimized", b, 10_000, 1)));
    }
    Comparisons comparisons =
        new Comparisons(
            new SequentialPlan(3, 8, 0.05), Map.of("serverTotalMicros.p50", 0.05), 0.05, 1);
    List<Comparison> all = comparisons.compare("naive", List.of("optimized"), trials);
    Comparison server =
        all.stream()
            .filter(c -> c.metric().equals("serverTotalMicros.p50"))
            .findFirst()
            .orElseThrow();
    assertEquals(Comparisons.NOT_REPORTED, server.verdict());
    assertTrue(Double.isNaN(server.baselineValue()) && Double.isNaN(server.ratio()));
    Comparison client =
        all.stream()
            .filter(c -> c.metric().equals("clientLatencyMicros.p50"))
            .findFirst()
            .orElseThrow();
    assertEquals("faster", client.verdict());
    // More blocks cannot bring a value the app does not send: it does not hold the run open.
    assertTrue(comparisons.settled(all));
  }
}
