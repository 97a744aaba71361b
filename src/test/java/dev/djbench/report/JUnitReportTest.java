package dev.djbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.results.Comparison;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.GateResult;
import dev.djbench.results.ResultsFixtures;
import dev.djbench.results.RunResult;
import dev.djbench.results.Word;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitReportTest {

  @Test
  void aGateRunRendersAsItsGoldenFile() throws Exception {
    Golden.assertMatches("report-junit-gate.xml", ReportFormat.JUNIT.render(ResultsFixtures.run()));
  }

  @Test
  void aPlainRunRendersAsItsGoldenFile() throws Exception {
    Golden.assertMatches(
        "report-junit-plain.xml",
        ReportFormat.JUNIT.render(ReportFixtures.withGate(ResultsFixtures.run(), null)));
  }

  @Test
  void aRegressionIsAFailureNamingTheMetricAndTheRatio() throws Exception {
    Element suite = suite(ReportFormat.JUNIT.render(ResultsFixtures.run()));

    Element regression = testCase(suite, "clientLatencyMicros.p95");
    Element failure = (Element) regression.getElementsByTagName("failure").item(0);
    assertEquals("techniques.select-related", regression.getAttribute("classname"));
    assertEquals("regression", failure.getAttribute("type"));
    assertTrue(
        failure.getAttribute("message").contains("clientLatencyMicros.p95"),
        failure.getAttribute("message"));
    assertTrue(failure.getAttribute("message").contains("×1.25"), failure.getAttribute("message"));
    assertTrue(
        failure.getTextContent().contains("interval [1.18, 1.31]"), failure.getTextContent());
    assertTrue(failure.getTextContent().contains("threshold δ 10.0%"), failure.getTextContent());
    assertTrue(failure.getTextContent().contains("blocks 5"), failure.getTextContent());
    assertEquals(
        0,
        testCase(suite, "clientLatencyMicros.p50").getChildNodes().getLength(),
        "a pass is empty");
    assertCounts(suite, 3, 1, 0, 1);
  }

  @Test
  void anInconclusiveCheckIsSkippedOrFailedAsThePolicySays() throws Exception {
    for (String policy : List.of("pass", "fail")) {
      GateResult gate =
          new GateResult(
              GateResult.Mode.SAME_RUN,
              "main",
              "feature",
              Word.parse(GateResult.Policy.class, policy),
              GateResult.Outcome.INCONCLUSIVE,
              0.05,
              List.of(
                  new GateResult.GateCheck(
                      "select-related",
                      "clientLatencyMicros.p95",
                      0.10,
                      1.06,
                      0.97,
                      1.16,
                      0.975,
                      4,
                      "inconclusive",
                      GateResult.CheckStatus.INCONCLUSIVE,
                      "p95 client latency: not enough evidence either way")),
              List.of());
      Element suite =
          suite(ReportFormat.JUNIT.render(ReportFixtures.withGate(ResultsFixtures.run(), gate)));

      Element check = testCase(suite, "clientLatencyMicros.p95");
      if (policy.equals("pass")) {
        assertEquals(1, check.getElementsByTagName("skipped").getLength());
        assertEquals(0, check.getElementsByTagName("failure").getLength());
        assertCounts(suite, 2, 0, 0, 2);
      } else {
        Element failure = (Element) check.getElementsByTagName("failure").item(0);
        assertEquals("inconclusive", failure.getAttribute("type"));
        assertCounts(suite, 2, 1, 0, 1);
      }
    }
  }

  @Test
  void aPlainRunListsEachShownComparisonAsAPassWithItsVerdict() throws Exception {
    ExperimentResult measured = ResultsFixtures.run().experiments().get(0);
    List<Comparison> comparisons = new ArrayList<>(measured.comparisons());
    // Not shown in summaries, so not a test case either.
    comparisons.add(
        new Comparison(
            "naive",
            "optimized",
            "clientLatencyMicros.p95",
            1,
            1,
            1,
            0.9,
            1.1,
            0.95,
            5,
            "no change",
            0.05));
    ExperimentResult broken =
        ExperimentResult.of("cache-page", "cache_page", "", List.of())
            .with(ExperimentResult.Status.BROKEN, "variants answer differently: body differs")
            .withTrials(List.of())
            .withComparisons(List.of());
    RunResult run =
        ReportFixtures.withGate(
            ReportFixtures.withExperiments(
                ResultsFixtures.run(),
                List.of(
                    ReportFixtures.withTrials(measured, measured.trials(), comparisons),
                    ResultsFixtures.run().experiments().get(1),
                    broken)),
            null);

    Element suite = suite(ReportFormat.JUNIT.render(run));

    assertEquals("djbench.techniques", suite.getAttribute("name"));
    Element p50 = testCase(suite, "clientLatencyMicros.p50 optimized vs naive");
    assertTrue(
        p50.getElementsByTagName("system-out")
            .item(0)
            .getTextContent()
            .contains("verdict inconclusive"));
    assertEquals(0, suite.getElementsByTagName("failure").getLength());
    Element skipped = testCase(suite, "run", "techniques.conn-max-age");
    assertEquals(1, skipped.getElementsByTagName("skipped").getLength());
    Element error =
        (Element)
            testCase(suite, "run", "techniques.cache-page").getElementsByTagName("error").item(0);
    assertEquals("broken", error.getAttribute("type"));
    assertCounts(suite, 3, 0, 1, 1);
  }

  @Test
  void anyTextFromTheScenarioKeepsTheXmlWellFormed() throws Exception {
    String hostile =
        "<script>alert(1)</script> \"quotes\" & 'ampersands' ]]> \u0001\u0000 line\nbreak";
    ExperimentResult skipped =
        ExperimentResult.of(hostile, hostile, hostile, List.of())
            .with(ExperimentResult.Status.SKIPPED, hostile)
            .withTrials(List.of())
            .withComparisons(List.of());
    GateResult gate =
        new GateResult(
            GateResult.Mode.SAME_RUN,
            hostile,
            hostile,
            GateResult.Policy.FAIL,
            GateResult.Outcome.REGRESSION,
            0.05,
            List.of(
                new GateResult.GateCheck(
                    hostile,
                    hostile,
                    0.1,
                    2,
                    1.5,
                    2.5,
                    0.95,
                    5,
                    "slower",
                    GateResult.CheckStatus.FAIL,
                    hostile)),
            List.of(hostile));
    RunResult run =
        ReportFixtures.withGate(
            ReportFixtures.withExperiments(ResultsFixtures.run(), List.of(skipped)), gate);

    Element suite = suite(ReportFormat.JUNIT.render(run));

    // Characters XML cannot hold are shown as U+FFFD; everything else arrives as written.
    Element check = testCase(suite, hostile.replace("\u0001\u0000", "\uFFFD\uFFFD"));
    Element failure = (Element) check.getElementsByTagName("failure").item(0);
    String message = failure.getAttribute("message");
    assertTrue(
        message.contains(
            "<script>alert(1)</script> \"quotes\" & 'ampersands' ]]> \uFFFD\uFFFD line\nbreak"),
        message);
    assertCounts(suite, 2, 1, 0, 1);
  }

  @Test
  void anUnfinishedRunIsAnError() throws Exception {
    RunResult f = ResultsFixtures.run();
    RunResult aborted =
        new RunResult(
            f.schemaVersion(),
            f.runId(),
            RunResult.Status.ABORTED,
            "interrupted (Ctrl-C)",
            f.startedAt(),
            f.finishedAt(),
            f.scenarioFile(),
            f.suite(),
            f.profile(),
            f.seed(),
            f.clientLatencyResolution(),
            f.machine(),
            f.experiments(),
            null);

    Element suite = suite(ReportFormat.JUNIT.render(aborted));

    Element run = testCase(suite, "run", "techniques");
    assertEquals(
        "aborted", ((Element) run.getElementsByTagName("error").item(0)).getAttribute("type"));
  }

  /** Parses {@code xml} with the JDK's parser, which refuses anything not well-formed. */
  private static Element suite(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document document =
        factory
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Element root = document.getDocumentElement();
    assertEquals("testsuites", root.getTagName());
    NodeList suites = root.getElementsByTagName("testsuite");
    assertEquals(1, suites.getLength());
    Element suite = (Element) suites.item(0);
    for (String count : List.of("tests", "failures", "errors", "skipped", "time")) {
      assertEquals(suite.getAttribute(count), root.getAttribute(count), count);
    }
    return suite;
  }

  /**
   * Checks the suite's counts against the test cases it holds as well as against the expected
   * numbers.
   */
  private static void assertCounts(
      Element suite, int tests, int failures, int errors, int skipped) {
    assertEquals(tests, suite.getElementsByTagName("testcase").getLength());
    assertEquals(failures, suite.getElementsByTagName("failure").getLength());
    assertEquals(errors, suite.getElementsByTagName("error").getLength());
    assertEquals(skipped, suite.getElementsByTagName("skipped").getLength());
    assertEquals(Integer.toString(tests), suite.getAttribute("tests"));
    assertEquals(Integer.toString(failures), suite.getAttribute("failures"));
    assertEquals(Integer.toString(errors), suite.getAttribute("errors"));
    assertEquals(Integer.toString(skipped), suite.getAttribute("skipped"));
    assertEquals("60.000", suite.getAttribute("time"), "the run's wall-clock time");
  }

  private static Element testCase(Element suite, String name) {
    return testCase(suite, name, null);
  }

  private static Element testCase(Element suite, String name, String className) {
    NodeList cases = suite.getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      if (c.getAttribute("name").equals(name)
          && (className == null || c.getAttribute("classname").equals(className))) {
        return c;
      }
    }
    throw new AssertionError("no testcase named " + name);
  }
}
