package dev.djbench.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.runner.EquivalenceCheck.Response;
import dev.djbench.scenario.Equivalence;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EquivalenceCheckTest {

  @Test
  void sameIgnoresWhiteSpaceButNotContent() {
    assertEquals(
        Optional.empty(),
        EquivalenceCheck.difference(
            Equivalence.SAME,
            new Response(200, "<ul>\n  <li>a</li>\n</ul>"),
            new Response(200, "<ul> <li>a</li> </ul>\n")));
    Optional<String> d =
        EquivalenceCheck.difference(
            Equivalence.SAME, new Response(200, "<li>Ann</li>"), new Response(200, "<li>Bob</li>"));
    assertTrue(d.orElseThrow().contains("differ from character 4"), d.get());
  }

  @Test
  void aDifferentStatusIsAlwaysADifference() {
    Optional<String> d =
        EquivalenceCheck.difference(
            Equivalence.STATUS, new Response(200, ""), new Response(500, ""));
    assertEquals("status 500 where the baseline answered 200", d.orElseThrow());
  }

  @Test
  void prefixComparesTheItemsOfAPageWithTheWholeList() {
    String all =
        "<ul>\n<li class=\"item\">a</li>\n<li class=\"item\">b</li>\n<li class=\"item\">c</li>\n</ul>";
    String page =
        "<ul>\n<li class=\"item\">a</li>\n<li class=\"item\">b</li>\n</ul><nav>page 1</nav>";
    assertEquals(
        Optional.empty(),
        EquivalenceCheck.difference(
            Equivalence.PREFIX, new Response(200, all), new Response(200, page)));
    String wrong = "<li class=\"item\">b</li>";
    assertTrue(
        EquivalenceCheck.difference(
                Equivalence.PREFIX, new Response(200, all), new Response(200, wrong))
            .orElseThrow()
            .contains("item 0 differs"));
  }

  @Test
  void projectionAcceptsASubsetOfFieldsIncludingFlattenedNestedOnes() {
    String full =
        "[{\"id\": 1, \"title\": \"T\", \"author\": {\"name\": \"Ann\"}, \"body\": \"…\"}]";
    String lean = "[{\"id\": 1, \"title\": \"T\", \"author_name\": \"Ann\"}]";
    assertEquals(
        Optional.empty(),
        EquivalenceCheck.difference(
            Equivalence.PROJECTION, new Response(200, full), new Response(200, lean)));
    String wrong = "[{\"id\": 1, \"author_name\": \"Bob\"}]";
    assertTrue(
        EquivalenceCheck.difference(
                Equivalence.PROJECTION, new Response(200, full), new Response(200, wrong))
            .orElseThrow()
            .contains("field 'author_name'"));
    assertTrue(
        EquivalenceCheck.difference(
                Equivalence.PROJECTION, new Response(200, full), new Response(200, "[]"))
            .orElseThrow()
            .contains("0 items"));
  }
}
