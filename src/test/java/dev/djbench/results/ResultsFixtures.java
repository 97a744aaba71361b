package dev.djbench.results;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** A small, fully deterministic run, for round-trip and golden-file tests. */
public final class ResultsFixtures {

  private ResultsFixtures() {}

  public static Histogram histogram(long... values) {
    Histogram h = new Histogram(1, 3_600_000_000L, 3);
    for (long v : values) {
      h.recordValue(v);
    }
    h.setStartTimeStamp(0);
    h.setEndTimeStamp(0);
    return h;
  }

  public static TrialResult trial(String variant, int block, long latencyMicros, long queries) {
    Map<String, Histogram> histograms = new LinkedHashMap<>();
    histograms.put(
        "clientLatencyMicros",
        histogram(latencyMicros, latencyMicros + 1000, latencyMicros + 3000));
    histograms.put(
        "serverTotalMicros",
        histogram(latencyMicros - 500, latencyMicros - 400, latencyMicros + 100));
    histograms.put("serverDbMicros", histogram(100, 200, 300));
    histograms.put("serverTemplateMicros", histogram(50, 60, 70));
    histograms.put("serverCacheMicros", histogram(0, 0, 0));
    histograms.put("dbQueries", histogram(queries, queries, queries));
    histograms.put("startLagMicros", histogram(10, 20, 30));
    Map<String, Distribution> distributions = new LinkedHashMap<>();
    Map<String, String> encoded = new LinkedHashMap<>();
    histograms.forEach(
        (name, h) -> {
          distributions.put(name, Distribution.of(h));
          encoded.put(name, HistogramCodec.encode(h));
        });
    return new TrialResult(
        "select-related",
        variant,
        block,
        variant.equals("naive") ? 0 : 1,
        String.format("2026-01-01T00:%02d:00Z", block),
        new TrialResult.Window(1, 2, 40.0, 39.5),
        new TrialResult.Counts(40, 79, 79, 0, 0, 0, 0, 0, 0),
        Map.of("200", 79L),
        Map.of(),
        Map.of("sqlite", 79L),
        new ServerResources(0.6, 7.5, 181_338_112, 3),
        true,
        List.of(),
        distributions,
        encoded);
  }

  public static RunResult run() {
    List<TrialResult> trials =
        List.of(trial("naive", 0, 19_000, 51), trial("optimized", 0, 9_000, 1));
    var comparison =
        new Comparison(
            "naive",
            "optimized",
            "clientLatencyMicros.p50",
            19_007,
            9_007,
            0.474,
            Double.NaN,
            Double.NaN,
            0.95,
            1,
            "inconclusive",
            0.05);
    var experiment =
        ExperimentResult.of(
                "select-related",
                "select_related()",
                "hundreds of queries into one",
                List.of(
                    new ExperimentResult.VariantInfo(
                        "naive", "GET /n/", "gunicorn/sync×2 sqlite locmem"),
                    new ExperimentResult.VariantInfo(
                        "optimized", "GET /o/", "gunicorn/sync×2 sqlite locmem")))
            .with(ExperimentResult.Status.MEASURED, "")
            .withTrials(trials)
            .withComparisons(List.of(comparison));
    var skipped =
        ExperimentResult.of("conn-max-age", "CONN_MAX_AGE", "", List.of())
            .with(
                ExperimentResult.Status.SKIPPED,
                "needs postgres; install: apt-get install postgresql")
            .withTrials(List.of())
            .withComparisons(List.of());
    var capacity =
        ExperimentResult.of(
                "gunicorn-workers",
                "worker count",
                "",
                List.of(
                    new ExperimentResult.VariantInfo(
                        "workers=1", "GET /cpu/", "gunicorn/sync×1 sqlite locmem")))
            .with(ExperimentResult.Status.MEASURED, "")
            .withTrials(List.of())
            .withComparisons(List.of())
            .withCapacities(
                List.of(
                    new CapacityResult(
                        "workers=1",
                        "bracketed",
                        45,
                        45,
                        50,
                        250_000,
                        0.01,
                        List.of(
                            new CapacityResult.Probe(40, 29_000, 0, true, 0),
                            new CapacityResult.Probe(50, 413_000, 0, false, 1),
                            new CapacityResult.Probe(45, 216_000, 0, true, 2)))));
    var machine =
        new Machine(
            2,
            "Test CPU",
            24L << 30,
            "Linux 6",
            "Debian 17.0.15",
            Map.of("django", "3.2.19", "python", "3.11.2"),
            "shared");
    return new RunResult(
        RunResult.SCHEMA_VERSION,
        "20260101-000000-abcd",
        RunResult.Status.COMPLETE,
        "",
        "2026-01-01T00:00:00Z",
        "2026-01-01T00:01:00Z",
        "scenarios/techniques.yaml",
        "techniques",
        "smoke",
        42,
        "client latency: 1 µs (monotonic clock; Gatling's 1 ms value kept as gatlingLatencyMicros);"
            + " server timings: 1 µs (Server-Timing)",
        machine,
        List.of(experiment, skipped, capacity),
        gate());
  }

