package dev.djbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.results.Comparison;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.ResultsFixtures;
import dev.djbench.results.RunResult;
import dev.djbench.results.TrialResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two saved runs compared page by page, unpaired. */
class RunComparisonsTest {

  private static RunResult pages(long latencyMicros, long queries) {
    return pages(latencyMicros, queries, ResultsFixtures.run().schemaVersion());
  }

  private static RunResult pages(long latencyMicros, long queries, int schemaVersion) {
    List<TrialResult> trials = new ArrayList<>();
    for (int b = 0; b < 5; b++) {
      trials.add(ResultsFixtures.trial("books", b, latencyMicros + 300L * (b % 3), queries));
    }
    ExperimentResult e =
        ExperimentResult.of(
                "catalog",
                "pages",
                "",
                List.of(new ExperimentResult.VariantInfo("books", "GET /books/", "gunicorn")))
            .withTrials(trials);
    RunResult run = ResultsFixtures.run();
    return new RunResult(
        schemaVersion,
        run.runId(),
        run.status(),
        run.message(),
        run.startedAt(),
        run.finishedAt(),
        run.scenarioFile(),
        run.suite(),
        run.profile(),
        run.seed(),
        run.clientLatencyResolution(),
        run.machine(),
        List.of(e),
        null);
  }

  private static Comparison metric(List<Comparison> all, Metric m) {
    return all.stream().filter(c -> c.metric().equals(m.key())).findFirst().orElseThrow();
  }

  @Test
  void aPageTwiceAsSlowWithTwiceTheQueriesIsSlowerAndTheSamePageIsNoChange() {
    RunComparisons compare = new RunComparisons(0.05, 3);
    List<Comparison> slower = compare.compare(pages(20_000, 21), pages(40_000, 41));
    Comparison client = metric(slower, Metric.CLIENT_P50);
    assertEquals("old:catalog/books", client.baseline());
    assertEquals("new:catalog/books", client.candidate());
    assertEquals("slower", client.verdict(), client.toString());
    assertTrue(client.ratio() > 1.8 && client.ratio() < 2.2, client.toString());
    assertEquals("slower", metric(slower, Metric.QUERIES).verdict());

    List<Comparison> same = compare.compare(pages(20_000, 21), pages(20_000, 21));
    assertEquals("no change", metric(same, Metric.QUERIES).verdict());
    assertEquals(1.0, metric(same, Metric.CLIENT_P50).ratio(), 1e-9);
  }

  @Test
  void pagesOnlyOneRunHasAreLeftOut() {
    RunResult other = pages(20_000, 21);
    assertEquals(List.of(), new RunComparisons(0.05, 1).compare(ResultsFixtures.run(), other));
  }

  @Test
  void clientFiguresOfTheMillisecondAndTheMicrosecondClockAreNotCompared() {
    List<Comparison> all =
        new RunComparisons(0.05, 3).compare(pages(20_000, 21, 4), pages(40_000, 41, 5));
    Comparison client = metric(all, Metric.CLIENT_P50);
    assertEquals(Metric.CLOCKS_DIFFER, client.verdict());
    assertTrue(Double.isNaN(client.ratio()), "no ratio across clocks");
    // Server time and queries were read the same way in both: compared.
    assertEquals("slower", metric(all, Metric.SERVER_P50).verdict());
    assertEquals("slower", metric(all, Metric.QUERIES).verdict());
  }
}
