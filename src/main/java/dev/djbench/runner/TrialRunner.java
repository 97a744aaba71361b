package dev.djbench.runner;

import dev.djbench.load.LoadException;
import dev.djbench.load.LoadGenerator;
import dev.djbench.load.TrialSpec;
import dev.djbench.measure.Histograms;
import dev.djbench.measure.ResourceSampler;
import dev.djbench.measure.TrialMeasurement;
import dev.djbench.plan.Profile;
import dev.djbench.results.Distribution;
import dev.djbench.results.HistogramCodec;
import dev.djbench.results.ServerResources;
import dev.djbench.results.TrialResult;
import dev.djbench.scenario.Experiment;
import dev.djbench.scenario.Variant;
import dev.djbench.sut.Deployed;
import dev.djbench.sut.ExperimentServers;
import dev.djbench.sut.process.TargetException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one trial: the load of one variant, or of a block's variants together (their arrival streams
 * interleaved), against servers already up; and turns what was measured into {@link TrialResult}s,
 * each with its validity.
 */
final class TrialRunner {

  private final Profile profile;
  private final LoadGenerator load;
  private final long seed;

  /**
   * @param seed the run's seed: with the experiment and the block it seeds the block's Poisson
   *     arrivals, the same for every variant of the block
   */
  TrialRunner(Profile profile, LoadGenerator load, long seed) {
    this.profile = profile;
    this.load = load;
    this.seed = seed;
  }

  /** The seed of a block's Poisson arrivals: one per run, experiment and block. */
  static long arrivalSeed(long runSeed, String experiment, int block) {
    long h = runSeed * 0x9E3779B97F4A7C15L + experiment.hashCode();
    return h * 31 + block;
  }

  /**
   * Measures {@code unit} at {@code ratePerSecond} per variant. A variant's CPU per request is
   * measured when it has a server of its own; variants that share a server (two pages of one app)
   * get no CPU figure, since one server's CPU time cannot be split between streams. When variants
   * run together and one trial is invalid, the others are too: the pairs compared must always have
   * been measured at the same time.
   *
   * @param firstPosition the place of the unit's first variant within its block
   * @throws TargetException when the load generator fails or a reset request is refused
   */
  List<TrialResult> run(
      Experiment experiment,
      List<Variant> unit,
      ExperimentServers servers,
      int block,
      int firstPosition,
      double ratePerSecond)
      throws TargetException {
    var settings = experiment.load();
    int warmup = settings.warmupSeconds().orElse(profile.warmupSeconds());
    Map<Deployed, Integer> streams = servers.serving(unit);
    List<TrialSpec> specs = new ArrayList<>();
    List<ResourceSampler> samplers = new ArrayList<>();
    for (Variant variant : unit) {
      Deployed server = servers.of(variant);
      specs.add(spec(experiment, variant, server, block, ratePerSecond, warmup));
      samplers.add(
          streams.get(server) == 1
              ? ResourceSampler.of(server::processes)
              : ResourceSampler.of(List::of));
    }
    for (Deployed server : streams.keySet()) {
      EquivalenceCheck.reset(experiment, server);
    }
    String startedAt = Instant.now().toString();
    List<TrialMeasurement> measured;
    try {
      measured = load.runTogether(specs, samplers.stream().map(s -> (Runnable) s::begin).toList());
    } catch (LoadException e) {
      samplers.forEach(ResourceSampler::close);
      throw new TargetException(
          "the load generator failed on "
              + (unit.size() == 1
                  ? specs.get(0).name()
                  : "block " + (block + 1) + " of " + experiment.id())
              + ": "
              + e.getMessage(),
          e);
    }
    List<List<String>> reasons = new ArrayList<>();
    List<String> invalidVariants = new ArrayList<>();
    for (int i = 0; i < unit.size(); i++) {
      List<String> invalid =
          TrialValidity.reasons(measured.get(i), settings.poisson(), settings.maxErrorFraction());
      reasons.add(new ArrayList<>(invalid));
      if (!invalid.isEmpty()) {
        invalidVariants.add(unit.get(i).name());
      }
    }
    List<TrialResult> results = new ArrayList<>();
    for (int i = 0; i < unit.size(); i++) {
      List<String> invalid = reasons.get(i);
      if (invalid.isEmpty() && !invalidVariants.isEmpty()) {
        invalid.add(
            "measured together with an invalid trial of "
                + String.join(", ", invalidVariants)
                + "; the block is repeated");
      }
      TrialMeasurement m = measured.get(i);
      results.add(
          toResult(
              experiment.id(),
              unit.get(i).name(),
              block,
              firstPosition + i,
              startedAt,
              warmup,
              m,
              samplers.get(i).finish(m.completed()),
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
        withServerHeaders(variant.request().headers(), server),
        variant.request().body(),
        ratePerSecond,
        settings.poisson(),
        warmup,
        profile.trialSeconds(),
        settings.timeoutSeconds(),
        arrivalSeed(seed, experiment.id(), block),
        settings.connections() == dev.djbench.scenario.Connections.KEEP_ALIVE);
  }

  /**
   * The variant's own headers, then the server's (the session cookie of a logged-in experiment).
   */
  static Map<String, String> withServerHeaders(Map<String, String> own, Deployed server) {
    if (server.requestHeaders().isEmpty()) {
      return own;
    }
    Map<String, String> all = new LinkedHashMap<>(own);
    server.requestHeaders().forEach(all::putIfAbsent);
    return all;
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
        new TrialResult.Window(
            warmupSeconds,
            (int) Math.round(m.measuredSeconds()),
            m.targetRatePerSecond(),
            m.achievedRatePerSecond()),
        m.counts(),
        statuses,
        m.failureMessages(),
        m.databaseVendors(),
        resources,
        invalidReasons.isEmpty(),
        invalidReasons,
        distributions,
        encoded);
  }
}
