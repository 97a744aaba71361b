package dev.djbench.runner;

import dev.djbench.analysis.Comparisons;
import dev.djbench.load.LoadException;
import dev.djbench.load.LoadGenerator;
import dev.djbench.load.TrialSpec;
import dev.djbench.measure.Histograms;
import dev.djbench.measure.ResourceSampler;
import dev.djbench.measure.TrialMeasurement;
import dev.djbench.plan.BlockOrder;
import dev.djbench.plan.Profile;
import dev.djbench.results.CapacityResult;
import dev.djbench.results.Comparison;
import dev.djbench.results.Distribution;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.HistogramCodec;
import dev.djbench.results.Journal;
import dev.djbench.results.ServerResources;
import dev.djbench.results.TrialResult;
import dev.djbench.scenario.AppSpec;
import dev.djbench.scenario.Deployment;
import dev.djbench.scenario.Experiment;
import dev.djbench.scenario.Interleave;
import dev.djbench.scenario.RequestSpec;
import dev.djbench.scenario.Variant;
import dev.djbench.sut.ServiceSet;
import dev.djbench.sut.app.AppServer;
import dev.djbench.sut.process.CpuLayout;
import dev.djbench.sut.process.LoopbackHttp;
import dev.djbench.sut.process.PythonEnv;
import dev.djbench.sut.process.TargetException;
import dev.djbench.sut.services.ServiceKind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one experiment: brings its deployments up, checks its variants agree, runs blocks of trials
 * in shuffled order until every gating comparison has a verdict or the profile's block cap is
 * reached, and brings everything down again whatever happens.
 */
final class ExperimentRunner {

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final HttpClient HTTP = LoopbackHttp.client(Duration.ofSeconds(5));

  private final Profile profile;
  private final BlockOrder order;
  private final Comparisons comparisons;
  private final LoadGenerator load;
  private final Journal journal;
  private final Path workDirectory;
  private final Path logDirectory;
  private final Progress progress;
  private final ServiceSet services;
  private final CpuLayout cpus;
  private final AppLauncher apps;

  ExperimentRunner(
      Profile profile,
      BlockOrder order,
      Comparisons comparisons,
      LoadGenerator load,
      Journal journal,
      Path workDirectory,
      Path logDirectory,
      Progress progress,
      ServiceSet services,
      CpuLayout cpus,
      AppLauncher apps) {
    this.apps = apps;
    this.services = services;
    this.cpus = cpus;
    this.profile = profile;
    this.order = order;
    this.comparisons = comparisons;
    this.load = load;
    this.journal = journal;
    this.workDirectory = workDirectory;
    this.logDirectory = logDirectory;
    this.progress = progress;
  }

