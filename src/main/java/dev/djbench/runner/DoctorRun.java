package dev.djbench.runner;

import dev.djbench.doctor.Diagnosis;
import dev.djbench.doctor.DoctorIO;
import dev.djbench.doctor.DoctorResult;
import dev.djbench.doctor.Finding;
import dev.djbench.doctor.LoadCost;
import dev.djbench.doctor.PageDiagnosis;
import dev.djbench.doctor.PageEvidence;
import dev.djbench.doctor.RequestTrace;
import dev.djbench.doctor.Rules;
import dev.djbench.doctor.TraceFiles;
import dev.djbench.load.GatlingLoadGenerator;
import dev.djbench.measure.ServerTiming;
import dev.djbench.results.Distribution;
import dev.djbench.results.TrialResult;
import dev.djbench.scenario.Experiment;
import dev.djbench.scenario.Variant;
import dev.djbench.sut.AppLauncher;
import dev.djbench.sut.Deployed;
import dev.djbench.sut.ExperimentServers;
import dev.djbench.sut.ProviderChoice;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code djbench doctor}: every page of a scenario traced on its seed and on a larger one, its
 * findings judged by {@link dev.djbench.doctor.Rules}, and each page with an N+1 measured briefly
 * under load to tell what its repeated queries cost there. Writes {@code doctor.json} as it ends,
 * however it ends.
 */
public final class DoctorRun {

  /** Untraced requests before the traced ones: first-request work (caches, imports) is not read. */
  static final int WARM_UP_REQUESTS = 2;

  /** Traced requests per page and seed size; the findings come from the median one. */
  static final int TRACED_REQUESTS = 3;

  /** Untraced requests, one at a time, whose server times decide growth. */
  static final int TIMED_REQUESTS = 20;

  private static final Duration TRACE_WAIT = Duration.ofSeconds(10);

  /**
   * What doctor does beyond the run options.
   *
   * @param scale how much larger the second seed is, &gt; 1
   * @param grow the seed options to scale; empty for every whole-number one but random seeds
   * @param load whether pages with an N+1 are measured under load
   */
  public record Settings(double scale, List<String> grow, boolean load) {
    public Settings {
      grow = List.copyOf(grow);
      if (!(scale > 1) || Double.isInfinite(scale)) {
        throw new IllegalArgumentException("scale must be > 1, was " + scale);
      }
    }
  }

  private final RunOptions options;
  private final Settings settings;
  private final Progress progress;

  public DoctorRun(RunOptions options, Settings settings, PrintStream console) {
    this.options = options;
    this.settings = settings;
    this.progress = new Progress(console);
  }

