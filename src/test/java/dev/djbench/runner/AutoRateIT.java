package dev.djbench.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.cli.Djbench;
import dev.djbench.results.CapacityResult;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.Journal;
import dev.djbench.results.ResultsIO;
import dev.djbench.results.RunResult;
import dev.djbench.results.TrialResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rate: auto} end to end on the reference app under a real Gunicorn: the N+1 page is found
 * the slower, its capacity is probed, and both variants are measured at half of what it held.
 */
class AutoRateIT {

  @Test
  void theSlowestVariantsCapacityPicksTheRate(@TempDir Path work) throws Exception {
    Path home = Path.of("").toAbsolutePath();
    Path scenario = work.resolve("auto.yaml");
    Files.writeString(
        scenario,
        """
        suite: auto-rate
        app: %s
        experiments:
          - id: n-plus-one
            seed: {authors: 20, posts: 100}
            load: {rate: auto}
            variants:
              naive: "GET /techniques/select-related/naive/?limit=50"
              optimized: "GET /techniques/select-related/optimized/?limit=50"
        """
            .formatted(home.resolve("sample-django-app")));
    Path reports = work.resolve("reports");
    int exit =
        Djbench.execute(
            "--home",
            home.toString(),
            "run",
            scenario.toString(),
            "--profile",
            "smoke",
            "--seed",
            "5",
            "--reports",
            reports.toString());
    assertEquals(0, exit);
    Path runDirectory;
    try (var dirs = Files.list(reports)) {
      runDirectory = dirs.findFirst().orElseThrow();
    }
    RunResult run = ResultsIO.read(runDirectory);
    ExperimentResult e = run.experiments().get(0);
    assertEquals("measured", e.status().word(), e.reason());

    assertEquals(1, e.capacities().size(), "the probe of one variant, kept with the result");
    CapacityResult probe = e.capacities().get(0);
    assertEquals("naive", probe.variant(), "51 queries a request is the slower page");
    assertFalse(probe.probes().isEmpty());
    assertTrue(probe.lastPassingPerSecond() > 0, probe.toString());

    double expected = Math.max(1, Math.floor(probe.lastPassingPerSecond() / 2));
    List<TrialResult> trials = e.trials();
    assertEquals(2, trials.size(), "smoke: one block of two variants; probes are not trials");
    for (TrialResult t : trials) {
      assertEquals(expected, t.window().targetRatePerSecond(), t.variant());
    }
    assertEquals(
        trials.size(),
        Journal.read(runDirectory.resolve(Journal.FILE)).size(),
        "probes are not journaled");
    String summary = Files.readString(runDirectory.resolve("summary.md"));
    assertTrue(summary.contains("rate: auto — naive"), summary);
    assertTrue(summary.contains("| optimized |"), "the variants table is still shown");
    assertEquals(
        List.of(),
        dev.djbench.testsupport.Processes.mentioning(work.toString()),
        "no process of the run is left");
  }
}
