package dev.djbench.runner;

import dev.djbench.analysis.Comparisons;
import dev.djbench.load.GatlingLoadGenerator;
import dev.djbench.plan.BlockOrder;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.Journal;
import dev.djbench.results.Machine;
import dev.djbench.results.ResultsIO;
import dev.djbench.results.RunManifest;
import dev.djbench.results.RunResult;
import dev.djbench.results.TrialResult;
import dev.djbench.scenario.Experiment;
import dev.djbench.stats.Defaults;
import dev.djbench.stats.SequentialPlan;
import dev.djbench.sut.AppLauncher;
import dev.djbench.sut.ExperimentServers;
import dev.djbench.sut.ProviderChoice;
import dev.djbench.sut.Requirements;
import dev.djbench.sut.ServicePreflight;
import dev.djbench.sut.ServiceSet;
import dev.djbench.sut.process.CpuLayout;
import dev.djbench.sut.process.ProcessReaper;
import dev.djbench.sut.process.PythonEnv;
import dev.djbench.sut.process.TargetException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs a scenario: experiment after experiment, each in interleaved blocks; writes the journal as
 * it goes and {@code results.json} at the end — also when the run fails or is interrupted, with
 * what was measured.
 */
public final class RunExecutor {

  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final RunOptions options;
  private final Progress progress;
  private List<String> arguments = List.of();
  private Resume resume;

  public RunExecutor(RunOptions options, PrintStream console) {
    this.options = options;
    this.progress = new Progress(console);
  }

  /**
   * A run that {@code djbench run --resume} can continue: {@code runArguments} are the {@code run}
   * command's arguments as given, recorded in {@code run.json} to be parsed again.
   */
  public RunExecutor resumable(List<String> runArguments) {
    this.arguments = List.copyOf(runArguments);
    return this;
  }

  /**
   * Continues an interrupted run instead of starting one: its folder, id, seed and plan; the
   * experiments that ended are kept as they are, and of the one under way only what its journal
   * lacks is measured.
   */
  public RunExecutor resuming(Resume interrupted) {
    this.resume = interrupted;
    this.arguments = interrupted.manifest().arguments();
    return this;
  }

  /**
   * An interrupted run to continue.
   *
   * @param runDirectory its folder
   * @param manifest its {@code run.json}
   * @param records what its journal holds
   */
  public record Resume(Path runDirectory, RunManifest manifest, Journal.Interrupted records) {}

  /** A fresh run id: UTC time and a random suffix, so runs sort by time and never collide. */
  public static String newRunId() {
    return RUN_ID.format(Instant.now())
        + "-"
        + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }

