package dev.djbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsIOTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden/results-v7.json");
  private static final Path GOLDEN_V6 = Path.of("src/test/resources/golden/results-v6.json");
  private static final Path GOLDEN_V5 = Path.of("src/test/resources/golden/results-v5.json");
  private static final Path GOLDEN_V4 = Path.of("src/test/resources/golden/results-v4.json");
  private static final Path GOLDEN_V3 = Path.of("src/test/resources/golden/results-v3.json");
  private static final Path GOLDEN_V2 = Path.of("src/test/resources/golden/results-v2.json");
  private static final Path GOLDEN_V1 = Path.of("src/test/resources/golden/results-v1.json");

  @Test
  void aRunSurvivesTheRoundTripWithItsHistograms(@TempDir Path dir) throws Exception {
    RunResult run = ResultsFixtures.run();
    ResultsIO.write(dir, run);
    RunResult back = ResultsIO.read(dir);
    assertEquals(ResultsIO.toJson(run), ResultsIO.toJson(back));
    TrialResult trial = back.experiments().get(0).trials().get(0);
    Histogram latency = HistogramCodec.decode(trial.histograms().get("clientLatencyMicros"));
    assertEquals(3, latency.getTotalCount());
    assertEquals(trial.distribution("clientLatencyMicros").p50(), latency.getValueAtPercentile(50));
    assertEquals(51, HistogramCodec.decode(trial.histograms().get("dbQueries")).getMaxValue());
    assertTrue(Double.isNaN(back.experiments().get(0).comparisons().get(0).lower()));
  }

  /**
   * Seals the results.json format: a change that alters it must bump {@link
   * RunResult#SCHEMA_VERSION} and add a new golden file, keeping the old ones so old runs stay
   * readable. Regenerate deliberately with {@code DJBENCH_WRITE_GOLDEN=1 mvn test
   * -Dtest=ResultsIOTest}.
   */
  @Test
  void theVersion7FormatIsSealedByItsGoldenFile() throws Exception {
    String json = ResultsIO.toJson(ResultsFixtures.run()) + "\n";
    if (System.getenv("DJBENCH_WRITE_GOLDEN") != null) {
      Files.writeString(GOLDEN, json, StandardCharsets.UTF_8);
    }
    assertEquals(
        Files.readString(GOLDEN, StandardCharsets.UTF_8),
        json,
        "results.json format changed: bump RunResult.SCHEMA_VERSION and add a golden file for the new version");
    RunResult old = ResultsIO.read(GOLDEN);
    assertEquals(ResultsIO.toJson(ResultsFixtures.run()), ResultsIO.toJson(old));
  }

  /** A version 6 file (before injectors) still reads, as a run of one injector. */
  @Test
  void version6FilesStillRead() throws Exception {
    RunResult v6 = ResultsIO.read(GOLDEN_V6);
    assertEquals(6, v6.schemaVersion());
    assertEquals(java.util.List.of(), v6.injectors());
    assertEquals(ResultsFixtures.run().experiments(), v6.experiments());
  }

  /** A version 5 file (before shards) still reads, as a run of the whole suite. */
  @Test
  void version5FilesStillRead() throws Exception {
    RunResult v5 = ResultsIO.read(GOLDEN_V5);
    assertEquals(5, v5.schemaVersion());
    assertEquals(null, v5.shard());
    assertEquals(java.util.List.of(), v5.shards());
    assertEquals(ResultsFixtures.run().experiments(), v5.experiments());
  }

  /** A version 1 file (before {@code interleave}) still reads, as trials measured one by one. */
  @Test
  void version1FilesStillRead() throws Exception {
    RunResult v1 = ResultsIO.read(GOLDEN_V1);
    assertEquals(1, v1.schemaVersion());
    assertEquals("trials", v1.experiments().get(0).interleave());
    assertEquals(false, v1.experiments().get(0).measuredTogether());
    RunResult now = ResultsFixtures.run();
    assertEquals(now.experiments().get(0).trials().size(), v1.experiments().get(0).trials().size());
    assertEquals(
        beforeVendors(now.experiments().get(0).trials()), v1.experiments().get(0).trials());
  }

  /**
   * A version 4 file (client latency in Gatling's milliseconds) still reads, its trials as they
   * were; its version says which clock its client figures were read on.
   */
  @Test
  void version4FilesStillRead() throws Exception {
    RunResult v4 = ResultsIO.read(GOLDEN_V4);
    assertEquals(4, v4.schemaVersion());
    assertEquals(
        ResultsFixtures.run().experiments().get(0).trials(), v4.experiments().get(0).trials());
    assertEquals(500, dev.djbench.analysis.Metric.CLIENT_P50.tolerance(v4.schemaVersion()));
    assertEquals(0.5, dev.djbench.analysis.Metric.CLIENT_P50.tolerance(RunResult.SCHEMA_VERSION));
  }

  /** A version 3 file (before {@code databaseVendors}) still reads, with no vendor reported. */
  @Test
  void version3FilesStillRead() throws Exception {
    RunResult v3 = ResultsIO.read(GOLDEN_V3);
    assertEquals(3, v3.schemaVersion());
    TrialResult trial = v3.experiments().get(0).trials().get(0);
    assertEquals(Map.of(), trial.databaseVendors());
    assertEquals(
        ResultsFixtures.run().experiments().get(0).trials().get(0).distributions(),
        trial.distributions());
  }

  /** A version 2 file (before {@code serverRestarts}) still reads, with no restarts. */
  @Test
  void version2FilesStillRead() throws Exception {
    RunResult v2 = ResultsIO.read(GOLDEN_V2);
    assertEquals(2, v2.schemaVersion());
    assertEquals(0, v2.experiments().get(0).serverRestarts());
    assertEquals(
        beforeVendors(ResultsFixtures.run().experiments().get(0).trials()),
        v2.experiments().get(0).trials());
  }

  @Test
  void anUnknownSchemaVersionIsRefusedNotMisread(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("results.json"), "{\"schemaVersion\": 99}");
    ResultsException e = assertThrows(ResultsException.class, () -> ResultsIO.read(dir));
    assertTrue(e.getMessage().contains("schemaVersion 99 is not supported"), e.getMessage());
  }

  @Test
  void aMissingOrMalformedFileIsNamed(@TempDir Path dir) throws Exception {
    ResultsException missing = assertThrows(ResultsException.class, () -> ResultsIO.read(dir));
    assertTrue(missing.getMessage().contains("no such results file"), missing.getMessage());
    Files.writeString(dir.resolve("results.json"), "{\"schemaVersion\": 1, \"runId\": [}");
    ResultsException malformed = assertThrows(ResultsException.class, () -> ResultsIO.read(dir));
    assertTrue(malformed.getMessage().contains("results.json:1:"), malformed.getMessage());
  }

  @Test
  void theJournalKeepsEveryTrialInOrderAndNamesABadLine(@TempDir Path dir) throws Exception {
    try (Journal journal = Journal.create(dir)) {
      journal.append(ResultsFixtures.trial("naive", 0, 19_000, 51));
      journal.append(ResultsFixtures.trial("optimized", 0, 9_000, 1));
    }
    var trials = Journal.read(dir.resolve(Journal.FILE));
    assertEquals(2, trials.size());
    assertEquals("optimized", trials.get(1).variant());
    assertEquals(2, Files.readAllLines(dir.resolve(Journal.FILE)).size());
    Files.writeString(
        dir.resolve(Journal.FILE), "{oops}\n", java.nio.file.StandardOpenOption.APPEND);
    ResultsException e =
        assertThrows(ResultsException.class, () -> Journal.read(dir.resolve(Journal.FILE)));
    assertTrue(e.getMessage().contains("journal.jsonl:3:"), e.getMessage());
  }

  @Test
  void aCorruptHistogramEncodingIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> HistogramCodec.decode("bm90IGEgaGlzdG9ncmFt"));
  }

  /** Trials as a file from before version 4 holds them: no database vendors. */
  private static java.util.List<TrialResult> beforeVendors(java.util.List<TrialResult> trials) {
    return trials.stream()
        .map(t -> ResultsFixtures.copy(t, Map.of(), t.distributions(), t.histograms()))
        .toList();
  }
}
