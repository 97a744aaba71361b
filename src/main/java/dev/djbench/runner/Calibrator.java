package dev.djbench.runner;

import dev.djbench.analysis.Metric;
import dev.djbench.gate.CalibrationFile;
import dev.djbench.gate.NoiseFloors;
import dev.djbench.results.RunResult;
import dev.djbench.scenario.Scenario;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A calibration: the gate scenario's app as both sides of a gate (A/A), every block of the profile
 * (nothing is gated, so nothing stops early), and the noise floor per gated metric, saved for
 * {@code gate}'s {@code auto} thresholds.
 */
public final class Calibrator {

  /**
   * What a calibration found.
   *
   * @param run the A/A run
   * @param file the calibration, saved; empty when no metric had two valid A/A blocks
   */
  public record Outcome(RunResult run, Optional<CalibrationFile> file) {}

  private Calibrator() {}

  /**
   * Runs the A/A and saves its calibration in the reports folder.
   *
   * @param options the run's options, for the gate scenario as loaded (with a {@code gate:} block)
   * @throws RunFailedException when the system under test broke
   */
  public static Outcome calibrate(RunOptions options, PrintStream console)
      throws RunFailedException, IOException {
    Scenario loaded = options.scenario();
    RunResult run =
        new RunExecutor(
                options.forGate(loaded.withGateApps(loaded.app(), loaded.app()), Map.of()), console)
            .execute();
    List<String> metrics =
        loaded.gate().orElseThrow().thresholds().keySet().stream()
            .map(k -> Metric.byYamlKey(k).orElseThrow().key())
            .toList();
    List<CalibrationFile.Floor> floors = NoiseFloors.of(run, metrics, options.seed());
    if (floors.isEmpty()) {
      return new Outcome(run, Optional.empty());
    }
    var saved =
        new CalibrationFile(
            1,
            Instant.now().toString(),
            run.runId(),
            options.profile().label(),
            run.machine().cores(),
            run.machine().cpuModel(),
            floors);
    saved.write(options.reportsDirectory());
    return new Outcome(run, Optional.of(saved));
  }
}