  /**
   * Runs the experiment. Trials are handed to {@code onTrial} as they end (after the journal has
   * them), so that a run interrupted mid-experiment still reports them.
   *
   * @throws TargetException when a server will not start or dies; trials measured before are in the
   *     journal
   */
  ExperimentResult run(Experiment experiment, Consumer<TrialResult> onTrial)
      throws TargetException, IOException {
    List<ExperimentResult.VariantInfo> variants =
        experiment.variants().stream()
            .map(
                v ->
                    new ExperimentResult.VariantInfo(
                        v.name(), v.request().toString(), v.deployment().label()))
            .toList();
    List<TrialResult> trials = new ArrayList<>();
    Map<ServerKey, Deployed> servers = new LinkedHashMap<>();
    boolean celery = Requirements.services(experiment).contains(ServiceKind.CELERY);
    try {
      try {
        startAll(experiment, servers, celery);
      } catch (TargetException e) {
        // A deployment that will not start fails its experiment, not the run: later experiments may
        // not need it.
        progress.say("  [%s] FAILED to start: %s", experiment.id(), e.getMessage());
        return new ExperimentResult(
            experiment.id(),
            experiment.technique(),
            experiment.claim(),
            "failed",
            e.getMessage(),
            variants,
            trials,
            List.of());
      }
      Map<String, String> slowdowns = new LinkedHashMap<>();
      Optional<String> broken = checkEquivalence(experiment, servers, slowdowns);
      variants =
          variants.stream()
              .map(v -> v.withInjectedSlowdown(slowdowns.getOrDefault(v.name(), "")))
              .toList();
      if (broken.isPresent()) {
        progress.say("  [%s] BROKEN: %s", experiment.id(), broken.get());
        return new ExperimentResult(
            experiment.id(),
            experiment.technique(),
            experiment.claim(),
            "broken",
            broken.get(),
            variants,
            trials,
            List.of());
      }
      if (experiment.capacity().isPresent()) {
        return capacityExperiment(experiment, servers, variants, trials, onTrial);
      }
      List<Comparison> compared = List.of();
      List<String> candidates = experiment.variants().stream().skip(1).map(Variant::name).toList();
      int block = 0;
      int restarts = 0;
      while (block < profile.maxBlocks()) {
        if (block > 0 && servers.size() > 1 && apps.restartsServers()) {
          restarts += restartAll(experiment, servers, block);
        }
        List<Variant> blockOrder = order.order(experiment.id(), block, experiment.variants());
        boolean together = experiment.load().interleave() == Interleave.REQUESTS;
        // What is measured at once: the whole block when its variants run together, else one
        // variant at a time.
        List<List<Variant>> units =
            together ? List.of(blockOrder) : blockOrder.stream().map(List::of).toList();
        for (int unit = 0; unit < units.size(); unit++) {
          // An invalid trial is kept with its reasons and repeated once; only valid trials enter
          // comparisons. Variants measured together are repeated together, so that the pairs
          // compared were always measured at the same time.
          for (int attempt = 0; attempt < 2; attempt++) {
            List<TrialResult> measured =
                together
                    ? runTogether(experiment, units.get(unit), servers, block)
                    : List.of(
                        runTrial(
                            experiment,
                            units.get(unit).get(0),
                            servers.get(ServerKey.of(units.get(unit).get(0))),
                            block,
                            unit,
                            experiment.load().ratePerSecond()));
            for (TrialResult trial : measured) {
              journal.append(trial);
              trials.add(trial);
              onTrial.accept(trial);
              progress.trial(trial, profile.minBlocks(), profile.maxBlocks());
            }
            for (Deployed s : servers.values()) {
              s.checkAlive();
            }
            if (measured.stream().allMatch(TrialResult::valid)) {
              break;
            }
          }
        }
        block++;
        compared = comparisons.compare(experiment.baseline().name(), candidates, trials);
        if (block >= profile.minBlocks() && comparisons.settled(compared)) {
          break;
        }
      }
      boolean anyValid = trials.stream().anyMatch(TrialResult::valid);
      if (!anyValid) {
        String why =
            trials.isEmpty() ? "no trial ran" : String.join("; ", trials.get(0).invalidReasons());
        return new ExperimentResult(
            experiment.id(),
            experiment.technique(),
            experiment.claim(),
            "failed",
            "every trial was invalid (first: " + why + ")",
            variants,
            trials,
            compared);
      }
      return new ExperimentResult(
          experiment.id(),
          experiment.technique(),
          experiment.claim(),
          "measured",
          "",
          variants,
          trials,
          compared,
          List.of(),
          experiment.load().interleave().name().toLowerCase(java.util.Locale.ROOT),
          restarts);
    } finally {
      for (Deployed server : servers.values()) {
        server.close();
      }
    }
  }

  /**
   * Gives every server of the experiment fresh processes before a block, in a seeded random order.
   *
   * <p>Two server processes of one and the same code can differ in speed by several percent for as
   * long as they run (measured A/A on this project's reference app: up to 7% in server p50), from
   * their memory layout, their place on the CPUs and the like. With one process per variant for the
   * whole experiment that difference is the same in every block: the per-block ratios carry it, the
   * bootstrap over blocks cannot see it, and it reads as the variants' effect. Restarting before
   * every block makes it a random part of each block's ratio instead, which the interval then
   * covers. Variants that share a server need no restart: they share its luck.
   *
   * @return how many servers were restarted
   */
  private int restartAll(Experiment experiment, Map<ServerKey, Deployed> servers, int block)
      throws TargetException {
    List<ServerKey> keys = new ArrayList<>();
    for (Variant v : order.order(experiment.id() + "#restart", block, experiment.variants())) {
      if (!keys.contains(ServerKey.of(v))) {
        keys.add(ServerKey.of(v));
      }
    }
    for (ServerKey key : keys) {
      servers.get(key).restart(STARTUP_TIMEOUT);
    }
    progress.say(
        "  [%s] block %d: %d servers restarted (fresh processes for every block)",
        experiment.id(), block + 1, keys.size());
    return keys.size();
  }

