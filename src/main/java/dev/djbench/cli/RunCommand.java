package dev.djbench.cli;

import dev.djbench.report.ReportFormat;
import dev.djbench.report.Reports;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.RunResult;
import dev.djbench.runner.RunExecutor;
import dev.djbench.runner.RunOptions;
import dev.djbench.scenario.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code djbench run [scenario.yaml]}: measures a suite and writes its report folder. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Measure every experiment of a scenario file and write reports/<run-id>/.")
final class RunCommand implements Callable<Integer> {

  @ParentCommand Djbench parent;

  @picocli.CommandLine.Mixin RunSettings settings = new RunSettings();

  @picocli.CommandLine.ArgGroup(exclusive = false, heading = "Services and CPU placement:%n")
  ServiceOptions serviceOptions = new ServiceOptions();

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SCENARIO",
      description = "scenario file (default: scenarios/techniques.yaml in the djbench home)")
  Path scenario;

  @Option(
      names = "--threshold",
      paramLabel = "PERCENT",
      defaultValue = "5%",
      description = "practical threshold δ of verdicts, e.g. 5%% (default: ${DEFAULT-VALUE})")
  String threshold;

  @Option(
      names = "--only",
      paramLabel = "ID",
      split = ",",
      description = "run only these experiments (comma-separated ids)")
  List<String> only = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Path home = parent.home();
    double delta = Options.percent("--threshold", threshold);
    Scenario loaded = Scenarios.forRun(home, scenario);
    Path file = loaded.file();
    List<String> unknown =
        only.stream()
            .filter(id -> loaded.experiments().stream().noneMatch(e -> e.id().equals(id)))
            .toList();
    if (!unknown.isEmpty()) {
      throw new BadInputException(
          "--only names "
              + unknown
              + ", not experiments of "
              + file
              + "; expected some of "
              + loaded.experiments().stream().map(e -> e.id()).toList());
    }
    Path reportsDir = settings.reports(home);
    RunOptions options = settings.options(loaded, home, serviceOptions, delta, only);
    RunResult result = new RunExecutor(options, System.out).execute();
    Path runDirectory = reportsDir.resolve(result.runId());
    Reports.writeAll(result, runDirectory);
    System.out.println();
    System.out.print(ReportFormat.TEXT.render(result));
    System.out.println();
    System.out.println(
        "reports: "
            + runDirectory
            + " (index.html, summary.md, results.json, junit.xml, journal.jsonl, logs/)");
    boolean anyFailed =
        result.experiments().stream().anyMatch(e -> e.status() == ExperimentResult.Status.FAILED);
    return anyFailed ? ExitCode.BROKEN.code() : ExitCode.OK.code();
  }
}
