package dev.djbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.results.Comparison;
import dev.djbench.results.ResultsFixtures;
import dev.djbench.results.TrialResult;
import dev.djbench.stats.SequentialPlan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonsTest {

  private final Comparisons comparisons =
      new Comparisons(
          new SequentialPlan(3, 8, 0.05),
          java.util.Map.of("clientLatencyMicros.p50", 0.05),
          0.05,
          7);

  private static List<TrialResult> blocks(int n, long baselineMicros, long candidateMicros) {
    List<TrialResult> trials = new ArrayList<>();
    for (int b = 0; b < n; b++) {
      long wobble = (b % 3) * 200;
      trials.add(ResultsFixtures.trial("naive", b, baselineMicros + wobble, 51));
      trials.add(ResultsFixtures.trial("optimized", b, candidateMicros + wobble / 2, 1));
    }
    return trials;
  }

  private Comparison metric(List<Comparison> all, String name) {
    return all.stream().filter(c -> c.metric().equals(name)).findFirst().orElseThrow();
  }

  private static Comparison open(String metric, double lower, double upper) {
    return new Comparison(
        "naive",
        "optimized",
        metric,
        1,
        1,
        Math.sqrt(lower * upper),
        lower,
        upper,
        0.99,
        3,
        "inconclusive",
        0.05);
  }

  @Test
  void futilityLooksOnlyAtGatedComparisonsThatAreStillOpen() {
    Comparison straddling = open("clientLatencyMicros.p50", 0.95, 1.154);
    Comparison promising = open("clientLatencyMicros.p50", 1.03, 1.17);
    Comparison ungated = open("serverTotalMicros.p50", 1.03, 1.17);
    assertTrue(comparisons.futile(List.of(straddling, ungated), 3));
    assertFalse(comparisons.futile(List.of(promising), 3), "could still show slower");
    assertFalse(comparisons.futile(List.of(ungated), 3), "nothing gated is open");
    assertFalse(comparisons.futile(List.of(straddling), 8), "no blocks left to save");
  }

  @Test
  void aClearEffectIsFasterWithAnIntervalAroundItsRatio() {
    List<Comparison> all =
        comparisons.compare("naive", List.of("optimized"), blocks(5, 20_000, 10_000));
    Comparison p50 = metric(all, "clientLatencyMicros.p50");
    assertEquals("faster", p50.verdict());
    assertEquals(5, p50.blocks());
    assertTrue(p50.lower() <= p50.ratio() && p50.ratio() <= p50.upper());
    // Each trial's p50 is its middle value, 1 ms above the base: 11 ms against 21 ms.
    assertEquals(11.0 / 21.0, p50.ratio(), 0.005);
    assertEquals(1.0 / 51, metric(all, "dbQueries.mean").ratio(), 1e-3);
    assertTrue(comparisons.settled(all));
  }

  /** {@code t} with {@code n} client latencies of about {@code micros} each. */
  private static TrialResult withRequests(TrialResult t, int n, long micros) {
    long[] values = new long[n];
    for (int i = 0; i < n; i++) {
      values[i] = micros + (i % 50) * 20;
    }
    return ResultsFixtures.withDistribution(
        t,
        "clientLatencyMicros",
        dev.djbench.results.Distribution.of(ResultsFixtures.histogram(values)));
  }

  @Test
  void aTailPercentileATrialHasTooFewRequestsForIsShownNotCompared() {
    List<Comparison> all =
        comparisons.compare("naive", List.of("optimized"), blocks(5, 20_000, 10_000));
    // Each trial holds 3 requests: its "p99" is its maximum.
    Comparison p99 = metric(all, "clientLatencyMicros.p99");
    assertEquals("not estimable (n = 3 < 1000)", p99.verdict());
    assertTrue(Double.isNaN(p99.ratio()) && Double.isNaN(p99.lower()));
    assertTrue(p99.baselineValue() > 0, "the value itself is still shown");
    assertEquals("not estimable (n = 3 < 100)", metric(all, "clientLatencyMicros.p90").verdict());
    assertEquals("faster", metric(all, "clientLatencyMicros.p50").verdict(), "the median is");

    List<TrialResult> many = new ArrayList<>();
    for (TrialResult t : blocks(5, 20_000, 10_000)) {
      many.add(withRequests(t, 1000, t.variant().equals("naive") ? 20_000 : 10_000));
    }
    assertEquals(
        "faster",
        metric(comparisons.compare("naive", List.of("optimized"), many), "clientLatencyMicros.p99")
            .verdict(),
        "1000 requests a trial make a p99 estimable");
  }

  @Test
  void theRequestsATailPercentileNeedsAreTenBeyondIt() {
    assertEquals(100, Metric.CLIENT_P90.requestsNeeded());
    assertEquals(200, Metric.CLIENT_P95.requestsNeeded());
    assertEquals(1000, Metric.CLIENT_P99.requestsNeeded());
    assertEquals(0, Metric.CLIENT_P50.requestsNeeded());
    assertEquals(0, Metric.SERVER_MEAN.requestsNeeded());
    assertEquals(0, Metric.CPU.requestsNeeded());
  }

  @Test
  void oneBlockGivesARatioButNoIntervalAndNoVerdict() {
    Comparison p50 =
        metric(
            comparisons.compare("naive", List.of("optimized"), blocks(1, 20_000, 10_000)),
            "clientLatencyMicros.p50");
    assertEquals("inconclusive", p50.verdict());
    assertTrue(Double.isNaN(p50.lower()));
    assertFalse(comparisons.settled(List.of(p50)));
  }

  @Test
  void invalidTrialsAreLeftOutAndZerosHaveNoRatio() {
    List<TrialResult> trials = new ArrayList<>(blocks(3, 20_000, 10_000));
    TrialResult bad = trials.remove(1);
    trials.add(bad.invalidated(List.of("too slow")));
    assertEquals(
        2,
        metric(
                comparisons.compare("naive", List.of("optimized"), trials),
                "clientLatencyMicros.p50")
            .blocks());
    // A page that runs no query: zero against zero has no ratio.
    List<TrialResult> noQueries = new ArrayList<>();
    for (int b = 0; b < 3; b++) {
      noQueries.add(ResultsFixtures.trial("naive", b, 20_000, 0));
      noQueries.add(ResultsFixtures.trial("optimized", b, 10_000, 0));
    }
    Comparison zero = comparisons.compare("naive", "optimized", Metric.QUERIES, noQueries);
    assertEquals("n/a (zero values)", zero.verdict());
  }

  @Test
  void aSteadyClientDifferenceIsAVerdictOnTheMicrosecondClock() {
    // Every block reads client p50 7 ms against 8 ms: identical block ratios, whose bootstrap
    // interval alone would be the point ×1.14. On the microsecond clock each value is known to
    // ±0.5 µs, so the interval is that point, widened by a hair. (On Gatling's 1 ms clock of
    // results
    // schema 4 it was anything from 7.5/7.5 to 8.5/6.5: inconclusive.)
    List<TrialResult> trials = new ArrayList<>();
    for (int b = 0; b < 6; b++) {
      trials.add(ResultsFixtures.trial("naive", b, 6_000, 1));
      trials.add(ResultsFixtures.trial("optimized", b, 7_000, 1));
    }
    List<Comparison> all = comparisons.compare("naive", List.of("optimized"), trials);

    Comparison client = metric(all, "clientLatencyMicros.p50");
    // HdrHistogram reads 7 ms and 8 ms to within its 3 significant digits.
    assertEquals(8.0 / 7.0, client.ratio(), 1e-3);
    assertEquals(8.0 / 7.0, client.lower(), 1e-3);
    assertEquals(8.0 / 7.0, client.upper(), 1e-3);
    assertEquals("slower", client.verdict());
    // Server time is read in microseconds too: the same steady difference is a verdict.
    Comparison server = metric(all, "serverTotalMicros.p50");
    assertEquals("slower", server.verdict());
    assertEquals(6_600.0 / 5_600.0, server.lower(), 1e-3);
  }
}
