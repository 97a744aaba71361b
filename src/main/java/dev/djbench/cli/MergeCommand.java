package dev.djbench.cli;

import dev.djbench.report.ReportFormat;
import dev.djbench.report.Reports;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.GateResult;
import dev.djbench.results.PartFiles;
import dev.djbench.results.ResultsIO;
import dev.djbench.results.RunManifest;
import dev.djbench.results.RunResult;
import dev.djbench.results.ShardMerge;
import dev.djbench.runner.InjectRun;
import dev.djbench.runner.PartMerge;
import dev.djbench.runner.RunExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code djbench merge RUN_DIR…}: one run made of the runs of a suite's shards. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description = {
      "Make one run of the runs of a suite's shards (djbench run --shard K/N on N machines): one"
          + " results.json, one report, every shard's machine listed. Each experiment is kept as"
          + " its shard measured it; nothing is measured.",
      "Or of the parts of a distributed run (djbench inject --part I/N on N injectors): each"
          + " trial's histograms are added exactly over the parts, and the variants are compared"
          + " on the sums; a part that fell behind its schedule invalidates the trials it lagged"
          + " in. For the parts of a gate of two deployments (inject --baseline-url …"
          + " --candidate-url …), the gate's thresholds are decided on the sums.",
      "Exit 0 when every shard or part completed, 3 when one failed or was interrupted, or an"
          + " experiment has no valid trial (the merge is still written), 2 when the folders are"
          + " not the shards or parts of one run; for a gate's parts, the gate's codes: 0 pass, 1"
          + " regression, 3 broken, 4 inconclusive with --inconclusive=fail."
    })
final class MergeCommand implements Callable<Integer> {

  @picocli.CommandLine.ParentCommand Djbench parent;

  @Parameters(
      arity = "1..*",
      paramLabel = "RUN_DIR",
      description =
          "the shards' run folders (or their results.json), every shard once; or the parts'"
              + " folders, every part once")
  List<Path> runs = new ArrayList<>();

  @Option(
      names = "--reports",
      paramLabel = "DIR",
      description = "where the merged run's folder goes (default: reports/ in the home)")
  Path reports;

  @Option(
      names = "--inconclusive",
      paramLabel = "pass|fail",
      defaultValue = "pass",
      description =
          "for a gate's parts, what an inconclusive check does: pass (exit 0, reported) or fail"
              + " (exit 4) (default: ${DEFAULT-VALUE})")
  String inconclusive;

  @Override
  public Integer call() throws Exception {
    long partFolders = runs.stream().filter(PartFiles::isPart).count();
    if (partFolders > 0 && partFolders < runs.size()) {
      throw new BadInputException(
          "these folders mix injector parts (djbench inject: "
              + String.join(
                  ", ", runs.stream().filter(PartFiles::isPart).map(Path::toString).toList())
              + ") with other folders ("
              + String.join(
                  ", ",
                  runs.stream().filter(r -> !PartFiles.isPart(r)).map(Path::toString).toList())
              + "); merge takes either every part of one distributed run or every shard of one run");
    }
    if (partFolders > 0) {
      return mergeParts();
    }
    List<ShardMerge.Input> inputs = new ArrayList<>();
    for (Path run : runs) {
      Path folder = RunFolders.folder(run);
      if (!Files.exists(run)) {
        throw new BadInputException(run + ": no such run folder");
      }
      RunResult result = RunFolders.read(run);
      RunManifest manifest = RunManifest.existsIn(folder) ? RunManifest.read(folder) : null;
      inputs.add(new ShardMerge.Input(folder, result, manifest));
    }
    String runId = RunExecutor.newRunId();
    RunResult merged = ShardMerge.merge(inputs, runId);
    Path home = parent.home();
    Path directory = (reports != null ? reports : home.resolve("reports")).resolve(runId);
    Files.createDirectories(directory);
    for (ShardMerge.Input in : inputs) {
      copyLogs(in, directory);
    }
    ResultsIO.write(directory, merged);
    Reports.writeAll(merged, directory);
    System.out.print(ReportFormat.TEXT.render(merged));
    System.out.println();
    System.out.println(
        "merged "
            + merged.shards().size()
            + " shards into "
            + directory
            + " (index.html, summary.md, results.json, junit.xml, logs/shard-K-of-N/)");
    return finish(merged);
  }

  /** The parts of a distributed run, merged. */
  private Integer mergeParts() throws Exception {
    String runId = RunExecutor.newRunId();
    Path home = parent.home();
    GateResult.Policy policy = GateCommand.policy(inconclusive);
    RunResult merged = PartMerge.merge(runs, home, runId, policy);
    Path directory = (reports != null ? reports : home.resolve("reports")).resolve(runId);
    Files.createDirectories(directory);
    for (Path part : runs) {
      var loaded = PartFiles.read(part);
      Path to =
          directory
              .resolve("parts")
              .resolve("part-" + loaded.part().index() + "-of-" + loaded.part().count());
      Files.createDirectories(to);
      for (String name :
          List.of(PartFiles.PART_FILE, PartFiles.LOG_FILE, InjectRun.SCENARIO_COPY)) {
        if (Files.isRegularFile(part.resolve(name))) {
          Files.copy(part.resolve(name), to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    ResultsIO.write(directory, merged);
    Reports.writeAll(merged, directory);
    System.out.print(ReportFormat.TEXT.render(merged));
    System.out.println();
    long requests = merged.injectors().stream().mapToLong(RunResult.InjectorRun::requests).sum();
    System.out.println(
        "merged "
            + merged.injectors().size()
            + (merged.injectors().size() == 1 ? " injector part (" : " injector parts (")
            + requests
            + " requests in the measured windows) into "
            + directory
            + " (index.html, summary.md, results.json, junit.xml, parts/part-I-of-N/)");
    if (merged.gate() != null) {
      System.out.println(
          "gate: "
              + merged.gate().outcome()
              + " ("
              + merged.gate().mode()
              + ") — reports: "
              + directory);
      // A part that failed leaves arrivals unsent: such a run passes nothing, though a regression
      // the sent ones showed is still one.
      if (merged.status() != RunResult.Status.COMPLETE
          && merged.gate().outcome() != GateResult.Outcome.REGRESSION) {
        return finish(merged);
      }
      return GateCommand.exitCode(merged.gate());
    }
    return finish(merged);
  }

  private static Integer finish(RunResult merged) {
    boolean complete =
        merged.status() == RunResult.Status.COMPLETE
            && merged.experiments().stream()
                .noneMatch(e -> e.status() == ExperimentResult.Status.FAILED);
    if (!complete) {
      System.err.println(
          "djbench: the merged run is "
              + merged.status().word()
              + (merged.message().isEmpty() ? "" : ": " + merged.message()));
    }
    return complete ? ExitCode.OK.code() : ExitCode.BROKEN.code();
  }

  /** A shard's server and service logs, under {@code logs/shard-K-of-N/} of the merged run. */
  private static void copyLogs(ShardMerge.Input in, Path merged) throws IOException {
    Path logs = in.folder().resolve("logs");
    if (!Files.isDirectory(logs)) {
      return;
    }
    RunResult.Shard shard = in.result().shard();
    Path target = merged.resolve("logs").resolve("shard-" + shard.index() + "-of-" + shard.count());
    try (Stream<Path> files = Files.walk(logs)) {
      for (Path f : files.toList()) {
        Path to = target.resolve(logs.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else if (Files.isRegularFile(f)) {
          Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
