package dev.djbench.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.cli.Djbench;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.HistogramCodec;
import dev.djbench.results.Journal;
import dev.djbench.results.ResultsIO;
import dev.djbench.results.RunResult;
import dev.djbench.results.TrialResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The N+1 experiment measured end to end against the real reference app under a real Gunicorn. */
class NPlusOneIT {

  @Test
  void selectRelatedIssuesFarFewerQueriesAndLessServerTime(@TempDir Path reports) throws Exception {
    Path home = Path.of("").toAbsolutePath();
    int exit =
        Djbench.execute(
            "--home",
            home.toString(),
            "run",
            "--profile",
            "smoke",
            "--only",
            "select-related",
            "--seed",
            "11",
            "--reports",
            reports.toString());
    assertEquals(0, exit);

    Path runDirectory;
    try (var dirs = Files.list(reports)) {
      runDirectory = dirs.findFirst().orElseThrow();
    }
    RunResult run = ResultsIO.read(runDirectory);
    assertEquals("complete", run.status().word());
    ExperimentResult e = run.experiments().get(0);
    assertEquals("measured", e.status().word(), e.reason());
    TrialResult naive = only(e.trials(), "naive");
    TrialResult optimized = only(e.trials(), "optimized");
    assertTrue(
        naive.valid() && optimized.valid(),
        naive.invalidReasons() + " " + optimized.invalidReasons());

    double naiveQueries = naive.distribution("dbQueries").mean();
    double optimizedQueries = optimized.distribution("dbQueries").mean();
    assertEquals(51.0, naiveQueries, 1e-9, "1 + 50 posts");
    assertTrue(optimizedQueries * 10 <= naiveQueries, optimizedQueries + " vs " + naiveQueries);
    assertTrue(
        optimized.distribution("serverTotalMicros").p50()
            < naive.distribution("serverTotalMicros").p50());

    for (TrialResult t : e.trials()) {
      assertEquals(
          t.counts().requests(),
          HistogramCodec.decode(t.histograms().get("clientLatencyMicros")).getTotalCount());
      // The suite measures both pages of one server together (interleave: requests): one
      // server's CPU time cannot be split between two streams, so none is claimed.
      assertEquals(0, t.server().processes(), "no CPU figure for a shared server");
    }
    assertEquals(e.trials().size(), Journal.read(runDirectory.resolve(Journal.FILE)).size());
    assertTrue(Files.readString(runDirectory.resolve("summary.md")).contains("| optimized |"));
    assertEquals("requests", e.interleave(), "the technique suite measures its variants together");
    assertEquals(
        "not reported",
        e.comparisons().stream()
            .filter(c -> c.metric().equals("server.cpuMillisPerRequest"))
            .findFirst()
            .orElseThrow()
            .verdict());
    assertEquals(
        List.of(),
        dev.djbench.testsupport.Processes.mentioning(reports.toString()),
        "no process of the run is left");
  }

  private static TrialResult only(List<TrialResult> trials, String variant) {
    List<TrialResult> mine = trials.stream().filter(t -> t.variant().equals(variant)).toList();
    assertEquals(1, mine.size(), "smoke runs one block");
    return mine.get(0);
  }
}
