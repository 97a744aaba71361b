package dev.djbench.cli;

import dev.djbench.gate.CalibrationFile;
import dev.djbench.plan.Profile;
import dev.djbench.plan.ShardPlan;
import dev.djbench.report.ReportFormat;
import dev.djbench.report.Reports;
import dev.djbench.results.RunResult;
import dev.djbench.runner.Calibrator;
import dev.djbench.runner.RunOptions;
import dev.djbench.scenario.Scenario;
import dev.djbench.stats.Defaults;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
    RunOptions options =
        settings.options(
            loaded, home, serviceOptions, Defaults.THRESHOLD, List.of(), ShardPlan.WHOLE);
    Calibrator.Outcome outcome = Calibrator.calibrate(options, System.out);
    RunResult run = outcome.run();
    Reports.writeAll(run, reportsDir.resolve(run.runId()));
    if (outcome.file().isEmpty()) {
      System.err.println("djbench: no metric had two valid A/A blocks; nothing was calibrated");
      return ExitCode.BROKEN.code();
    }
    List<CalibrationFile.Floor> floors = outcome.file().get().metrics();
    System.out.println();
    System.out.print(ReportFormat.TEXT.render(run));
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "A/A noise floor on this machine (ratio interval at %.0f%%, suggested δ):%n",
        100 * Defaults.CALIBRATION_LEVEL);
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
}
