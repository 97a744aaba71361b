package dev.djbench.cli;

import dev.djbench.plan.ShardPlan;
import dev.djbench.report.ReportFormat;
import dev.djbench.report.Reports;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.Journal;
import dev.djbench.results.ResultsIO;
import dev.djbench.results.RunManifest;
import dev.djbench.results.RunResult;
import dev.djbench.runner.RunExecutor;
import dev.djbench.runner.RunLock;
import dev.djbench.runner.RunOptions;
import dev.djbench.scenario.Scenario;
import java.nio.file.Files;
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

  @Option(
      names = "--allow-remote",
      paramLabel = "HOST",
      split = ",",
      description =
          "let a scenario's app.url load HOST, which is not this machine's loopback (refused"
              + " otherwise, before any request, so that no typo loads production)")
  List<String> allowRemote = new ArrayList<>();

  @Option(
      names = "--shard",
      paramLabel = "K/N",
      description =
          "measure shard K of N: a deterministic share of the selected experiments, balanced by"
              + " their planned time, each experiment whole; needs --seed, the same in every shard;"
              + " djbench merge makes one run of the N folders (docs/ci.md)")
  String shard;

  @Option(
      names = "--resume",
      paramLabel = "RUN_DIR",
      description =
          "continue a run that was interrupted (killed, Ctrl-C, a crash) from its journal, with its"
              + " own scenario, seed and plan: only the blocks it had not measured are run; takes no"
              + " other arguments")
  Path resume;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (resume != null) {
      return resume();
    }
    List<String> arguments = ownArguments(spec.commandLine().getParseResult().originalArgs());
    return measure(executor -> executor.resumable(arguments));
  }

  /**
   * The {@code run} command's own arguments out of the whole command line: what follows the
   * subcommand's name, past djbench's own options ({@code --home DIR} is the one with a value).
   */
  static List<String> ownArguments(List<String> all) {
    for (int i = 0; i < all.size(); i++) {
      String token = all.get(i);
      if (token.equals("--home")) {
        i++;
      } else if (token.equals("run")) {
        return List.copyOf(all.subList(i + 1, all.size()));
      }
    }
    return List.copyOf(all);
  }

  /** Continues the interrupted run in {@link #resume}, with the arguments it was started with. */
  private Integer resume() throws Exception {
    List<String> given = ownArguments(spec.commandLine().getParseResult().originalArgs());
    long others =
        given.stream().filter(a -> a.startsWith("-") && !a.startsWith("--resume")).count();
    if (others > 0 || scenario != null) {
      throw new BadInputException(
          "--resume takes no other arguments (given: "
              + String.join(" ", given)
              + "): the interrupted run's own, from its "
              + RunManifest.FILE
              + ", are used");
    }
    Path folder = resume.toAbsolutePath().normalize();
    if (!Files.isDirectory(folder)) {
      throw new BadInputException("--resume " + resume + ": no such run folder");
    }
    RunManifest manifest = RunManifest.read(folder);
    if (Files.isRegularFile(folder.resolve(ResultsIO.RESULTS_FILE))
        && ResultsIO.read(folder).status() == RunResult.Status.COMPLETE) {
      throw new BadInputException(
          "--resume " + resume + ": that run is complete; there is nothing to continue");
    }
    if (manifest.arguments().isEmpty()) {
      throw new BadInputException(
          "--resume "
              + resume
              + ": that run was made by djbench gate or calibrate, which start again rather than"
              + " resume; only the runs of djbench run can be continued");
    }
    if (RunLock.isHeld(folder)) {
      throw new BadInputException(
          "--resume " + resume + ": another djbench process is measuring that run right now");
    }
    Path scenarioFile = Path.of(manifest.scenarioFile());
    if (!Files.isRegularFile(scenarioFile)) {
      throw new BadInputException(
          "--resume "
              + resume
              + ": its scenario file "
              + scenarioFile
              + " is gone; restore it to continue the run");
    }
    String now = RunManifest.sha256(scenarioFile);
    if (!now.equals(manifest.scenarioSha256())) {
      throw new BadInputException(
          "--resume "
              + resume
              + ": its scenario file "
              + scenarioFile
              + " has changed since the run began (SHA-256 "
              + manifest.scenarioSha256()
              + ", now "
              + now
              + "), so its plan would not be the one measured; restore the file, or start a new"
              + " run");
    }
    RunCommand again = new RunCommand();
    again.parent = parent;
    new picocli.CommandLine(again).parseArgs(manifest.arguments().toArray(String[]::new));
    again.scenario = scenarioFile;
    again.settings.seed = manifest.seed();
    again.settings.reports = folder.getParent();
    var interrupted = new RunExecutor.Resume(folder, manifest, Journal.readInterrupted(folder));
    return again.measure(executor -> executor.resuming(interrupted));
  }

  /**
   * The {@code --shard} given, or the whole suite.
   *
   * @throws BadInputException for a malformed value, or a shard without {@code --seed}: every shard
   *     must plan its block orders and arrivals from the same seed, so that the merged run is the
   *     run that one machine would have made of the same seed
   */
  private ShardPlan shardPlan() throws BadInputException {
    if (shard == null) {
      return ShardPlan.WHOLE;
    }
    ShardPlan parsed;
    try {
      parsed = ShardPlan.parse(shard);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--shard: " + e.getMessage());
    }
    if (settings.seed == null) {
      throw new BadInputException(
          "--shard "
              + shard
              + " needs --seed N, the same in every shard, so that the shards plan as one run"
              + " (in CI, e.g. --seed $GITHUB_RUN_ID or --seed $CI_PIPELINE_ID)");
    }
    return parsed;
  }

  /**
   * Measures with these arguments, {@code how} telling the executor a new run from a resumed one.
   */
  private Integer measure(java.util.function.UnaryOperator<RunExecutor> how) throws Exception {
    Path home = parent.home();
    double delta = Options.percent("--threshold", threshold);
    Scenario loaded = Scenarios.forRun(home, scenario, allowRemote);
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
    ShardPlan share = shardPlan();
    Path reportsDir = settings.reports(home);
    RunOptions options = settings.options(loaded, home, serviceOptions, delta, only, share);
    RunResult result = how.apply(new RunExecutor(options, System.out)).execute();
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