  /** Each variant's capacity at the objective, variants in a shuffled order. */
  private ExperimentResult capacityExperiment(
      Experiment experiment,
      Map<ServerKey, Deployed> servers,
      List<ExperimentResult.VariantInfo> variants,
      List<TrialResult> trials,
      Consumer<TrialResult> onTrial)
      throws TargetException, IOException {
    var spec = experiment.capacity().orElseThrow();
    List<CapacityResult> capacities = new ArrayList<>();
    for (Variant variant : order.order(experiment.id(), 0, experiment.variants())) {
      Deployed server = servers.get(ServerKey.of(variant));
      CapacitySearch.Prober prober =
          (rate, index) -> {
            TrialResult trial = runTrial(experiment, variant, server, index, 0, rate);
            journal.append(trial);
            trials.add(trial);
            onTrial.accept(trial);
            for (Deployed s : servers.values()) {
              s.checkAlive();
            }
            return trial;
          };
      capacities.add(
          CapacitySearch.run(
              variant.name(),
              spec,
              prober,
              server.baseUrl().resolve(variant.app().healthPath()),
              progress));
    }
    capacities.sort(
        java.util.Comparator.comparingInt(
            c -> experiment.variants().stream().map(Variant::name).toList().indexOf(c.variant())));
    return new ExperimentResult(
        experiment.id(),
        experiment.technique(),
        experiment.claim(),
        "measured",
        "",
        variants,
        trials,
        List.of(),
        capacities);
  }

  /**
   * Starts one server (with its nginx and worker) per distinct app checkout and deployment of the
   * experiment.
   */
  private void startAll(Experiment experiment, Map<ServerKey, Deployed> servers, boolean celery)
      throws TargetException {
    // In a seeded random order: whatever starting first or second does to a server then falls on
    // either variant alike across runs instead of always on the baseline.
    for (Variant variant : order.order(experiment.id() + "#start", 0, experiment.variants())) {
      if (!servers.containsKey(ServerKey.of(variant))) {
        String label = experiment.id() + "/" + variant.name();
        progress.say(
            "  [%s] starting %s%s",
            experiment.id(),
            variant.deployment().label(),
            variant.app().equals(experiment.baseline().app())
                ? ""
                : " (" + variant.app().directory() + ")");
        PythonEnv python = PythonEnv.locate(variant.app().directory());
        Map<String, String> env =
            services.environmentFor(Requirements.services(experiment, variant));
        AppServer server =
            apps.start(
                label,
                variant,
                experiment.seed(),
                python,
                workDirectory.resolve(label.replace('/', '_')),
                logDirectory,
                env,
                STARTUP_TIMEOUT,
                cpus);
        Deployed deployed = Deployed.around(server, variant.deployment(), celery, python, services);
        servers.put(ServerKey.of(variant), deployed);
        if (!deployed.describe().isEmpty()) {
          progress.say("  [%s] %s%s", experiment.id(), label, deployed.describe());
        }
      }
    }
  }

  /**
   * One server per distinct app checkout and deployment: variants that share both share the server,
   * unless a variant runs on a server of its own (the two sides of a gate or of a calibration).
   */
  private record ServerKey(AppSpec app, Deployment deployment, String owner) {
    static ServerKey of(Variant variant) {
      return new ServerKey(
          variant.app(), variant.deployment(), variant.ownServer() ? variant.name() : "");
    }
  }

