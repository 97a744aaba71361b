package dev.djbench.cli;

import dev.djbench.gate.CalibrationFile;
import dev.djbench.gate.GateInputException;
import dev.djbench.gate.StoredBaseline;
import dev.djbench.gate.Thresholds;
import dev.djbench.plan.ShardPlan;
import dev.djbench.report.ReportFormat;
import dev.djbench.report.Reports;
import dev.djbench.results.GateResult;
import dev.djbench.results.ResultsIO;
import dev.djbench.results.RunResult;
import dev.djbench.results.Word;
import dev.djbench.runner.GateRun;
import dev.djbench.runner.RunOptions;
import dev.djbench.scenario.GateSpec;
import dev.djbench.scenario.Scenario;
import dev.djbench.stats.Defaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code djbench gate}: two revisions of a Django app measured in one interleaved run, and a
 * pass/fail answer; or, with {@code --baseline-results}, the candidate alone measured against the
 * trials of a stored gate run.
 */
@Command(
    name = "gate",
    mixinStandardHelpOptions = true,
    description = {
      "Measure a baseline and a candidate revision of a Django app in one interleaved run and decide "
          + "whether the candidate regressed.",
      "With --baseline-results, measure only the candidate and compare it with a stored gate run's candidate "
          + "trials (weaker: drift of the machine between the runs is not controlled).",
      "Exit 0 pass, 1 regression, 2 bad input, 3 broken, 4 inconclusive with --inconclusive=fail."
    })
final class GateCommand implements Callable<Integer> {

  /** The error rate of a whole gate: all checks, all looks. */
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

  @ArgGroup(exclusive = true, multiplicity = "1")
  BaselineSource baselineSource;

  /** Where the baseline comes from: a revision measured now, or a stored run. */
  static final class BaselineSource {
    @Option(
        names = "--baseline",
        required = true,
        paramLabel = "REF|DIR",
        description =
            "the baseline: a git ref of the app's repository, or a directory holding its Django project")
    String revision;

    @Option(
        names = "--baseline-results",
        required = true,
        paramLabel = "FILE",
        description =
            "instead of --baseline: the results.json (or run folder) of an earlier gate run of the same "
                + "suite; its candidate trials are the baseline")
    Path results;
  }

  @Option(
      names = "--candidate",
      required = true,
      paramLabel = "REF|DIR",
      description = "the candidate, likewise")
  String candidate;

  @Option(
      names = "--repo",
      paramLabel = "DIR",
      description =
          "the git repository refs belong to (default: the one holding the scenario's app)")
  Path repo;

  @Option(
      names = "--inconclusive",
      paramLabel = "pass|fail",
      defaultValue = "pass",
      description =
          "what an inconclusive check does: pass (exit 0, reported) or fail (exit 4) (default: ${DEFAULT-VALUE})")
  String inconclusive;

  @Option(names = "--junit", paramLabel = "FILE", description = "also write the JUnit XML here")
  Path junit;

  @Option(
      names = "--summary",
      paramLabel = "FILE",
      description = "also write the Markdown summary here (e.g. $GITHUB_STEP_SUMMARY)")
  Path summary;

  @Option(names = "--json", paramLabel = "FILE", description = "also write results.json here")
  Path json;

  @Override
  public Integer call() throws Exception {
    Path home = parent.home();
    GateResult.Policy policy = policy(inconclusive);
    Scenario loaded = Scenarios.forGate(home, scenario);
    Path reportsDir = settings.reports(home);
    Thresholds thresholds;
    try {
      thresholds =
          Thresholds.resolve(
              loaded.gate().orElse(GateSpec.defaults()), CalibrationFile.read(reportsDir));
    } catch (GateInputException e) {
      throw new BadInputException(e.getMessage());
    }
    Optional<StoredBaseline> stored = Optional.empty();
    if (baselineSource.results != null) {
      try {
        stored = Optional.of(StoredBaseline.read(baselineSource.results, loaded));
      } catch (GateInputException e) {
        throw new BadInputException(e.getMessage());
      }
    }
    RunOptions options =
        settings.options(
            loaded, home, serviceOptions, Defaults.THRESHOLD, List.of(), ShardPlan.WHOLE);
    RunResult gated;
    try {
      gated =
          GateRun.run(
              new GateRun.Request(
                  options, thresholds, stored, baselineSource.revision, candidate, repo, policy),
              System.out);
    } catch (GateInputException e) {
      throw new BadInputException(e.getMessage());
    }
    return finish(gated, reportsDir);
  }

  /**
   * Writes the results and reports, copies them where asked, prints the summary, and gives the exit
   * code.
   */
  private int finish(RunResult result, Path reportsDir) throws java.io.IOException {
    GateResult decision = result.gate();
    Path runDirectory = reportsDir.resolve(result.runId());
    ResultsIO.write(runDirectory, result);
    Reports.writeAll(result, runDirectory);
    copy(runDirectory.resolve(ResultsIO.RESULTS_FILE), json);
    copy(runDirectory.resolve(ReportFormat.MARKDOWN.fileName()), summary);
    copy(runDirectory.resolve("junit.xml"), junit);
    System.out.println();
    System.out.print(ReportFormat.TEXT.render(result));
    System.out.println();
    System.out.println(
        "gate: " + decision.outcome() + " (" + decision.mode() + ") — reports: " + runDirectory);
    return exitCode(decision);
  }

  /** {@code --inconclusive pass|fail}. */
  static GateResult.Policy policy(String inconclusive) throws BadInputException {
    try {
      return Word.parse(GateResult.Policy.class, inconclusive);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--inconclusive '" + inconclusive + "': expected pass or fail");
    }
  }

  static int exitCode(GateResult decision) {
    return switch (decision.outcome()) {
      case PASS -> ExitCode.OK.code();
      case REGRESSION -> ExitCode.REGRESSION.code();
      case INCONCLUSIVE ->
          decision.inconclusivePolicy() == GateResult.Policy.FAIL
              ? ExitCode.INCONCLUSIVE.code()
              : ExitCode.OK.code();
      case BROKEN -> ExitCode.BROKEN.code();
    };
  }

  private static void copy(Path from, Path to) throws java.io.IOException {
    if (to != null && Files.exists(from)) {
      Path parentDir = to.toAbsolutePath().getParent();
      if (parentDir != null) {
        Files.createDirectories(parentDir);
      }
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
