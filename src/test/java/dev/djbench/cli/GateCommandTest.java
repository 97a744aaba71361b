package dev.djbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.djbench.results.GateResult;
import dev.djbench.results.Word;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code djbench gate}'s arguments: what is refused before anything is measured. */
class GateCommandTest {

  private static final String HOME = Path.of("").toAbsolutePath().toString();

  @TempDir Path work;

  @Test
  void baselineAndBaselineResultsAreMutuallyExclusive() {
    assertEquals(
        2,
        Djbench.execute(
            "--home",
            HOME,
            "gate",
            "--baseline",
            "HEAD",
            "--baseline-results",
            work.resolve("results.json").toString(),
            "--candidate",
            "HEAD"));
  }

  @Test
  void oneOfThemIsRequired() {
    assertEquals(2, Djbench.execute("--home", HOME, "gate", "--candidate", "HEAD"));
  }

  @Test
  void aStoredBaselineThatIsNotAResultsFileIsBadInput() throws Exception {
    Path bogus = Files.writeString(work.resolve("results.json"), "not json");
    assertEquals(
        2,
        Djbench.execute(
            "--home",
            HOME,
            "gate",
            "--baseline-results",
            bogus.toString(),
            "--candidate",
            "HEAD",
            "--reports",
            work.resolve("reports").toString()));
  }

  @Test
  void aStoredBaselineOfAnotherSuiteIsBadInput() throws Exception {
    String techniques =
        """
        {"schemaVersion": 1, "runId": "r", "status": "complete", "message": "", "startedAt": "", "finishedAt": "",
         "scenarioFile": "scenarios/techniques.yaml", "suite": "techniques", "profile": "quick", "seed": 1,
         "clientLatencyResolution": "", "machine": null, "experiments": [], "gate": null}
        """;
    Path stored = Files.writeString(work.resolve("results.json"), techniques);
    assertEquals(
        2,
        Djbench.execute(
            "--home",
            HOME,
            "gate",
            "--baseline-results",
            stored.toString(),
            "--candidate",
            "HEAD",
            "--reports",
            work.resolve("reports").toString()));
  }

  @Test
  void exitCodesFollowTheOutcomeAndThePolicy() {
    assertEquals(0, GateCommand.exitCode(result("pass", "pass")));
    assertEquals(1, GateCommand.exitCode(result("regression", "pass")));
    assertEquals(0, GateCommand.exitCode(result("inconclusive", "pass")));
    assertEquals(4, GateCommand.exitCode(result("inconclusive", "fail")));
    assertEquals(3, GateCommand.exitCode(result("broken", "fail")));
  }

  private static GateResult result(String outcome, String policy) {
    return new GateResult(
        GateResult.Mode.STORED_BASELINE,
        "results.json",
        "HEAD",
        Word.parse(GateResult.Policy.class, policy),
        Word.parse(GateResult.Outcome.class, outcome),
        0.05,
        List.of(),
        List.of());
  }
}