  /**
   * Shard {@code index} of a 2-shard run of {@link #run()}'s suite: shard 1 measured select-related
   * and conn-max-age, shard 2 gunicorn-workers, on another machine.
   */
  public static RunResult shard(int index) {
    RunResult whole = run();
    List<ExperimentResult> mine =
        index == 1 ? whole.experiments().subList(0, 2) : whole.experiments().subList(2, 3);
    Machine machine =
        index == 1
            ? whole.machine()
            : new Machine(
                4,
                "Other CPU",
                16L << 30,
                "Linux 6",
                "Debian 17.0.15",
                Map.of("django", "3.2.19", "python", "3.11.2"),
                "app on CPUs 0-1, load generator on CPUs 2-3");
    return new RunResult(
        RunResult.SCHEMA_VERSION,
        "20260101-00000" + index + "-000" + index,
        RunResult.Status.COMPLETE,
        "",
        "2026-01-01T00:0" + index + ":00Z",
        "2026-01-01T00:1" + index + ":00Z",
        whole.scenarioFile(),
        whole.suite(),
        whole.profile(),
        whole.seed(),
        whole.clientLatencyResolution(),
        machine,
        mine,
        null,
        new RunResult.Shard(
            index, 2, whole.experiments().stream().map(ExperimentResult::id).toList()),
        List.of());
  }

  public static GateResult gate() {
    return new GateResult(
        GateResult.Mode.SAME_RUN,
        "main",
        "feature",
        GateResult.Policy.FAIL,
        GateResult.Outcome.REGRESSION,
        0.05,
        List.of(
            new GateResult.GateCheck(
                "select-related",
                "clientLatencyMicros.p95",
                0.10,
                1.25,
                1.18,
                1.31,
                0.9875,
                5,
                "slower",
                GateResult.CheckStatus.FAIL,
                "p95 client latency is 25.0% slower [18.0%, 31.0%], beyond the 10.0% threshold"),
            new GateResult.GateCheck(
                "select-related",
                "clientLatencyMicros.p50",
                0.05,
                1.01,
                0.98,
                1.04,
                0.975,
                5,
                "no change",
                GateResult.CheckStatus.PASS,
                "p50 client latency: no change beyond 5.0%")),
        List.of("p95: δ 10.0% (scenario)", "p50: δ 5.0% (scenario)"));
  }

  /** {@code t} with {@code distribution} as its distribution {@code name}, the rest kept. */
  public static TrialResult withDistribution(
      TrialResult t, String name, Distribution distribution) {
    var distributions = new java.util.LinkedHashMap<>(t.distributions());
    distributions.put(name, distribution);
    return copy(t, t.databaseVendors(), distributions, t.histograms());
  }

  /** {@code t} with other database vendors, distributions and histograms, the rest kept. */
  public static TrialResult copy(
      TrialResult t,
      Map<String, Long> databaseVendors,
      Map<String, Distribution> distributions,
      Map<String, String> histograms) {
    return new TrialResult(
        t.experiment(),
        t.variant(),
        t.block(),
        t.position(),
        t.startedAt(),
        t.window(),
        t.counts(),
        t.statusCounts(),
        t.failures(),
        databaseVendors,
        t.server(),
        t.valid(),
        t.invalidReasons(),
        distributions,
        histograms);
  }

  /**
   * {@code t} as an app without the probe gives it: no Server-Timing, so nothing but the client's
   * own histogram, and no database vendor.
   */
  public static TrialResult withoutServerTiming(TrialResult t) {
    var distributions = new java.util.LinkedHashMap<>(t.distributions());
    distributions.keySet().retainAll(List.of("clientLatencyMicros"));
    var encoded = new java.util.LinkedHashMap<>(t.histograms());
    encoded.keySet().retainAll(List.of("clientLatencyMicros"));
    return copy(t, Map.of(), distributions, encoded);
  }

  /** {@code t} as a trial of another experiment, with its validity and reasons replaced. */
  public static TrialResult as(
      TrialResult t, String experiment, boolean valid, List<String> invalidReasons) {
    return new TrialResult(
        experiment,
        t.variant(),
        t.block(),
        t.position(),
        t.startedAt(),
        t.window(),
        t.counts(),
        t.statusCounts(),
        t.failures(),
        t.databaseVendors(),
        t.server(),
        valid,
        invalidReasons,
        t.distributions(),
        t.histograms());
  }
}
