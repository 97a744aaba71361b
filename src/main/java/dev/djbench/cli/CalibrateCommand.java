package dev.djbench.cli;

import dev.djbench.analysis.Comparisons;
import dev.djbench.analysis.Metric;
import dev.djbench.gate.CalibrationFile;
import dev.djbench.plan.Profile;
import dev.djbench.report.ReportFormat;
import dev.djbench.report.Reports;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.RunResult;
import dev.djbench.runner.RunExecutor;
import dev.djbench.runner.RunOptions;
import dev.djbench.scenario.GateSpec;
import dev.djbench.scenario.Scenario;
import dev.djbench.stats.BootstrapRatio;
import dev.djbench.stats.Calibration;
import dev.djbench.stats.Defaults;
import dev.djbench.stats.NoiseFloor;
import dev.djbench.stats.ResolutionBound;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code djbench calibrate}: the same revision as both sides of a gate (A/A), every block of the
 * profile, and the noise floor it shows per metric; the suggested δ is saved for {@code gate} to
 * use.
 */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    description =
        "Run an A/A gate (the same app as baseline and candidate) to measure this machine's noise floor "
            + "and save the threshold δ it suggests per metric in reports/calibration.json.")
final class CalibrateCommand implements Callable<Integer> {

  @ParentCommand Djbench parent;

  @picocli.CommandLine.Mixin RunSettings settings = new RunSettings();

  @picocli.CommandLine.ArgGroup(exclusive = false, heading = "Services and CPU placement:%n")
  ServiceOptions serviceOptions = new ServiceOptions();

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SCENARIO",
      description = "gate scenario (default: scenarios/ci-gate.yaml in the djbench home)")
  Path scenario;

  @Override
  public Integer call() throws Exception {
    Path home = parent.home();
    Profile chosen = settings.profile();
    Scenario loaded = Scenarios.forGate(home, scenario);
    if (chosen.maxBlocks() < 3) {
      throw new BadInputException(
          "--profile "
              + settings.profile
              + " runs "
              + chosen.maxBlocks()
              + " block(s); a calibration needs at least 3: use quick or full");
    }
    Path reportsDir = settings.reports(home);
    long runSeed = settings.seed();
    // Nothing is gated, so no experiment stops early: every block of the profile runs.
    var options =
        new RunOptions(
            loaded.withGateApps(loaded.app(), loaded.app()),
            chosen,
            runSeed,
            Defaults.THRESHOLD,
            reportsDir,
            List.of(),
            home,
            Map.of(),
            serviceOptions.choice(),
            serviceOptions.urls(),
            serviceOptions.cpuLayout());
    RunResult run = new RunExecutor(options, System.out).execute();
    Reports.writeAll(run, reportsDir.resolve(run.runId()));

    var calibration =
        new Calibration(
            new BootstrapRatio(Defaults.RESAMPLES, runSeed),
            Defaults.CALIBRATION_LEVEL,
            Calibration.DEFAULT_MINIMUM_DELTA);
    List<CalibrationFile.Floor> floors = new ArrayList<>();
    for (String metric :
        loaded.gate().get().thresholds().keySet().stream()
            .map(k -> Metric.byYamlKey(k).orElseThrow().key())
            .toList()) {
      CalibrationFile.Floor widest = null;
      for (ExperimentResult e : run.experiments()) {
        double[][] pairs = positivePairs(e, metric);
        if (pairs[0].length < 2) {
          continue;
        }
        double[] ratios =
            java.util.stream.IntStream.range(0, pairs[0].length)
                .mapToDouble(i -> pairs[1][i] / pairs[0][i])
                .toArray();
        // The A/A values' own clock bounds the noise floor from below: a δ finer than the clock
        // could never be decided.
        NoiseFloor floor =
            calibration.noiseFloor(
                metric,
                ratios,
                ResolutionBound.of(
                    pairs[0], pairs[1], Metric.byKey(metric).orElseThrow().tolerance()));
        var candidateFloor =
            new CalibrationFile.Floor(
                metric,
                floor.ratioInterval().lower(),
                floor.ratioInterval().upper(),
                ratios.length,
                floor.suggestedDelta());
        if (widest == null || candidateFloor.suggestedDelta() > widest.suggestedDelta()) {
          widest = candidateFloor;
        }
      }
      if (widest != null) {
        floors.add(widest);
      }
    }
    if (floors.isEmpty()) {
      System.err.println("djbench: no metric had two valid A/A blocks; nothing was calibrated");
      return ExitCode.BROKEN.code();
    }
    var saved =
        new CalibrationFile(
            1,
            Instant.now().toString(),
            run.runId(),
            chosen.label(),
            run.machine().cores(),
            run.machine().cpuModel(),
            floors);
    saved.write(reportsDir);
    System.out.println();
    System.out.print(ReportFormat.TEXT.render(run));
    System.out.println();
    System.out.println("A/A noise floor on this machine (ratio interval at 95%, suggested δ):");
    for (CalibrationFile.Floor f : floors) {
      System.out.printf(
          Locale.ROOT,
          "  %-28s [%.3f, %.3f] over %d blocks → δ %.1f%%%n",
          f.metric(),
          f.lower(),
          f.upper(),
          f.blocks(),
          100 * f.suggestedDelta());
    }
    System.out.println(
        "saved: "
            + reportsDir.resolve(CalibrationFile.FILE)
            + " (used by djbench gate for 'auto')");
    return ExitCode.OK.code();
  }

  /** The A/A values of both sides in the blocks where both are positive. */
  private static double[][] positivePairs(ExperimentResult e, String metric) {
    double[][] pairs =
        Comparisons.pairedByBlock(
            GateSpec.BASELINE, GateSpec.CANDIDATE, Metric.byKey(metric).orElseThrow(), e.trials());
    int[] kept =
        java.util.stream.IntStream.range(0, pairs[0].length)
            .filter(i -> pairs[0][i] > 0 && pairs[1][i] > 0)
            .toArray();
    return new double[][] {
      java.util.Arrays.stream(kept).mapToDouble(i -> pairs[0][i]).toArray(),
      java.util.Arrays.stream(kept).mapToDouble(i -> pairs[1][i]).toArray()
    };
  }
}
