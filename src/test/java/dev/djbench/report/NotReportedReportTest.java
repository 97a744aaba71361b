package dev.djbench.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.analysis.Comparisons;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.ResultsFixtures;
import dev.djbench.results.RunResult;
import dev.djbench.results.TrialResult;
import dev.djbench.stats.SequentialPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every report shows a value the app did not send as "–", with a note saying why; never 0. */
class NotReportedReportTest {

  private static RunResult run() {
    List<TrialResult> trials = new ArrayList<>();
    for (int b = 0; b < 3; b++) {
      trials.add(
          ResultsFixtures.withoutServerTiming(ResultsFixtures.trial("naive", b, 20_000, 51)));
      trials.add(
          ResultsFixtures.withoutServerTiming(ResultsFixtures.trial("optimized", b, 10_000, 1)));
    }
    var comparisons =
        new Comparisons(new SequentialPlan(3, 8, 0.05), Map.of(), 0.05, 1)
            .compare("naive", List.of("optimized"), trials);
    ExperimentResult e =
        ExperimentResult.of(
                "pages",
                "two pages",
                "",
                List.of(
                    new ExperimentResult.VariantInfo("naive", "GET /n/", "gunicorn"),
                    new ExperimentResult.VariantInfo("optimized", "GET /o/", "gunicorn")))
            .withTrials(trials)
            .withComparisons(comparisons);
    return ReportFixtures.withExperiments(ResultsFixtures.run(), List.of(e));
  }

  @Test
  void theTextMarkdownAndHtmlReportsShowADashAndSayWhy() {
    RunResult run = run();
    for (ReportFormat format :
        List.of(ReportFormat.TEXT, ReportFormat.MARKDOWN, ReportFormat.HTML)) {
      String out = format.render(run);
      assertTrue(out.contains("not reported"), format + ":\n" + out);
      assertTrue(
          out.contains(SummaryModel.NOT_REPORTED_NOTE.substring(0, 20)), format + ":\n" + out);
      assertFalse(out.contains("0.00 "), format + " shows an absent server time as 0.00:\n" + out);
    }
    String text = ReportFormat.TEXT.render(run);
    assertTrue(text.matches("(?s).*naive\\s+\\d+\\.\\d\\s+\\S+\\s+\\S+\\s+–\\s+–.*"), text);
  }

  /**
   * An experiment whose every trial was invalid counted no errors over valid trials: its errors
   * column is "–", not a 0 that reads as "no errors" beside a trial where every request failed.
   */
  @Test
  void noValidTrialShowsNoErrorCountRatherThanZero() {
    TrialResult t = ResultsFixtures.trial("only", 0, 20_000, 1);
    TrialResult invalid =
        ResultsFixtures.as(
            t,
            t.experiment(),
            false,
            List.of("100.0% of requests failed (limit 1.0%): {HTTP 400=40}"));
    ExperimentResult e =
        ExperimentResult.of(
                "broken",
                "a page",
                "",
                List.of(new ExperimentResult.VariantInfo("only", "GET /", "gunicorn")))
            .withTrials(List.of(invalid));
    String row =
        SummaryModel.variants(e)
            .text("")
            .lines()
            .filter(l -> l.startsWith("only"))
            .findFirst()
            .orElseThrow();
    assertTrue(row.matches(".*–\\s+0/1\\s+gunicorn$"), row);
  }
}
