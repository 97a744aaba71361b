package dev.djbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.gate.CalibrationFile;
import dev.djbench.results.ResultsIO;
import dev.djbench.results.RunResult;
import dev.djbench.results.TrialResult;
import dev.djbench.testsupport.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code djbench calibrate} on the reference app, measured for real: an A/A run whose two sides are
 * two server processes of the same revision, as a gate's two revisions are, and a calibration file
 * with a suggested δ per gated metric.
 */
class CalibrateIT {

  private static final Path HOME = Path.of("").toAbsolutePath();

  @TempDir Path work;

  @Test
  void anAaRunOnTwoServersSavesANoiseFloorPerGatedMetric() throws Exception {
    Path scenario = work.resolve("gate.yaml");
    Files.writeString(
        scenario,
        """
        suite: calibrate-it
        app: %s
        defaults:
          load: {rate: 30/s, warmup: 1s, interleave: requests}
        gate:
          server_p50: auto
          p50: auto
        experiments:
          - id: post-list
            seed: {authors: 20, posts: 100}
            request: "GET /techniques/select-related/optimized/?limit=30"
        """
            .formatted(HOME.resolve("sample-django-app")));
    Path reports = work.resolve("reports");

    int exit =
        Djbench.execute(
            "--home",
            HOME.toString(),
            "calibrate",
            scenario.toString(),
            "--profile",
            "quick",
            "--seed",
            "5",
            "--reports",
            reports.toString());

    assertEquals(0, exit);
    CalibrationFile saved = CalibrationFile.read(reports).orElseThrow();
    assertEquals(
        java.util.Set.of("serverTotalMicros.p50", "clientLatencyMicros.p50"),
        saved.metrics().stream()
            .map(CalibrationFile.Floor::metric)
            .collect(java.util.stream.Collectors.toSet()));
    for (CalibrationFile.Floor floor : saved.metrics()) {
      assertTrue(floor.blocks() >= 3, floor + ": every block of the profile ran");
      // Two server processes of one revision may differ by a few percent (their memory layout, the
      // hash seed of each interpreter): the interval need not cover 1, but the suggested δ must
      // cover the interval, so that a gate on this machine does not call that difference a change.
      double delta = floor.suggestedDelta();
      assertTrue(delta > 0, floor + ": a threshold is suggested");
      assertTrue(
          floor.upper() <= 1 + delta + 1e-9 && floor.lower() >= 1 / (1 + delta) - 1e-9,
          floor + ": δ covers the A/A interval");
    }

    RunResult run;
    try (Stream<Path> dirs = Files.list(reports)) {
      run = ResultsIO.read(dirs.filter(Files::isDirectory).findFirst().orElseThrow());
    }
    List<TrialResult> trials = run.experiments().get(0).trials();
    assertFalse(trials.isEmpty());
    // A shared server's CPU time cannot be split between two streams, so a trial of a variant that
    // shares its server carries no process; every trial here must have a server of its own.
    for (String side : List.of("baseline", "candidate")) {
      assertTrue(
          trials.stream()
              .filter(t -> t.variant().equals(side) && t.valid())
              .allMatch(t -> t.server().processes() > 0 && t.server().cpuSeconds() > 0),
          side + " ran on a server of its own");
    }
    assertEquals(List.of(), Processes.mentioning(work.toString()), "no process of the run is left");
  }
}
