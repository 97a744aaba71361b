package dev.djbench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.cli.Djbench;
import dev.djbench.results.ResultsIO;
import dev.djbench.results.RunResult;
import dev.djbench.testsupport.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The regression gate on two directories of the reference app, measured for real: a candidate whose
 * injected slowdown is 25% fails the gate with exit 1 and a JUnit failure naming the metric; two
 * unchanged copies pass.
 */
class GateIT {

  private static final Path HOME = Path.of("").toAbsolutePath();

  @TempDir Path work;

  /**
   * A copy of the reference app whose built-in default slowdown is {@code slowdownPct} (a code
   * change).
   */
  static Path appCopy(Path target, int slowdownPct) throws IOException {
    Path source = HOME.resolve("sample-django-app");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path from :
          files
              .filter(
                  p ->
                      !p.toString().contains("__pycache__")
                          && !p.toString().contains(".venv")
                          && !p.getFileName().toString().startsWith("db.sqlite3"))
              .toList()) {
        Path to = target.resolve(source.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    Path env = target.resolve("djbench_app/env.py");
    String text = Files.readString(env, StandardCharsets.UTF_8);
    String changed =
        text.replace(
            "\"DJBENCH_SLOWDOWN_PCT\": \"0\",",
            "\"DJBENCH_SLOWDOWN_PCT\": \"" + slowdownPct + "\",");
    assertTrue(
        slowdownPct == 0 || !changed.equals(text), "the slowdown default was found in env.py");
    Files.writeString(env, changed, StandardCharsets.UTF_8);
    return target;
  }

  /** A one-page gate on server time at threshold {@code delta} (a percentage). */
  private Path scenario(int delta) throws IOException {
    Path file = work.resolve("gate.yaml");
    Files.writeString(
        file,
        """
        suite: gate-it
        app: %s
        defaults:
          load: {rate: 30/s, warmup: 1s, interleave: requests}
        gate:
          server_p50: %d%%
        experiments:
          - id: post-list
            seed: {authors: 20, posts: 100}
            request: "GET /techniques/select-related/optimized/?limit=30"
        """
            .formatted(HOME.resolve("sample-django-app"), delta));
    return file;
  }

  private int gate(Path baseline, Path candidate, Path junit, int delta) throws IOException {
    return Djbench.execute(
        "--home",
        HOME.toString(),
        "gate",
        scenario(delta).toString(),
        "--baseline",
        baseline.toString(),
        "--candidate",
        candidate.toString(),
        "--profile",
        "quick",
        "--seed",
        "17",
        "--junit",
        junit.toString(),
        "--reports",
        work.resolve("reports").toString());
  }

  @Test
  void aCandidate25PercentSlowerFailsTheGateAndTheJUnitFileNamesTheMetric() throws Exception {
    Path junit = work.resolve("junit.xml");
    // δ 5% against a 25% slowdown leaves a margin for a busy machine's wider intervals.
    int exit = gate(appCopy(work.resolve("base"), 0), appCopy(work.resolve("slow"), 25), junit, 5);
    assertEquals(1, exit, "a regression exits 1");

    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
    Element failure = (Element) xml.getElementsByTagName("failure").item(0);
    assertTrue(failure != null, "a <failure> element");
    Element testcase = (Element) failure.getParentNode();
    assertEquals("serverTotalMicros.p50", testcase.getAttribute("name"));
    assertTrue(testcase.getAttribute("classname").endsWith("post-list"));
    assertEquals("regression", failure.getAttribute("type"));

    RunResult run = ResultsIO.read(onlyRun());
    assertEquals("regression", run.gate().outcome().word());
    var experiment = run.experiments().get(0);
    assertTrue(experiment.measuredTogether(), "interleave: requests is recorded");
    long blocksRun = experiment.trials().stream().mapToInt(t -> t.block()).distinct().count();
    assertEquals(
        2 * (blocksRun - 1),
        experiment.serverRestarts(),
        "both revisions' servers get fresh processes before every block but the first");
    // The pairs compared were measured at the same time: a block repeated after an invalid
    // attempt (a busy machine's late injector) keeps the invalid attempt too, but not in a pair.
    var byBlock =
        experiment.trials().stream()
            .filter(t -> t.valid())
            .collect(
                java.util.stream.Collectors.groupingBy(
                    t -> t.block(),
                    java.util.stream.Collectors.mapping(
                        t -> t.startedAt(), java.util.stream.Collectors.toSet())));
    byBlock.forEach(
        (block, starts) ->
            assertEquals(1, starts.size(), "block " + block + " measured both at once"));
    var check = run.gate().checks().get(0);
    assertEquals("slower", check.verdict());
    assertTrue(
        check.lower() > 1.05, "the whole interval lies beyond the 5% threshold: " + check.lower());
    assertEquals(
        List.of(), Processes.mentioning(work.toString()), "no process of the gate is left");
  }

  @Test
  void twoUnchangedCopiesPassTheGate() throws Exception {
    Path junit = work.resolve("junit.xml");
    // δ 10%: two copies of one revision must not be called slower; a wider zone keeps false alarms
    // rarer still.
    int exit = gate(appCopy(work.resolve("a"), 0), appCopy(work.resolve("b"), 0), junit, 10);
    assertEquals(0, exit, "no regression exits 0");
    RunResult run = ResultsIO.read(onlyRun());
    assertTrue(
        List.of("pass", "inconclusive").contains(run.gate().outcome().word()),
        run.gate().outcome().word());
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
    assertEquals(0, xml.getElementsByTagName("failure").getLength());
  }

  @Test
  void aRevisionThatIsNeitherADirectoryNorARefIsBadInput() throws Exception {
    int exit =
        Djbench.execute(
            "--home",
            HOME.toString(),
            "gate",
            scenario(10).toString(),
            "--baseline",
            "no-such-ref-or-dir",
            "--candidate",
            HOME.resolve("sample-django-app").toString(),
            "--reports",
            work.resolve("reports").toString());
    assertEquals(2, exit);
  }

  private Path onlyRun() throws IOException {
    try (Stream<Path> dirs = Files.list(work.resolve("reports"))) {
      return dirs.filter(Files::isDirectory).findFirst().orElseThrow();
    }
  }
}
