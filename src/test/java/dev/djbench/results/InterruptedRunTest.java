package dev.djbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a killed run leaves (run.json, a journal whose last line the kill may have cut, the ended
 * experiments) read back: for {@code --resume} and for {@code djbench report}.
 */
class InterruptedRunTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden/run-manifest-v2.json");
  private static final Path GOLDEN_V1 = Path.of("src/test/resources/golden/run-manifest-v1.json");

  @TempDir Path run;

  private static RunManifest manifest() {
    RunResult fixture = ResultsFixtures.run();
    return new RunManifest(
        RunManifest.SCHEMA_VERSION,
        fixture.runId(),
        fixture.startedAt(),
        "/home/u/project/scenarios/techniques.yaml",
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        fixture.suite(),
        fixture.profile(),
        fixture.seed(),
        List.of("--profile", "quick", "--only", "select-related"),
        fixture.machine(),
        List.of(
            fixture.experiments().get(0).withTrials(List.of()).withComparisons(List.of()),
            ExperimentResult.of(
                "only-defer",
                "only() and defer()",
                "",
                List.of(
                    new ExperimentResult.VariantInfo("naive", "GET /a/", "gunicorn"),
                    new ExperimentResult.VariantInfo("optimized", "GET /b/", "gunicorn")))),
        new RunResult.Shard(2, 3, List.of("n-plus-one", "select-related", "only-defer", "cache")));
  }

  /** run.json's format, sealed: regenerate deliberately with DJBENCH_WRITE_GOLDEN=1. */
  @Test
  void theManifestFormatIsSealedByItsGoldenFile() throws Exception {
    manifest().write(run);
    String json = Files.readString(run.resolve(RunManifest.FILE), StandardCharsets.UTF_8);
    if (System.getenv("DJBENCH_WRITE_GOLDEN") != null) {
      Files.writeString(GOLDEN, json, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), json, "run.json changed");
    assertEquals(manifest(), RunManifest.read(run));
  }

  /** A version 1 run.json (before shards) still reads, as a run of the whole suite. */
  @Test
  void version1ManifestsStillRead() throws Exception {
    Files.copy(GOLDEN_V1, run.resolve(RunManifest.FILE));
    Files.writeString(run.resolve(Journal.FILE), "");
    RunManifest v1 = RunManifest.read(run);
    assertEquals(1, v1.schemaVersion());
    assertEquals(null, v1.shard());
    assertEquals(manifest().planned(), v1.planned());
    assertEquals(null, v1.asInterrupted(Journal.readInterrupted(run), "now").shard());
  }

  /** A killed shard renders as that shard, so that its folder still merges with the others. */
  @Test
  void aKilledShardStaysItsShard() throws Exception {
    manifest().write(run);
    Files.writeString(run.resolve(Journal.FILE), "");
    RunResult interrupted =
        RunManifest.read(run).asInterrupted(Journal.readInterrupted(run), "2026-12-02T04:00:00Z");
    assertEquals("2/3", interrupted.shard().label());
    assertEquals(List.of("select-related", "only-defer"), ids(interrupted));
  }

  private static List<String> ids(RunResult run) {
    return run.experiments().stream().map(ExperimentResult::id).toList();
  }

  @Test
  void aLastLineCutByTheKillIsLeftOutAndTheJournalGoesOnAfterIt() throws Exception {
    TrialResult first = ResultsFixtures.trial("naive", 0, 19_000, 51);
    TrialResult second = ResultsFixtures.trial("optimized", 0, 9_000, 1);
    try (Journal journal = Journal.create(run)) {
      journal.append(first);
      journal.append(second);
    }
    Path file = run.resolve(Journal.FILE);
    Files.writeString(
        file, "{\"experiment\":\"select-related\",\"vari", java.nio.file.StandardOpenOption.APPEND);

    assertEquals(List.of(first, second), Journal.readInterrupted(run).trials());

    TrialResult third = ResultsFixtures.trial("naive", 1, 18_000, 51);
    try (Journal journal = Journal.reopen(run)) {
      journal.append(third);
    }
    assertEquals(List.of(first, second, third), Journal.read(file), "the cut line is gone");
  }

  @Test
  void theReportOfAKilledRunHasItsEndedExperimentsItsTrialsAndTheWordInterrupted()
      throws Exception {
    RunResult fixture = ResultsFixtures.run();
    ExperimentResult ended = fixture.experiments().get(0);
    TrialResult t = ResultsFixtures.trial("naive", 0, 30_000, 3);
    TrialResult underWay = ResultsFixtures.as(t, "only-defer", t.valid(), t.invalidReasons());
    try (Journal journal = Journal.create(run)) {
      for (TrialResult trial : ended.trials()) {
        journal.append(trial);
      }
      journal.finished(ended);
      journal.append(underWay);
    }

    RunResult result =
        manifest().asInterrupted(Journal.readInterrupted(run), "2026-12-02T04:00:00Z");

    assertEquals(RunResult.Status.INTERRUPTED, result.status());
    assertEquals("interrupted", result.status().word());
    assertEquals(ended, result.experiments().get(0), "the ended experiment, trials put back");
    ExperimentResult second = result.experiments().get(1);
    assertEquals(ExperimentResult.Status.ABORTED, second.status());
    assertEquals(List.of(underWay), second.trials());
    assertTrue(second.comparisons().isEmpty(), "no verdict on an experiment cut short");
    assertTrue(result.message().contains("--resume"), result.message());
  }
}