  /**
   * Requests every variant once and compares each with the baseline; notes each variant's injected
   * slowdown (an app knob that must be visible in the report whenever it is on).
   */
  private Optional<String> checkEquivalence(
      Experiment experiment, Map<ServerKey, Deployed> servers, Map<String, String> slowdowns)
      throws TargetException {
    Variant baseline = experiment.baseline();
    reset(experiment, servers.get(ServerKey.of(baseline)));
    EquivalenceCheck.Response expected =
        fetch(servers.get(ServerKey.of(baseline)).baseUrl(), baseline.request());
    slowdowns.put(baseline.name(), expected.injectedSlowdown());
    for (Variant candidate : experiment.variants().subList(1, experiment.variants().size())) {
      reset(experiment, servers.get(ServerKey.of(candidate)));
      EquivalenceCheck.Response actual =
          fetch(servers.get(ServerKey.of(candidate)).baseUrl(), candidate.request());
      slowdowns.put(candidate.name(), actual.injectedSlowdown());
      Optional<String> difference =
          EquivalenceCheck.difference(experiment.equivalence(), expected, actual);
      if (difference.isPresent()) {
        return Optional.of(
            candidate.name()
                + " does not answer like "
                + baseline.name()
                + " ("
                + experiment.equivalence().name().toLowerCase(java.util.Locale.ROOT)
                + "): "
                + difference.get());
      }
    }
    return Optional.empty();
  }

  /**
   * Sends the experiment's reset request, if it has one; anything but a 2xx answer is a broken
   * target.
   */
  private static void reset(Experiment experiment, Deployed server) throws TargetException {
    if (experiment.reset().isEmpty()) {
      return;
    }
    EquivalenceCheck.Response response = fetch(server.baseUrl(), experiment.reset().get());
    if (response.status() / 100 != 2) {
      throw new TargetException(
          "the reset request "
              + experiment.reset().get()
              + " of "
              + experiment.id()
              + " answered "
              + response.status()
              + " on "
              + server.label()
              + "; expected 2xx");
    }
  }

