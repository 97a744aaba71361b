package dev.djbench.gate;

import static dev.djbench.gate.GateRuns.blocks;
import static dev.djbench.gate.GateRuns.measured;
import static dev.djbench.gate.GateRuns.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.results.ExperimentResult;
import dev.djbench.results.ResultsIO;
import dev.djbench.results.RunResult;
import dev.djbench.scenario.Scenario;
import dev.djbench.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stored results.json as a gate's baseline: what is accepted, and what is refused with which
 * message.
 */
class StoredBaselineTest {

  private static final Path HOME = Path.of("").toAbsolutePath();
  private static Scenario ciGate;

  @TempDir Path work;

  /** A gate suite of two pages, written here so that the shipped ci-gate.yaml may change freely. */
  @BeforeAll
  static void loadScenario() throws Exception {
    ciGate =
        new ScenarioLoader(HOME)
            .parse(
                HOME.resolve("scenarios/stored-baseline-test.yaml"),
                """
                suite: ci-gate
                app: ../sample-django-app
                gate: {server_p50: 10%}
                experiments:
                  - {id: post-list, request: "GET /techniques/select-related/optimized/"}
                  - {id: tagged-posts, request: "GET /techniques/prefetch-related/optimized/"}
                """);
  }

  private Path stored(RunResult run) throws Exception {
    Path dir = Files.createDirectories(work.resolve(run.runId()));
    return ResultsIO.write(dir, run);
  }

  private static ExperimentResult experiment(String id) {
    return measured(id, blocks(id, 4, 6000, 6100, 0.02, id.hashCode()));
  }

  private String refusal(RunResult run) throws Exception {
    Path file = stored(run);
    GateInputException e =
        assertThrows(GateInputException.class, () -> StoredBaseline.read(file, ciGate));
    assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
    return e.getMessage();
  }

  @Test
  void aGateRunOfTheSameSuiteIsAcceptedAndItsCandidateTrialsAreTheBaseline() throws Exception {
    RunResult run =
        run("ci-gate", "quick", List.of(experiment("post-list"), experiment("tagged-posts")));
    StoredBaseline baseline = StoredBaseline.read(stored(run).getParent(), ciGate);

    double[] expected =
        run.experiments().get(0).trials().stream()
            .filter(t -> t.variant().equals("candidate"))
            .mapToDouble(t -> t.distribution("serverTotalMicros").p50())
            .toArray();
    assertEquals(4, expected.length);
    assertArrayEquals(expected, baseline.values("post-list", "serverTotalMicros.p50"));
  }

  @Test
  void anotherSuiteIsRefusedNamingBothSuites() throws Exception {
    String message =
        refusal(
            run(
                "techniques",
                "quick",
                List.of(experiment("post-list"), experiment("tagged-posts"))));
    assertTrue(
        message.contains("suite 'techniques'") && message.contains("suite 'ci-gate'"), message);
  }

  @Test
  void aMissingExperimentIsRefusedNamingIt() throws Exception {
    String message = refusal(run("ci-gate", "quick", List.of(experiment("post-list"))));
    assertTrue(message.contains("has no experiment tagged-posts"), message);
    assertTrue(message.contains("(it has: post-list)"), message);
  }

  @Test
  void aRunWithoutCandidateTrialsIsNotAGateRun() throws Exception {
    var plain =
        ExperimentResult.of("tagged-posts", "", "", List.of())
            .with(ExperimentResult.Status.MEASURED, "")
            .withTrials(
                List.of(
                    GateRuns.trial("tagged-posts", "naive", 0, 5000),
                    GateRuns.trial("tagged-posts", "optimized", 0, 3000)))
            .withComparisons(List.of());
    String message = refusal(run("ci-gate", "quick", List.of(experiment("post-list"), plain)));
    assertTrue(
        message.contains("experiment tagged-posts has no trials of the variant 'candidate'"),
        message);
  }

  @Test
  void aFileThatIsNotResultsIsRefused() throws Exception {
    Path file =
        Files.writeString(work.resolve("results.json"), "{\"schemaVersion\": 1, \"oops\": true}");
    GateInputException e =
        assertThrows(GateInputException.class, () -> StoredBaseline.read(file, ciGate));
    assertTrue(e.getMessage().startsWith("--baseline-results: " + file), e.getMessage());
  }
}
