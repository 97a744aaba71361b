package dev.djbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code djbench merge}'s joining of shards, and what it refuses. */
class ShardMergeTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden/results-v7-merged.json");

  private static ShardMerge.Input input(RunResult run) {
    return new ShardMerge.Input(Path.of("/runs/" + run.runId()), run, null);
  }

  private static RunResult merged() throws ResultsException {
    // Given out of order: the merge orders shards by index and experiments as the suite does.
    return ShardMerge.merge(
        List.of(input(ResultsFixtures.shard(2)), input(ResultsFixtures.shard(1))), "merged-1");
  }

  @Test
  void theShardsMakeTheWholeRunsExperimentsInScenarioOrderWithEveryMachine() throws Exception {
    RunResult merged = merged();
    RunResult whole = ResultsFixtures.run();
    assertEquals(whole.experiments(), merged.experiments());
    assertEquals(RunResult.Status.COMPLETE, merged.status());
    assertEquals(null, merged.shard());
    assertEquals(List.of("1/2", "2/2"), merged.shards().stream().map(s -> s.label()).toList());
    assertEquals("Other CPU", merged.shards().get(1).machine().cpuModel());
    assertEquals(List.of("gunicorn-workers"), merged.shards().get(1).experiments());
    assertEquals("2026-01-01T00:01:00Z", merged.startedAt());
    assertEquals("2026-01-01T00:12:00Z", merged.finishedAt());
    assertEquals(whole.seed(), merged.seed());
  }

  /** The merged form, sealed: regenerate deliberately with DJBENCH_WRITE_GOLDEN=1. */
  @Test
  void theMergedFormatIsSealedByItsGoldenFile() throws Exception {
    String json = ResultsIO.toJson(merged()) + "\n";
    if (System.getenv("DJBENCH_WRITE_GOLDEN") != null) {
      Files.writeString(GOLDEN, json, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), json, "merged results changed");
    assertEquals(json, ResultsIO.toJson(ResultsIO.read(GOLDEN)) + "\n");
  }

  @Test
  void aShardThatDidNotCompleteMakesTheMergeSaySoAndKeepsWhatItMeasured() throws Exception {
    RunResult failed =
        withStatus(ResultsFixtures.shard(2), RunResult.Status.FAILED, "gunicorn would not start");
    RunResult merged =
        ShardMerge.merge(List.of(input(ResultsFixtures.shard(1)), input(failed)), "m");
    assertEquals(RunResult.Status.FAILED, merged.status());
    assertEquals("shard 2/2 failed: gunicorn would not start", merged.message());
    assertEquals(3, merged.experiments().size());
  }

  @Test
  void aMissingShardIsNamed() {
    var e =
        assertThrows(
            ResultsException.class,
            () -> ShardMerge.merge(List.of(input(ResultsFixtures.shard(1))), "m"));
    assertTrue(
        e.getMessage().startsWith("shard 2/2 is missing; given 1/2 (/runs/"), e.getMessage());
  }

  @Test
  void aShardGivenTwiceIsRefused() {
    RunResult again = ResultsFixtures.shard(1);
    var e =
        assertThrows(
            ResultsException.class,
            () -> ShardMerge.merge(List.of(input(again), input(again)), "m"));
    assertTrue(e.getMessage().startsWith("shard 1/2 is given twice"), e.getMessage());
  }

  @Test
  void shardsOfAnotherSeedAreNotShardsOfTheSameRun() {
    RunResult two = ResultsFixtures.shard(2);
    RunResult otherSeed = copy(two, two.seed() + 1, two.status(), two.message());
    var e =
        assertThrows(
            ResultsException.class,
            () ->
                ShardMerge.merge(List.of(input(ResultsFixtures.shard(1)), input(otherSeed)), "m"));
    assertEquals(
        "these are not shards of one run: the seed differs: 42 in /runs/20260101-000001-0001, 43"
            + " in /runs/20260101-000002-0002",
        e.getMessage());
  }

  @Test
  void aRunOfTheWholeSuiteIsNotAShard() {
    var e =
        assertThrows(
            ResultsException.class,
            () ->
                ShardMerge.merge(
                    List.of(input(ResultsFixtures.shard(1)), input(ResultsFixtures.run())), "m"));
    assertTrue(e.getMessage().contains("is not a shard"), e.getMessage());
  }

  private static RunResult withStatus(RunResult r, RunResult.Status status, String message) {
    return copy(r, r.seed(), status, message);
  }

  /** {@code r} with another seed, status and message. */
  private static RunResult copy(RunResult r, long seed, RunResult.Status status, String message) {
    return new RunResult(
        r.schemaVersion(),
        r.runId(),
        status,
        message,
        r.startedAt(),
        r.finishedAt(),
        r.scenarioFile(),
        r.suite(),
        r.profile(),
        seed,
        r.clientLatencyResolution(),
        r.machine(),
        r.experiments(),
        null,
        r.shard(),
        List.of());
  }
}
