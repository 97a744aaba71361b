package dev.djbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.results.ExperimentResult;
import dev.djbench.results.GateResult;
import dev.djbench.results.ResultsFixtures;
import dev.djbench.results.RunResult;
import dev.djbench.results.TrialResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

  private static final String HOSTILE = "<script>alert(1)</script> \"quotes\" & ampersands";

  @Test
  void theFixtureRendersAsItsGoldenFile() throws Exception {
    Golden.assertMatches("report-index.html", ReportFormat.HTML.render(ResultsFixtures.run()));
  }

  @Test
  void scenarioTextCannotInjectMarkup() {
    RunResult fixture = ResultsFixtures.run();
    ExperimentResult measured =
        ReportFixtures.renamed(fixture.experiments().get(0), "id " + HOSTILE, HOSTILE);
    ExperimentResult broken =
        ExperimentResult.of(
                "broken " + HOSTILE,
                HOSTILE,
                "",
                List.of(new ExperimentResult.VariantInfo(HOSTILE, HOSTILE, HOSTILE)))
            .with(ExperimentResult.Status.BROKEN, HOSTILE)
            .withTrials(List.of())
            .withComparisons(List.of());
    GateResult gate =
        new GateResult(
            GateResult.Mode.SAME_RUN,
            HOSTILE,
            HOSTILE,
            GateResult.Policy.PASS,
            GateResult.Outcome.PASS,
            0.05,
            List.of(
                new GateResult.GateCheck(
                    "id " + HOSTILE,
                    HOSTILE,
                    0.1,
                    1,
                    0.9,
                    1.1,
                    0.95,
                    5,
                    "no change",
                    GateResult.CheckStatus.PASS,
                    HOSTILE)),
            List.of(HOSTILE));
    RunResult run =
        ReportFixtures.withGate(
            ReportFixtures.withExperiments(fixture, List.of(measured, broken)), gate);

    String html = ReportFormat.HTML.render(run);

    assertFalse(html.contains("<script"), "a scenario string became markup");
    assertFalse(html.contains("\"quotes\""), "an unescaped quote could end an attribute");
    assertTrue(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;quotes&quot; &amp; ampersands"),
        html);
    assertTrue(
        html.contains("id=\"exp-1-id-script-alert-1-script-quotes-ampersands\""), "ids are slugs");
  }

  @Test
  void thePageFetchesNothing() {
    String html = ReportFormat.HTML.render(ResultsFixtures.run());
    for (String external :
        List.of("<script", "<link", "<img", "<iframe", "src=", "@import", "url(", "https:")) {
      assertFalse(html.contains(external), "the page must be self-contained, found " + external);
    }
    assertEquals(
        List.of("http://www.w3.org/2000/svg"),
        matches(html, "http:[^\"]*").stream().distinct().toList(),
        "only SVG's namespace name, which is never fetched");
  }

  @Test
  void theLatencyCurveUsesOnlyValidTrials() {
    ExperimentResult clean = ReportFixtures.measuredOverBlocks(3);
    List<TrialResult> trials = new ArrayList<>(clean.trials());
    trials.add(
        ReportFixtures.invalid(
            ResultsFixtures.trial("naive", 1, 9_000_000, 51), "fell behind its schedule"));
    ExperimentResult withSlowInvalid =
        ReportFixtures.withTrials(clean, trials, clean.comparisons());

    assertEquals(LatencyChart.svg(clean), LatencyChart.svg(withSlowInvalid));
    assertEquals(9, LatencyChart.pooledValidTrials(withSlowInvalid).get("naive").getTotalCount());
    assertTrue(LatencyChart.pooledValidTrials(withSlowInvalid).get("naive").getMaxValue() < 30_000);
    // And the same trial, were it valid, would move it: the test can see a difference.
    trials.set(trials.size() - 1, ResultsFixtures.trial("naive", 1, 9_000_000, 51));
    assertNotEquals(
        LatencyChart.svg(clean),
        LatencyChart.svg(ReportFixtures.withTrials(clean, trials, List.of())));
  }

  @Test
  void invalidTrialsAreListedWithTheirReasons() {
    ExperimentResult clean = ReportFixtures.measuredOverBlocks(2);
    List<TrialResult> trials = new ArrayList<>(clean.trials());
    trials.add(
        ReportFixtures.invalid(
            ResultsFixtures.trial("optimized", 1, 9_000, 1), "p99 start lag 27.5 ms"));
    RunResult run =
        ReportFixtures.withExperiments(
            ResultsFixtures.run(),
            List.of(ReportFixtures.withTrials(clean, trials, clean.comparisons())));

    String html = ReportFormat.HTML.render(run);

    assertTrue(html.contains("<details>\n<summary>1 invalid trial"), html);
    assertTrue(
        html.contains("<li>optimized, block 1, position 1: p99 start lag 27.5 ms</li>"), html);
  }

  @Test
  void theBlockRatioChartShowsEachBlockTheMeanItsIntervalAndTheNoChangeZone() {
    ExperimentResult e = ReportFixtures.measuredOverBlocks(4);

    var ratios = BlockRatioChart.blockRatios(e, "naive", "optimized");
    String svg = BlockRatioChart.svg(e, "optimized");

    assertEquals(List.of(0, 1, 2, 3), List.copyOf(ratios.keySet()));
    assertEquals((double) p50(e, "optimized", 1) / p50(e, "naive", 1), ratios.get(1), 1e-12);
    assertEquals(
        4,
        matches(svg, "<circle[^>]*class=\"dot\"").size() - 1,
        "one dot per block, plus the legend's");
    assertTrue(svg.contains("class=\"band\""));
    assertTrue(svg.contains("class=\"zone\""));
    assertTrue(svg.contains("class=\"mean\""));
    assertTrue(svg.contains("1.0 (same)"));
  }

  @Test
  void theServerBreakdownSplitsTheTotalIntoItsParts() {
    // The fixture's trial at 19 ms: server total mean (18.5+18.6+19.1)/3 ms, db 0.2 ms, template
    // 0.06 ms, cache 0.
    double[] parts =
        ServerBreakdownChart.medianMillis(ResultsFixtures.run().experiments().get(0), "naive");
    assertEquals(0.2, parts[ServerBreakdownChart.Part.DB.ordinal()], 1e-9);
    assertEquals(0.06, parts[ServerBreakdownChart.Part.TEMPLATE.ordinal()], 1e-9);
    assertEquals(0.0, parts[ServerBreakdownChart.Part.CACHE.ordinal()], 1e-9);
    assertEquals(18.7333 - 0.26, parts[ServerBreakdownChart.Part.OTHER.ordinal()], 1e-3);
  }

  @Test
  void aSkippedOrBrokenExperimentIsShownProminently() {
    String html = ReportFormat.HTML.render(ResultsFixtures.run());
    assertTrue(
        html.contains(
            "<p class=\"callout unsure\"><strong>skipped:</strong> needs postgres; install: "
                + "apt-get install postgresql</p>"),
        html);
  }

  @Test
  void theGateComesFirstAndOnlyWhenThereIsOne() {
    String gated = ReportFormat.HTML.render(ResultsFixtures.run());
    assertTrue(gated.indexOf("id=\"gate\"") < gated.indexOf("<nav>"));
    assertTrue(gated.contains("<span class=\"badge bad\">regression</span>"));
    String plain = ReportFormat.HTML.render(ReportFixtures.withGate(ResultsFixtures.run(), null));
    assertFalse(plain.contains("id=\"gate\""));
  }

  @Test
  void aTwentyExperimentRunStaysLight() {
    List<ExperimentResult> experiments = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      experiments.add(
          ReportFixtures.renamed(
              ReportFixtures.measuredOverBlocks(12), "experiment-" + i, "claim " + i));
    }
    String html =
        ReportFormat.HTML.render(
            ReportFixtures.withExperiments(ResultsFixtures.run(), experiments));
    int bytes = html.getBytes(StandardCharsets.UTF_8).length;
    assertTrue(bytes < 300_000, "index.html of 20 experiments is " + bytes + " bytes");
  }

  private static long p50(ExperimentResult e, String variant, int block) {
    return e.trials().stream()
        .filter(t -> t.variant().equals(variant) && t.block() == block)
        .findFirst()
        .orElseThrow()
        .distribution(LatencyChart.HISTOGRAM)
        .p50();
  }

  private static List<String> matches(String text, String regex) {
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }
}
