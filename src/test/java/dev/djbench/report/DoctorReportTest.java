package dev.djbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.doctor.Check;
import dev.djbench.doctor.DoctorFixtures;
import dev.djbench.doctor.DoctorResult;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class DoctorReportTest {

  private static DoctorResult diagnosed() {
    DoctorResult all = DoctorFixtures.result();
    // The first two pages were traced; the third (shelf) was not.
    return new DoctorResult(
        all.schemaVersion(),
        all.runId(),
        all.suite(),
        all.project(),
        all.startedAt(),
        all.finishedAt(),
        all.status(),
        all.problem(),
        all.scale(),
        all.pages().subList(0, 2));
  }

  @Test
  void theJUnitFileIsSealedByItsGoldenFile() throws Exception {
    Golden.assertMatches(
        "doctor-junit.xml", DoctorReport.junit(DoctorFixtures.result(), Set.of(Check.N_PLUS_ONE)));
  }

  @Test
  void anNPlusOneFailsTheCheckThatAsksForItAndNothingElse() {
    assertEquals("failed", DoctorReport.Verdict.of(diagnosed(), Set.of(Check.N_PLUS_ONE)).word());
    assertEquals("passed", DoctorReport.Verdict.of(diagnosed(), Set.of(Check.DUPLICATES)).word());
    assertEquals("passed", DoctorReport.Verdict.of(diagnosed(), Set.of()).word());
    List<String> failures =
        DoctorReport.Verdict.of(diagnosed(), Set.of(Check.N_PLUS_ONE)).failures();
    assertEquals(1, failures.size(), failures.toString());
    assertTrue(
        failures.get(0).contains("books: N+1: 10 × SELECT … FROM catalog_author")
            && failures.get(0).contains("book_list.html:7"),
        failures.get(0));
  }

  @Test
  void aCheckThatCannotBeEvaluatedBreaksTheRunNeverPassesIt() {
    // Growth was not measured on stats (no seed): asking for it cannot pass.
    var verdict = DoctorReport.Verdict.of(diagnosed(), Set.of(Check.GROWTH));
    assertEquals("broken", verdict.word());
    assertTrue(
        verdict.unevaluable().get(0).startsWith("stats growth: growth not measured"),
        verdict.unevaluable().toString());
    // A page that was not traced cannot be judged on any check.
    assertEquals(
        "broken",
        DoctorReport.Verdict.of(DoctorFixtures.result(), Set.of(Check.N_PLUS_ONE)).word());
  }

  @Test
  void theJUnitFileHasACasePerPageAndCheckWithFailuresAndErrors() throws Exception {
    String xml =
        DoctorReport.junit(DoctorFixtures.result(), Set.of(Check.N_PLUS_ONE, Check.GROWTH));
    var doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(
                new java.io.ByteArrayInputStream(
                    xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    Element suite = doc.getDocumentElement();
    assertEquals("6", suite.getAttribute("tests"));
    assertEquals("2", suite.getAttribute("failures"), xml);
    assertEquals("3", suite.getAttribute("errors"), xml);
  }

  @Test
  void theConsoleShowsADashForWhatWasNotMeasuredAndTheFix() {
    String text = DoctorReport.text(DoctorFixtures.result(), Set.of());
    assertTrue(text.contains("fix: select_related('author') on the catalog.Book queryset"), text);
    assertTrue(
        text.contains(
            "at catalog/templates/catalog/book_list.html:7 (book.author.name), via catalog/views.py:10"),
        text);
    String shelf = text.lines().filter(l -> l.startsWith("  shelf")).findFirst().orElseThrow();
    assertTrue(shelf.contains("–"), shelf);
    assertTrue(!shelf.matches(".*\\b0\\.0+\\b.*"), "not measured is never 0: " + shelf);
  }

  @Test
  void theHtmlSectionEscapesWhatItShows() {
    String html = DoctorReport.html(DoctorFixtures.result(), Set.of(Check.N_PLUS_ONE));
    assertTrue(html.contains("<section class=\"doctor\" id=\"doctor\">"), html);
    assertTrue(html.contains("the probe wrote no trace &lt;trace&gt;"), "escaped");
    assertTrue(html.contains("<span class=\"badge bad\">N+1</span>"), html);
  }
}
