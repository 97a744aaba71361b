package dev.djbench.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.cli.Djbench;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.ResultsIO;
import dev.djbench.results.RunResult;
import dev.djbench.results.TrialResult;
import dev.djbench.testsupport.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A suite run in two shards, one after the other, then merged, against the same suite run whole
 * with the same seed: the same experiments, the same comparisons, each experiment's blocks in the
 * same order.
 */
class ShardMergeIT {

  private static final String SEED = "11";

  @Test
  void twoShardsMergedAreTheWholeRunOfTheSameSeed(@TempDir Path dir) throws Exception {
    Projects.copy("bookshop", dir.resolve("bookshop"));
    Path scenario = dir.resolve("shards.yaml");
    Files.writeString(
        scenario,
        """
        suite: bookshop-shards
        app: {path: bookshop, seed_command: "populate --books 10"}
        defaults:
          load: {rate: 20/s, interleave: requests}
        experiments:
          - id: lists
            equivalence: status
            variants: {books: GET /books/, authors: GET /authors/}
          - id: detail
            equivalence: status
            variants: {first: GET /books/1/, second: GET /books/2/}
          - id: summaries
            equivalence: status
            variants: {stats: GET /stats/, prices: GET /prices/}
        """);
    assertEquals(0, Projects.runSmoke(scenario, dir.resolve("whole"), "--seed", SEED));
    assertEquals(
        0, Projects.runSmoke(scenario, dir.resolve("shards"), "--seed", SEED, "--shard", "1/2"));
    assertEquals(
        0, Projects.runSmoke(scenario, dir.resolve("shards"), "--seed", SEED, "--shard", "2/2"));
    List<String> merge = new ArrayList<>(List.of("--home", Projects.HOME.toString(), "merge"));
    try (Stream<Path> shards = Files.list(dir.resolve("shards"))) {
      shards.sorted().forEach(p -> merge.add(p.toString()));
    }
    merge.addAll(List.of("--reports", dir.resolve("merged").toString()));
    assertEquals(0, Djbench.execute(merge.toArray(String[]::new)));

    RunResult whole = ResultsIO.read(Projects.onlyRun(dir.resolve("whole")));
    RunResult merged = ResultsIO.read(Projects.onlyRun(dir.resolve("merged")));
    assertEquals(RunResult.Status.COMPLETE, merged.status(), merged.message());
    assertEquals(ids(whole), ids(merged));
    assertEquals(List.of("lists", "detail", "summaries"), ids(merged));
    // Shards are dealt whole experiments, balanced: two to the first, one to the second.
    assertEquals(List.of("lists", "summaries"), merged.shards().get(0).experiments());
    assertEquals(List.of("detail"), merged.shards().get(1).experiments());
    assertEquals(whole.seed(), merged.seed());
    for (int i = 0; i < whole.experiments().size(); i++) {
      ExperimentResult a = whole.experiments().get(i);
      ExperimentResult b = merged.experiments().get(i);
      assertEquals("measured", b.status().word(), b.reason());
      assertFalse(b.comparisons().isEmpty(), b.id());
      assertEquals(shape(a), shape(b), a.id() + ": the same comparisons");
      assertEquals(blocks(a), blocks(b), a.id() + ": the same blocks, in the same order");
      for (TrialResult t : b.trials()) {
        assertTrue(t.valid(), t.invalidReasons().toString());
      }
    }
    assertEquals(List.of(), Processes.mentioning(dir.toString()));
  }

  private static List<String> ids(RunResult run) {
    return run.experiments().stream().map(ExperimentResult::id).toList();
  }

  /** What each comparison compares: candidate, baseline, metric, threshold. */
  private static List<String> shape(ExperimentResult e) {
    return e.comparisons().stream()
        .map(c -> c.candidate() + "/" + c.baseline() + " " + c.metric() + " δ " + c.threshold())
        .toList();
  }

  /** Each trial's block, position and variant, in the order measured. */
  private static List<String> blocks(ExperimentResult e) {
    return e.trials().stream()
        .map(t -> t.block() + "." + t.position() + " " + t.variant())
        .toList();
  }
}
