package dev.djbench.project;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.cli.Djbench;
import dev.djbench.results.GateResult;
import dev.djbench.results.ResultsIO;
import dev.djbench.results.RunResult;
import dev.djbench.testsupport.Processes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A gate between two revisions of a project that knows nothing of djbench, the candidate with an
 * added N+1 (each book's genres, one query per book): it fails on server time and on queries, the
 * JUnit file names both, and the project's own database is untouched.
 */
class OwnProjectGateIT {

  private static final Path HOME = Projects.HOME;

  @Test
  void anAddedNPlusOneFailsTheGateOnServerTimeAndQueries(@TempDir Path dir) throws Exception {
    Path baseline = Projects.copy("bookshop", dir.resolve("base/bookshop"));
    Path candidate = Projects.copy("bookshop", dir.resolve("cand/bookshop"));
    Path template = candidate.resolve("catalog/templates/catalog/book_list.html");
    String page = Files.readString(template, StandardCharsets.UTF_8);
    String withGenres =
        page.replace(
            "— {{ book.price }}",
            "— {{ book.price }}{% for g in book.genres.all %} [{{ g.name }}]{% endfor %}");
    assertTrue(!withGenres.equals(page), "the candidate's template was changed");
    Files.writeString(template, withGenres, StandardCharsets.UTF_8);

    // The user's own database in the baseline's folder.
    Projects.manage(baseline, "migrate", "--noinput");
    byte[] before = Projects.sha256(baseline.resolve("db.sqlite3"));

    Path scenario = dir.resolve("base/gate.yaml");
    Files.writeString(
        scenario,
        """
        suite: bookshop-gate
        app: {path: bookshop, seed_command: "populate --books 20"}
        defaults:
          load: {rate: 30/s, warmup: 1s, interleave: requests}
        gate:
          server_p50: 10%
          queries: 5%
        experiments:
          - id: books
            request: GET /books/
        """);
    Path junit = dir.resolve("junit.xml");
    int exit =
        Djbench.execute(
            "--home",
            HOME.toString(),
            "gate",
            scenario.toString(),
            "--baseline",
            baseline.toString(),
            "--candidate",
            candidate.toString(),
            "--profile",
            "quick",
            "--seed",
            "23",
            "--junit",
            junit.toString(),
            "--reports",
            dir.resolve("reports").toString());
    assertEquals(1, exit, "a regression exits 1");

    Path run = Projects.onlyRun(dir.resolve("reports"));
    RunResult result = ResultsIO.read(run);
    Map<String, GateResult.CheckStatus> checks = new TreeMap<>();
    result.gate().checks().forEach(c -> checks.put(c.metric(), c.status()));
    assertEquals(
        Map.of(
            "dbQueries.mean", GateResult.CheckStatus.FAIL,
            "serverTotalMicros.p50", GateResult.CheckStatus.FAIL),
        checks,
        result.gate().checks().toString());
    var queries =
        result.gate().checks().stream()
            .filter(c -> c.metric().equals("dbQueries.mean"))
            .findFirst()
            .orElseThrow();
    assertEquals(41.0 / 21.0, queries.ratio(), 1e-9, "20 books' genres: 21 → 41 queries");

    NodeList failures =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(junit.toFile())
            .getElementsByTagName("failure");
    List<String> failed =
        java.util.stream.IntStream.range(0, failures.getLength())
            .mapToObj(i -> ((Element) failures.item(i).getParentNode()).getAttribute("name"))
            .sorted()
            .collect(Collectors.toList());
    assertEquals(List.of("dbQueries.mean", "serverTotalMicros.p50"), failed);

    assertArrayEquals(
        before, Projects.sha256(baseline.resolve("db.sqlite3")), "its own db.sqlite3");
    assertEquals(List.of(), Processes.mentioning(dir.toString()));
  }
}