  /**
   * Diagnoses every selected experiment's pages.
   *
   * @return what was found, also in {@code <reports>/doctor-<id>/doctor.json}
   * @throws RunFailedException when a service, a server or the load broke; what was found until
   *     then is written
   */
  public Outcome execute() throws RunFailedException, IOException {
    if (options.services() == ProviderChoice.DOCKER) {
      throw new IllegalArgumentException(
          "doctor reads the probe's traces from this machine's disk: run it with --services local");
    }
    String runId = "doctor-" + RunExecutor.newRunId();
    Path runDirectory = options.reportsDirectory().resolve(runId);
    Path logs = Files.createDirectories(runDirectory.resolve("logs"));
    Path work = Files.createDirectories(runDirectory.resolve("work"));
    var state = new State(runId, Instant.now().toString(), runDirectory);
    Thread interruptHook =
        new Thread(
            () -> state.writeIfUnfinished(DoctorResult.Status.INTERRUPTED, "interrupted"),
            "djbench-doctor-on-interrupt");
    Runtime.getRuntime().addShutdownHook(interruptHook);
    ProcessReaper.stopLeftovers(progress::line);
    ProcessReaper.recordIn(runDirectory);
    PythonEnv python =
        PythonEnv.locate(options.scenario().app().directory(), options.scenario().app().python());
    try (ServiceSet services =
        new ServiceSet(RunExecutor.serviceSettings(options, work, logs, python))) {
      AppLauncher apps =
          new AppLauncher(false, options.home().resolve("probe"), options.allowAppDatabaseWrites());
      Map<String, String> versions =
          new HashMap<>(apps.versions(options.scenario().app().directory(), python));
      CpuLayout cpus = CpuLayout.choose(options.cpuLayout(), CpuLayout.available());
      cpus.pinThisProcess();
      progress.say(
          "djbench doctor %s: suite '%s', seed ×1 and ×%s, %s",
          runId,
          options.scenario().suite(),
          Rules.trim(settings.scale()),
          settings.load()
              ? "pages with an N+1 measured under load (" + options.profile().label() + " trials)"
              : "no load");
      progress.say("results: %s", runDirectory);
      var factory = new ExperimentServers.Factory(services, cpus, apps, work, logs, progress::line);
      var load = new GatlingLoadGenerator(work.resolve("gatling"));
      var trials = new TrialRunner(options.profile(), load, options.seed());
      Map<String, String> skipped =
          RunExecutor.startServices(selected(), versions, services, progress);
      if (settings.load()) {
        RunExecutor.warmUpInjector(load, progress, true);
      }
      for (Experiment experiment : selected()) {
        String reason = skipped.get(experiment.id());
        if (reason != null) {
          progress.say("[%s] skipped: %s", experiment.id(), reason);
          for (Variant v : experiment.variants()) {
            state.add(unmeasured(experiment, v, "skipped: " + reason));
          }
          continue;
        }
        progress.say("[%s] %s", experiment.id(), experiment.technique());
        try {
          new Pages(experiment, factory, trials, work, state).diagnose();
        } catch (TargetException e) {
          progress.say("[%s] failed: %s", experiment.id(), e.getMessage());
          state.fail(e.getMessage());
          for (Variant v : experiment.variants()) {
            if (!state.has(experiment, v)) {
              state.add(unmeasured(experiment, v, e.getMessage()));
            }
          }
        }
      }
    } catch (TargetException e) {
      state.fail(e.getMessage());
      state.write();
      throw new RunFailedException(e.getMessage(), runDirectory, e);
    } finally {
      RunExecutor.deleteQuietly(work);
      ProcessReaper.recordIn(null);
      try {
        Runtime.getRuntime().removeShutdownHook(interruptHook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is exiting: the hook writes what there is.
      }
    }
    DoctorResult result = state.write();
    return new Outcome(result, runDirectory);
  }

  /**
   * A finished doctor run.
   *
   * @param result what it found
   * @param directory its folder
   */
  public record Outcome(DoctorResult result, Path directory) {}

  private PageDiagnosis unmeasured(Experiment experiment, Variant v, String problem) {
    return Diagnosis.of(
        experiment.id(),
        v.name(),
        v.request().toString(),
        PageEvidence.failed(0, problem),
        null,
        "the page was not measured",
        settings.scale(),
        "",
        "",
        null);
  }

  private List<Experiment> selected() {
    return RunExecutor.selected(options);
  }

  /** The pages of one experiment, measured on both seeds. */
  private final class Pages {
    private final Experiment experiment;
    private final ExperimentServers.Factory factory;
    private final TrialRunner trials;
    private final Path work;
    private final State state;

    Pages(
        Experiment experiment,
        ExperimentServers.Factory factory,
        TrialRunner trials,
        Path work,
        State state) {
      this.experiment = experiment;
      this.factory = factory;
      this.trials = trials;
      this.work = work;
      this.state = state;
    }

    void diagnose() throws TargetException {
      SeedScaling.Plan plan = SeedScaling.of(experiment, settings.scale(), settings.grow());
      Side seed = side(plan.seed(), "seed");
      Side larger = plan.larger().isPresent() ? side(plan.larger().get(), "larger") : null;
      String growthReason = plan.reason();
      progress.say(
          "[%s] seed: %s%s",
          experiment.id(),
          plan.seedText().isEmpty() ? "none" : plan.seedText(),
          larger == null
              ? "; growth not measured: " + plan.reason()
              : "; larger: " + plan.largerText());
      // Both sizes are up together, so that their timed requests alternate and whatever the
      // machine does meanwhile falls on both alike.
      try (ExperimentServers seedServers = factory.start(seed.experiment(), seed.variants());
          ExperimentServers largerServers = startOrSkip(larger)) {
        if (larger != null && largerServers == null) {
          growthReason = "the larger seed's server did not start (see the log above)";
          larger = null;
        }
        for (int i = 0; i < seed.variants().size(); i++) {
          Variant v = seed.variants().get(i);
          Deployed seedServer = seedServers.of(v);
          Variant lv = larger == null ? null : larger.variants().get(i);
          Deployed largerServer = lv == null ? null : largerServers.of(lv);
          Evidence small = new Evidence(seed, v, seedServer);
          Evidence big = lv == null ? null : new Evidence(larger, lv, largerServer);
          small.trace();
          if (big != null) {
            big.trace();
          }
          for (int r = 0; r < TIMED_REQUESTS; r++) {
            small.time();
            if (big != null) {
              big.time();
            }
          }
          PageEvidence seedEvidence = small.done();
          PageEvidence largerEvidence = big == null ? null : big.done();
          LoadCost cost = null;
          if (settings.load()
              && diagnosis(v, seedEvidence, largerEvidence, plan, growthReason, null)
                  .hasNPlusOne()) {
            cost = cost(seed.experiment(), v, seedServers);
          }
          PageDiagnosis page = diagnosis(v, seedEvidence, largerEvidence, plan, growthReason, cost);
          state.add(page);
          say(page);
        }
        seedServers.checkAlive();
        if (largerServers != null) {
          largerServers.checkAlive();
        }
      }
    }

    private ExperimentServers startOrSkip(Side side) {
      if (side == null) {
        return null;
      }
      try {
        return factory.start(side.experiment(), side.variants());
      } catch (TargetException e) {
        progress.say(
            "[%s] the larger seed's server did not start, growth is not measured: %s",
            experiment.id(), e.getMessage());
        return null;
      }
    }

    private PageDiagnosis diagnosis(
        Variant v,
        PageEvidence evidence,
        PageEvidence larger,
        SeedScaling.Plan plan,
        String growthReason,
        LoadCost cost) {
      return Diagnosis.of(
          experiment.id(),
          v.name(),
          v.request().toString(),
          evidence,
          larger,
          growthReason,
          settings.scale(),
          plan.seedText(),
          larger == null ? "" : plan.largerText(),
          cost);
    }

    /** One seed size's experiment, with the probe told to trace into a folder of its own. */
    private Side side(Experiment sized, String size) throws TargetException {
      Path traces = work.resolve("traces").resolve(sized.id());
      try {
        Files.createDirectories(traces);
      } catch (IOException e) {
        throw new TargetException("cannot create the trace folder " + traces + ": " + e);
      }
      List<Variant> traced = new ArrayList<>();
      for (Variant v : sized.variants()) {
        traced.add(
            new Variant(
                v.name(),
                v.app(),
                v.request(),
                v.deployment()
                    .withEnvironment(
                        Map.of(
                            "DJBENCH_PROBE_TRACE_DIR",
                            traces.toAbsolutePath().toString(),
                            "DJBENCH_PROJECT_DIR",
                            v.app().directory().toAbsolutePath().toString())),
                v.ownServer()));
      }
      return new Side(sized.withVariants(traced, sized.pages()), traced, traces, size);
    }

    private LoadCost cost(Experiment sized, Variant v, ExperimentServers servers)
        throws TargetException {
      double rate = experiment.load().ratePerSecond();
      progress.say(
          "  [%s] %s: under load at %s/s for %d s%s",
          experiment.id(),
          v.name(),
          Rules.trim(rate),
          options.profile().trialSeconds(),
          experiment.load().autoRate()
              ? " (the doctor does not probe for rate: auto; this is the rate above it)"
              : "");
      TrialResult t = trials.run(sized, List.of(v), servers, 0, 0, rate).get(0);
      Distribution server = t.distribution("serverTotalMicros");
      Distribution groups = t.distributions().getOrDefault("serverDbGroupsMicros", null);
      Double serverMean = server.count() > 0 ? server.mean() : null;
      Double groupsMean = groups != null && groups.count() > 0 ? groups.mean() : null;
      return new LoadCost(
          rate,
          t.window().measureSeconds(),
          t.counts().completed(),
          t.window().achievedRatePerSecond(),
          server.count() > 0 ? (double) server.p50() : null,
          serverMean,
          groupsMean,
          serverMean != null && groupsMean != null && serverMean > 0
              ? groupsMean / serverMean
              : null,
          t.valid() ? "" : String.join("; ", t.invalidReasons()));
    }

    private void say(PageDiagnosis page) {
      progress.say(
          "  [%s] %s: %s queries%s%s",
          experiment.id(),
          page.page(),
          page.queriesPerRequest() == null ? "–" : Rules.trim(page.queriesPerRequest()),
          page.findings().isEmpty()
              ? ", no repeated query"
              : ", " + page.findings().stream().map(Finding::headline).toList(),
          page.problem().isEmpty() ? "" : " (" + page.problem() + ")");
    }
  }

  /** One seed size of an experiment: its variants with tracing on, and their trace folder. */
  private record Side(Experiment experiment, List<Variant> variants, Path traces, String size) {}

  /** What is being measured of one page on one seed size. */
  private static final class Evidence {
    private final Side side;
    private final Variant variant;
    private final Deployed server;
    private final List<RequestTrace> traces = new ArrayList<>();
    private final List<Double> total = new ArrayList<>();
    private final List<Double> db = new ArrayList<>();
    private final List<Double> template = new ArrayList<>();
    private int status;
    private String problem = "";

    Evidence(Side side, Variant variant, Deployed server) {
      this.side = side;
      this.variant = variant;
      this.server = server;
    }

    /** Warm-up requests, then the traced ones; a missing trace is the page's problem. */
    void trace() throws TargetException {
      try {
        for (int i = 0; i < WARM_UP_REQUESTS; i++) {
          EquivalenceCheck.reset(side.experiment(), server);
          status = EquivalenceCheck.fetch(server, variant.request(), Map.of()).status();
        }
        for (int i = 0; i < TRACED_REQUESTS; i++) {
          String id = traceId(side.experiment().id(), variant.name(), side.size(), i);
          EquivalenceCheck.reset(side.experiment(), server);
          status =
              EquivalenceCheck.fetch(server, variant.request(), Map.of("X-Djbench-Trace", id))
                  .status();
          traces.add(TraceFiles.await(side.traces(), id, TRACE_WAIT));
        }
      } catch (TraceFiles.TraceException e) {
        problem = e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TargetException("interrupted while tracing " + variant.request());
      }
    }

    /** One untraced request, its Server-Timing kept. */
    void time() throws TargetException {
      if (!problem.isEmpty()) {
        return;
      }
      EquivalenceCheck.reset(side.experiment(), server);
      var response = EquivalenceCheck.fetch(server, variant.request(), Map.of());
      status = response.status();
      ServerTiming timing = ServerTiming.parse(response.serverTiming());
      Optional<Double> t = micros(timing, "total");
      if (t.isPresent() && t.get() > 0) {
        total.add(t.get());
        db.add(micros(timing, "db").orElse(Double.NaN));
        template.add(micros(timing, "template").orElse(Double.NaN));
      }
    }

    PageEvidence done() {
      if (!problem.isEmpty()) {
        return PageEvidence.failed(status, problem);
      }
      boolean parts =
          db.stream().noneMatch(d -> d.isNaN()) && template.stream().noneMatch(d -> d.isNaN());
      return new PageEvidence(
          status,
          traces,
          array(total),
          parts ? array(db) : new double[0],
          parts ? array(template) : new double[0],
          total.isEmpty() ? "the app sent no Server-Timing total: server time not reported" : "");
    }
  }

  private static Optional<Double> micros(ServerTiming timing, String name) {
    return timing
        .metric(name)
        .filter(m -> m.durationMicros() >= 0)
        .map(m -> (double) m.durationMicros());
  }

  private static double[] array(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** A trace id the probe accepts: {@code [A-Za-z0-9_-]}, at most 64 characters. */
  static String traceId(String experiment, String page, String size, int i) {
    String base = (experiment + "-" + page).replaceAll("[^A-Za-z0-9_-]", "_");
    String tail = "-" + size + "-" + i;
    return (base.length() + tail.length() > 64 ? base.substring(0, 64 - tail.length()) : base)
        + tail;
  }

  /** What has been found so far, shared with the interrupt hook. */
  private final class State {
    private final String runId;
    private final String startedAt;
    private final Path directory;
    private final List<PageDiagnosis> pages = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private boolean written;

    State(String runId, String startedAt, Path directory) {
      this.runId = runId;
      this.startedAt = startedAt;
      this.directory = directory;
    }

    synchronized void add(PageDiagnosis page) {
      pages.add(page);
    }

    synchronized boolean has(Experiment experiment, Variant v) {
      return pages.stream()
          .anyMatch(p -> p.experiment().equals(experiment.id()) && p.page().equals(v.name()));
    }

    synchronized void fail(String problem) {
      problems.add(problem);
    }

    synchronized DoctorResult result(DoctorResult.Status status, String problem) {
      return new DoctorResult(
          DoctorResult.SCHEMA_VERSION,
          runId,
          options.scenario().suite(),
          options.scenario().app().directory().toString(),
          startedAt,
          Instant.now().toString(),
          status,
          problem,
          settings.scale(),
          pages);
    }

    synchronized DoctorResult write() throws IOException {
      DoctorResult result =
          problems.isEmpty()
              ? result(DoctorResult.Status.COMPLETE, "")
              : result(DoctorResult.Status.FAILED, String.join("; ", problems));
      DoctorIO.write(directory, result);
      written = true;
      return result;
    }

    synchronized void writeIfUnfinished(DoctorResult.Status status, String problem) {
      if (written) {
        return;
      }
      try {
        DoctorIO.write(directory, result(status, problem));
        written = true;
      } catch (IOException e) {
        progress.say("could not write %s: %s", DoctorIO.FILE, e.getMessage());
      }
    }
  }
}