  /**
   * Runs every selected experiment.
   *
   * @return the run's results, also written to {@code <reports>/<run-id>/results.json}
   * @throws RunFailedException when the target or the harness broke; results up to that point are
   *     written
   * @throws IOException when the run directory cannot be written (checked before anything is
   *     measured)
   */
  public RunResult execute() throws RunFailedException, IOException {
    String runId = resume != null ? resume.manifest().runId() : newRunId();
    Path runDirectory =
        resume != null ? resume.runDirectory() : options.reportsDirectory().resolve(runId);
    Files.createDirectories(runDirectory.resolve("logs"));
    Path work = Files.createDirectories(runDirectory.resolve("work"));
    String startedAt = resume != null ? resume.manifest().startedAt() : Instant.now().toString();
    var state = new State(runId, startedAt, runDirectory);
    RunLock lock = RunLock.acquire(runDirectory);
    RunManifest manifest =
        resume != null ? resume.manifest() : manifest(runId, startedAt, state.machine);
    manifest.write(runDirectory);
    ProcessReaper.stopLeftovers(progress::line);
    ProcessReaper.recordIn(runDirectory);
    Thread interruptHook =
        new Thread(
            () ->
                state.writeIfUnfinished(
                    RunResult.Status.ABORTED, "interrupted (SIGINT, SIGTERM or SIGHUP)"),
            "djbench-results-on-interrupt");
    Runtime.getRuntime().addShutdownHook(interruptHook);
    PythonEnv python =
        PythonEnv.locate(options.scenario().app().directory(), options.scenario().app().python());
    var serviceSettings = serviceSettings(options, work, runDirectory.resolve("logs"), python);
    try (lock;
        Journal journal =
            resume != null ? Journal.reopen(runDirectory) : Journal.create(runDirectory);
        ServiceSet services = new ServiceSet(serviceSettings)) {
      AppLauncher apps =
          new AppLauncher(
              options.services() == ProviderChoice.DOCKER,
              options.home().resolve("probe"),
              options.allowAppDatabaseWrites());
      var app = options.scenario().app();
      // A deployment at a URL: djbench neither runs nor sees its software, only its address.
      Map<String, String> versions =
          new HashMap<>(
              app.remote()
                  ? Map.of(Machine.TARGET, app.url() + " (a deployment djbench did not start)")
                  : apps.versions(app.directory(), python));
      versions.put("gatling", GatlingLoadGenerator.version());
      CpuLayout cpus = CpuLayout.choose(options.cpuLayout(), CpuLayout.available());
      // The machine is described before pinning: afterwards this JVM sees only the injector's CPUs.
      state.machine = Machine.current(versions, cpus.describe());
      cpus.pinThisProcess();
      manifest.withMachine(state.machine).write(runDirectory);
      if (resume != null) {
        progress.say(
            "djbench run --resume %s: %d trials and %d ended experiments kept from the interrupted"
                + " run",
            runDirectory, resume.records().trials().size(), resume.records().finished().size());
      }
      progress.say(
          "djbench run %s: suite '%s', profile %s (%d s trials, %d-%d blocks), seed %d, δ %.1f%%",
          runId,
          options.scenario().suite(),
          options.profile().label(),
          options.profile().trialSeconds(),
          options.profile().minBlocks(),
          options.profile().maxBlocks(),
          options.seed(),
          100 * options.threshold());
      sayShard();
      progress.say("results: %s", runDirectory);
      progress.say("CPU layout: %s", cpus.describe());
      if (options.scenario().app().remote()) {
        progress.say(
            "target: %s, a deployment djbench did not start: it is measured as it is, with no"
                + " migrate, seed or restart",
            options.scenario().app().url());
      } else {
        progress.say("app servers: %s", apps.describe());
      }

      GatlingLoadGenerator load = new GatlingLoadGenerator(work.resolve("gatling"));
      var plan =
          new SequentialPlan(
              options.profile().minBlocks(), options.profile().maxBlocks(), stoppingAlpha(options));
      var runner =
          new ExperimentRunner(
              options.profile(),
              new BlockOrder(options.seed()),
              new Comparisons(plan, options.gated(), options.threshold(), options.seed()),
              new TrialRunner(options.profile(), load, options.seed()),
              new ExperimentServers.Factory(
                  services, cpus, apps, work, runDirectory.resolve("logs"), progress::line),
              journal,
              progress,
              // A gate runs its blocks: detection is its point, and an inconclusive gate passes.
              options.scenario().gate().isEmpty());

      Map<String, String> skipReasons = startServices(selected(), versions, services, progress);
      List<Experiment> toRun =
          selected().stream()
              .filter(e -> !skipReasons.containsKey(e.id()) && ended(e).isEmpty())
              .toList();
      if (!toRun.isEmpty()) {
        warmUpInjector(load, progress, options.scenario().gate().isEmpty());
      }
      var estimate = new RunEstimate(options.profile(), System.nanoTime());
      int index = 0;
      for (Experiment experiment : selected()) {
        var ended = ended(experiment);
        if (ended.isPresent()) {
          progress.say(
              "[%s] ended in the interrupted run: kept (%d trials)",
              experiment.id(), ended.get().trials().size());
          state.add(ended.get());
          continue;
        }
        String missing = skipReasons.get(experiment.id());
        if (missing != null) {
          progress.say("[%s] skipped: %s", experiment.id(), missing);
          state.add(
              ExperimentRunner.resultOf(experiment).with(ExperimentResult.Status.SKIPPED, missing));
          continue;
        }
        long now = System.nanoTime();
        List<Experiment> remaining = toRun.subList(index, toRun.size());
        progress.say(
            "[%s] %s  (%s)",
            experiment.id(),
            experiment.technique(),
            estimate.line(++index, toRun.size(), remaining, now));
        boolean capacity = experiment.capacity().isPresent();
        progress.experiment(
            experiment.id(),
            index,
            toRun.size(),
            estimate.startNanos(),
            estimate.left(remaining, now),
            capacity ? 0 : options.profile().minBlocks(),
            capacity ? 0 : options.profile().maxBlocks(),
            estimate.secondsPerBlock(experiment, now));
        state.current = experiment;
        state.currentTrials.clear();
        try {
          ExperimentResult result =
              runner.run(
                  experiment,
                  state.currentTrials::add,
                  resume == null ? List.of() : resume.records().trialsOf(experiment.id()));
          journal.finished(result);
          state.add(result);
          estimate.done(experiment);
          // Which service versions the numbers came from: recorded while the services still run.
          services
              .started()
              .forEach(svc -> state.noteService(svc.kind().yamlName(), svc.describe()));
        } catch (TargetException e) {
          state.add(
              ExperimentRunner.resultOf(experiment)
                  .with(ExperimentResult.Status.FAILED, e.getMessage())
                  .withTrials(List.copyOf(state.currentTrials)));
          state.current = null;
          state.write(RunResult.Status.FAILED, e.getMessage());
          throw new RunFailedException(e.getMessage(), runDirectory, e);
        }
        state.current = null;
      }
      // One status for the run, as its exit code has it: an experiment that failed (a server that
      // would not start) makes the run "failed" (exit 3) even though the others were measured.
      List<String> failed =
          state.experiments.stream()
              .filter(e -> e.status() == ExperimentResult.Status.FAILED)
              .map(ExperimentResult::id)
              .toList();
      RunResult.Status status =
          failed.isEmpty() ? RunResult.Status.COMPLETE : RunResult.Status.FAILED;
      String message =
          failed.isEmpty()
              ? ""
              : (failed.size() == 1 ? "experiment " : "experiments ")
                  + String.join(", ", failed)
                  + " failed (the others ran to their end)";
      state.write(status, message);
      return state.result(status, message);
    } catch (TargetException e) {
      state.write(RunResult.Status.FAILED, e.getMessage());
      throw new RunFailedException(e.getMessage(), runDirectory, e);
    } finally {
      progress.done();
      deleteQuietly(work);
      ProcessReaper.recordIn(null);
      try {
        Runtime.getRuntime().removeShutdownHook(interruptHook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already exiting: the hook runs and writes what it has.
      }
    }
  }

  /** For a shard's run, which share of the suite it measures and about how long that is planned. */
  private void sayShard() {
    if (options.shard().whole()) {
      return;
    }
    List<Experiment> share = selected();
    int all = suite(options).size();
    if (share.isEmpty()) {
      progress.say(
          "shard %s: no experiment: the %d selected go to the first %d shards; nothing to"
              + " measure, and djbench merge takes this shard as it is",
          options.shard().label(), all, all);
      return;
    }
    double planned =
        share.stream().mapToDouble(e -> RunEstimate.plannedSeconds(e, options.profile())).sum();
    progress.say(
        "shard %s: %d of the %d experiments selected, about %s of planned work: %s",
        options.shard().label(),
        share.size(),
        all,
        RunEstimate.clock(Duration.ofSeconds(Math.round(planned))),
        String.join(", ", share.stream().map(Experiment::id).toList()));
  }

  /** The experiment's result when the interrupted run being continued saw it end. */
  private java.util.Optional<ExperimentResult> ended(Experiment experiment) {
    return resume == null ? java.util.Optional.empty() : resume.records().finished(experiment.id());
  }

  /** The new run's {@code run.json}. */
  private RunManifest manifest(String runId, String startedAt, Machine machine) throws IOException {
    Path scenarioFile = options.scenario().file().toAbsolutePath().normalize();
    return new RunManifest(
        RunManifest.SCHEMA_VERSION,
        runId,
        startedAt,
        scenarioFile.toString(),
        Files.isRegularFile(scenarioFile) ? RunManifest.sha256(scenarioFile) : "",
        options.scenario().suite(),
        options.profile().label(),
        options.seed(),
        arguments,
        machine,
        selected().stream().map(ExperimentRunner::resultOf).toList(),
        shardOf(options));
  }

  /** The services of a run whose work folder is {@code work} and whose logs go to {@code logs}. */
  static ServiceSet.Settings serviceSettings(
      RunOptions options, Path work, Path logs, PythonEnv python) {
    return new ServiceSet.Settings(
        options.services(),
        work.resolve("services"),
        logs,
        options.serviceUrls(),
        python,
        Duration.ofSeconds(60));
  }

  /**
   * Why each experiment this machine cannot run is skipped, by id; the shared services of the
   * others are started before anything is measured (one that cannot start fails the run here).
   */
  static Map<String, String> startServices(
      List<Experiment> selected,
      Map<String, String> versions,
      ServiceSet services,
      Progress progress)
      throws TargetException {
    Map<String, String> skipReasons = new HashMap<>();
    List<Experiment> runnable = new ArrayList<>();
    for (Experiment experiment : selected) {
      Requirements.missing(experiment, versions, services)
          .ifPresentOrElse(
              reason -> skipReasons.put(experiment.id(), reason), () -> runnable.add(experiment));
    }
    ServicePreflight.start(runnable, services, progress::line);
    return skipReasons;
  }

  /**
   * The error rate the run's intervals spend: {@link Defaults#ALPHA}, and for a gate that stops
   * early that rate shared by its checks (Bonferroni over every experiment and gated metric). A
   * gate decides each check at Holm's levels, the strictest of which is exactly that share
   * (docs/statistics.md, §6); if its run stopped as soon as the checks settled at the run's own
   * level, a regression the run had just seen could still be inconclusive for the gate. At the
   * strictest level, whatever settles the run settles the gate too.
   */
  static double stoppingAlpha(RunOptions options) {
    if (options.scenario().gate().isEmpty() || options.gated().isEmpty()) {
      return Defaults.ALPHA;
    }
    int experiments = Math.max(1, options.scenario().experiments().size());
    return Defaults.FAMILY_ALPHA / (experiments * options.gated().size());
  }

  /**
   * Runs the load generator's request path hot before the first trial (once per JVM), so that the
   * first trials do not measure an interpreted injector.
   *
   * @param settle whether to wait for the JIT to finish compiling too (a run, the doctor); a gate
   *     sends the burst alone: it measures both revisions together in every block, so a compilation
   *     during a trial falls on both, and a gate should end within 3 minutes (docs/PERFORMANCE.md)
   */
  static void warmUpInjector(GatlingLoadGenerator load, Progress progress, boolean settle)
      throws TargetException {
    if (GatlingLoadGenerator.isWarm()) {
      return;
    }
    progress.say(
        "load generator: %s%d s of requests to an endpoint of its own, to compile its request"
            + " path before the first trial",
        settle ? "up to " : "", GatlingLoadGenerator.warmUpSeconds(settle));
    try {
      load.warmUp(settle);
    } catch (dev.djbench.load.LoadException e) {
      throw new TargetException("the load generator failed its warm-up: " + e.getMessage(), e);
    }
  }

  /** The work folder holds per-server databases (large for some seeds); logs and results stay. */
  static void deleteQuietly(Path directory) {
    try (var paths = Files.walk(directory)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Left behind in the run folder; harmless.
    }
  }

  private List<Experiment> selected() {
    return selected(options);
  }

  /**
   * The experiments this run measures: those of the options' scenario that {@code --only} names
   * (all without it), and of those this shard's share ({@code --shard K/N}).
   */
  static List<Experiment> selected(RunOptions options) {
    return options
        .shard()
        .select(suite(options), e -> RunEstimate.plannedSeconds(e, options.profile()));
  }

  /**
   * The experiments {@code --only} names (all without it): what the shards of the suite measure
   * between them.
   */
  static List<Experiment> suite(RunOptions options) {
    if (options.only().isEmpty()) {
      return options.scenario().experiments();
    }
    return options.scenario().experiments().stream()
        .filter(e -> options.only().contains(e.id()))
        .toList();
  }

  /** The run's shard, as results record it; null for a run of the whole suite. */
  static RunResult.Shard shardOf(RunOptions options) {
    if (options.shard().whole()) {
      return null;
    }
    return new RunResult.Shard(
        options.shard().index(),
        options.shard().count(),
        suite(options).stream().map(Experiment::id).toList());
  }

  /** What has been measured so far, shared with the interrupt hook. */
  private final class State {
    private final String runId;
    private final String startedAt;
    private final Path runDirectory;
    private final List<ExperimentResult> experiments = new ArrayList<>();
    private final List<TrialResult> currentTrials =
        java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile Experiment current;
    private volatile Machine machine = Machine.current(Map.of(), "unknown");
    private final Map<String, String> services = new java.util.TreeMap<>();

    synchronized void noteService(String kind, String description) {
      services.putIfAbsent("service " + kind, description);
    }

    /** The machine with the services seen so far among its versions. */
    private Machine machineWithServices() {
      Map<String, String> versions = new java.util.TreeMap<>(machine.versions());
      versions.putAll(services);
      return new Machine(
          machine.cores(),
          machine.cpuModel(),
          machine.memoryBytes(),
          machine.os(),
          machine.java(),
          versions,
          machine.cpuLayout());
    }

    private boolean written;

    State(String runId, String startedAt, Path runDirectory) {
      this.runId = runId;
      this.startedAt = startedAt;
      this.runDirectory = runDirectory;
    }

    synchronized void add(ExperimentResult result) {
      experiments.add(result);
    }

    synchronized RunResult result(RunResult.Status status, String message) {
      List<ExperimentResult> all = new ArrayList<>(experiments);
      Experiment running = current;
      if (running != null) {
        all.add(
            ExperimentRunner.resultOf(running)
                .with(ExperimentResult.Status.ABORTED, message)
                .withTrials(List.copyOf(currentTrials)));
      }
      return new RunResult(
          RunResult.SCHEMA_VERSION,
          runId,
          status,
          message,
          startedAt,
          Instant.now().toString(),
          options.scenario().file().toString(),
          options.scenario().suite(),
          options.profile().label(),
          options.seed(),
          RunResult.CLIENT_LATENCY_RESOLUTION,
          machineWithServices(),
          all,
          null,
          shardOf(options),
          List.of());
    }

    synchronized void write(RunResult.Status status, String message) {
      try {
        ResultsIO.write(runDirectory, result(status, message));
        written = true;
      } catch (IOException e) {
        progress.say(
            "could not write %s: %s (every trial is still in %s)",
            ResultsIO.RESULTS_FILE, e.getMessage(), runDirectory.resolve(Journal.FILE));
      }
    }

    synchronized void writeIfUnfinished(RunResult.Status status, String message) {
      if (!written) {
        write(status, message);
      }
    }
  }
}