  private static EquivalenceCheck.Response fetch(URI base, RequestSpec request)
      throws TargetException {
    URI uri = base.resolve(request.path());
    var builder =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .method(
                request.method(),
                request.body().isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(request.body()));
    request.headers().forEach(builder::header);
    try {
      HttpResponse<String> response =
          HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new EquivalenceCheck.Response(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("X-Djbench-Slowdown").orElse(""));
    } catch (IOException e) {
      throw new TargetException("could not " + request.method() + " " + uri + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetException("interrupted during " + request.method() + " " + uri);
    }
  }

  /**
   * Runs every variant of a block in one trial, each with its own arrival stream at the
   * experiment's rate, the streams interleaved in the block's order. A variant's CPU per request is
   * measured when it has a server of its own; variants that share a server (two pages of one app)
   * get no CPU figure, since one server's CPU time cannot be split between streams.
   */
  private List<TrialResult> runTogether(
      Experiment experiment, List<Variant> blockOrder, Map<ServerKey, Deployed> servers, int block)
      throws TargetException {
    var settings = experiment.load();
    int warmup = settings.warmupSeconds().orElse(profile.warmupSeconds());
    Map<ServerKey, Long> streamsPerServer = new LinkedHashMap<>();
    for (Variant variant : blockOrder) {
      streamsPerServer.merge(ServerKey.of(variant), 1L, Long::sum);
    }
    List<TrialSpec> specs = new ArrayList<>();
    List<ResourceSampler> samplers = new ArrayList<>();
    for (Variant variant : blockOrder) {
      Deployed server = servers.get(ServerKey.of(variant));
      specs.add(spec(experiment, variant, server, block, settings.ratePerSecond(), warmup));
      samplers.add(
          streamsPerServer.get(ServerKey.of(variant)) == 1
              ? ResourceSampler.of(server::processes)
              : ResourceSampler.of(List::of));
    }
    for (ServerKey key : streamsPerServer.keySet()) {
      reset(experiment, servers.get(key));
    }
    String startedAt = Instant.now().toString();
    List<TrialMeasurement> measured;
    try {
      measured = load.runTogether(specs, samplers.stream().map(s -> (Runnable) s::begin).toList());
    } catch (LoadException e) {
      samplers.forEach(ResourceSampler::close);
      throw new TargetException(
          "the load generator failed on block "
              + (block + 1)
              + " of "
              + experiment.id()
              + ": "
              + e.getMessage(),
          e);
    }
    List<TrialResult> results = new ArrayList<>();
    List<String> invalidVariants = new ArrayList<>();
    List<List<String>> reasons = new ArrayList<>();
    for (int i = 0; i < blockOrder.size(); i++) {
      List<String> invalid =
          TrialValidity.reasons(measured.get(i), settings.poisson(), settings.maxErrorFraction());
      reasons.add(new ArrayList<>(invalid));
      if (!invalid.isEmpty()) {
        invalidVariants.add(blockOrder.get(i).name());
      }
    }
    for (int i = 0; i < blockOrder.size(); i++) {
      List<String> invalid = reasons.get(i);
      if (invalid.isEmpty() && !invalidVariants.isEmpty()) {
        invalid.add(
            "measured together with an invalid trial of "
                + String.join(", ", invalidVariants)
                + "; the block is repeated");
      }
      TrialMeasurement m = measured.get(i);
      ServerResources resources = samplers.get(i).finish(m.completed());
      results.add(
          toResult(
              experiment.id(),
              blockOrder.get(i).name(),
              block,
              i,
              startedAt,
              warmup,
              m,
              resources,
              invalid));
    }
    return results;
  }

  private TrialSpec spec(
      Experiment experiment,
      Variant variant,
      Deployed server,
      int block,
      double ratePerSecond,
      int warmup) {
    var settings = experiment.load();
    return new TrialSpec(
        experiment.id() + "/" + variant.name() + "/b" + block,
        server.baseUrl(),
        variant.request().method(),
        variant.request().path(),
        variant.request().headers(),
        variant.request().body(),
        ratePerSecond,
        settings.poisson(),
        warmup,
        profile.trialSeconds(),
        settings.timeoutSeconds());
  }

  private TrialResult runTrial(
      Experiment experiment,
      Variant variant,
      Deployed server,
      int block,
      int position,
      double ratePerSecond)
      throws TargetException {
    var settings = experiment.load();
    int warmup = settings.warmupSeconds().orElse(profile.warmupSeconds());
    var spec = spec(experiment, variant, server, block, ratePerSecond, warmup);
    reset(experiment, server);
    String startedAt = Instant.now().toString();
    ResourceSampler sampler = ResourceSampler.of(server::processes);
    TrialMeasurement m;
    try {
      m = load.run(spec, sampler::begin);
    } catch (LoadException e) {
      sampler.close();
      throw new TargetException(
          "the load generator failed on " + spec.name() + ": " + e.getMessage(), e);
    }
    ServerResources resources = sampler.finish(m.completed());
    List<String> invalid =
        TrialValidity.reasons(m, settings.poisson(), settings.maxErrorFraction());
    return toResult(
        experiment.id(), variant.name(), block, position, startedAt, warmup, m, resources, invalid);
  }

  static TrialResult toResult(
      String experiment,
      String variant,
      int block,
      int position,
      String startedAt,
      int warmupSeconds,
      TrialMeasurement m,
      ServerResources resources,
      List<String> invalidReasons) {
    Histograms h = m.histograms();
    Map<String, Distribution> distributions = new LinkedHashMap<>();
    Map<String, String> encoded = new LinkedHashMap<>();
    h.byName()
        .forEach(
            (name, histogram) -> {
              distributions.put(name, Distribution.of(histogram));
              encoded.put(name, HistogramCodec.encode(histogram));
            });
    Map<String, Long> statuses = new LinkedHashMap<>();
    m.statusCounts().forEach((status, count) -> statuses.put(Integer.toString(status), count));
    return new TrialResult(
        experiment,
        variant,
        block,
        position,
        startedAt,
        warmupSeconds,
        (int) Math.round(m.measuredSeconds()),
        m.targetRatePerSecond(),
        m.achievedRatePerSecond(),
        m.warmupRequests(),
        m.started(),
        m.completed(),
        m.errors(),
        m.connectionFailures(),
        m.missingServerTiming(),
        m.edgeCacheHits(),
        m.cacheHits(),
        m.cacheMisses(),
        statuses,
        m.failureMessages(),
        resources,
        invalidReasons.isEmpty(),
        invalidReasons,
        distributions,
        encoded);
  }
}
