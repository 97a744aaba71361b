package dev.djbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.results.ResultsFixtures;
import dev.djbench.results.ResultsIO;
import dev.djbench.results.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --shard} and {@code merge} at the command line: what they refuse, what they write. */
class ShardCommandsTest {

  @Test
  void aShardWithoutASeedIsRefusedBeforeAnythingRuns(@TempDir Path reports) {
    Cli.Outcome o = Cli.execute("run", "--shard", "1/2", "--reports", reports.toString());
    assertEquals(ExitCode.BAD_INPUT.code(), o.exit(), o.err());
    assertTrue(o.err().contains("--shard 1/2 needs --seed N"), o.err());
    assertEquals(List.of(), List.of(reports.toFile().list()), "no run folder was made");
  }

  @Test
  void aMalformedShardIsNamedWithWhatWasExpected(@TempDir Path reports) {
    Cli.Outcome o =
        Cli.execute("run", "--shard", "3/2", "--seed", "1", "--reports", reports.toString());
    assertEquals(ExitCode.BAD_INPUT.code(), o.exit(), o.err());
    assertTrue(
        o.err().contains("--shard: '3/2' is not a shard; expected K/N with 1 <= K <= N"), o.err());
  }

  @Test
  void theShardsFoldersMergeIntoOneRunWithItsReportsAndTheShardsLogs(@TempDir Path dir)
      throws Exception {
    Path one = shardFolder(dir, 1);
    Path two = shardFolder(dir, 2);
    Path reports = dir.resolve("merged");
    Cli.Outcome o =
        Cli.execute(
            "merge",
            two.toString(),
            one.resolve("results.json").toString(),
            "--reports",
            reports.toString());
    assertEquals(ExitCode.OK.code(), o.exit(), o.err());
    Path merged;
    try (Stream<Path> runs = Files.list(reports)) {
      merged = runs.findFirst().orElseThrow();
    }
    RunResult result = ResultsIO.read(merged);
    assertEquals(ResultsFixtures.run().experiments(), result.experiments());
    assertEquals(2, result.shards().size());
    for (String file : List.of("index.html", "summary.md", "junit.xml")) {
      assertTrue(Files.isRegularFile(merged.resolve(file)), file);
    }
    assertEquals(
        "shard 2's server log", Files.readString(merged.resolve("logs/shard-2-of-2/gunicorn.log")));
    String summary = Files.readString(merged.resolve("summary.md"));
    assertTrue(summary.contains("shard 2/2: run 20260101-000002-0002"), summary);
    assertTrue(summary.contains("4 cores, Other CPU"), summary);
  }

  @Test
  void aMissingShardMakesNoMergeAndExitsWithBadInput(@TempDir Path dir) throws Exception {
    Path one = shardFolder(dir, 1);
    Path reports = dir.resolve("merged");
    Cli.Outcome o = Cli.execute("merge", one.toString(), "--reports", reports.toString());
    assertEquals(ExitCode.BAD_INPUT.code(), o.exit(), o.err());
    assertTrue(o.err().contains("djbench: shard 2/2 is missing; given 1/2 ("), o.err());
    assertTrue(Files.notExists(reports), "nothing is written");
  }

  private static Path shardFolder(Path dir, int index) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("shard-" + index));
    ResultsIO.write(folder, ResultsFixtures.shard(index));
    Files.createDirectories(folder.resolve("logs"));
    Files.writeString(folder.resolve("logs/gunicorn.log"), "shard " + index + "'s server log");
    return folder;
  }
}
