package dev.djbench.gate;

import dev.djbench.results.Distribution;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.Machine;
import dev.djbench.results.RunResult;
import dev.djbench.results.ServerResources;
import dev.djbench.results.TrialResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;

/**
 * Synthetic gate runs: trials whose every latency statistic is one chosen value, for evaluator
 * tests.
 */
final class GateRuns {

  static final Machine MACHINE =
      new Machine(2, "Test CPU", 8L << 30, "Linux", "17", Map.of(), "shared");

  private GateRuns() {}

  /** A valid trial whose client and server latency statistics all equal {@code micros}. */
  static TrialResult trial(String experiment, String variant, int block, long micros) {
    Distribution d = new Distribution(200, micros, micros, micros, micros, micros, micros, micros);
    return new TrialResult(
        experiment,
        variant,
        block,
        0,
        "2026-01-01T00:00:00Z",
        new TrialResult.Window(1, 5, 40, 40),
        new TrialResult.Counts(40, 200, 200, 0, 0, 0, 0, 0, 0),
        Map.of("200", 200L),
        Map.of(),
        Map.of("sqlite", 200L),
        new ServerResources(1, 5, 1, 3),
        true,
        List.of(),
        Map.of("clientLatencyMicros", d, "serverTotalMicros", d),
        Map.of());
  }

  /**
   * {@code blocks} blocks of one experiment: the {@code candidate} variant's trials around {@code
   * candidateMicros} and the {@code baseline} variant's around {@code baselineMicros}, each with
   * independent lognormal noise of log-sd {@code noise}.
   */
  static List<TrialResult> blocks(
      String experiment,
      int blocks,
      double baselineMicros,
      double candidateMicros,
      double noise,
      long seed) {
    Well19937c rng = new Well19937c(seed);
    List<TrialResult> out = new ArrayList<>();
    for (int b = 0; b < blocks; b++) {
      out.add(
          trial(
              experiment,
              "baseline",
              b,
              Math.round(baselineMicros * Math.exp(noise * rng.nextGaussian()))));
      out.add(
          trial(
              experiment,
              "candidate",
              b,
              Math.round(candidateMicros * Math.exp(noise * rng.nextGaussian()))));
    }
    return out;
  }

  static ExperimentResult measured(String id, List<TrialResult> trials) {
    return ExperimentResult.of(
            id,
            id,
            "",
            List.of(
                new ExperimentResult.VariantInfo("baseline", "GET /", "gunicorn"),
                new ExperimentResult.VariantInfo("candidate", "GET /", "gunicorn")))
        .with(ExperimentResult.Status.MEASURED, "")
        .withTrials(trials)
        .withComparisons(List.of());
  }

  static RunResult run(String suite, String profile, List<ExperimentResult> experiments) {
    return new RunResult(
        RunResult.SCHEMA_VERSION,
        "run-" + profile,
        RunResult.Status.COMPLETE,
        "",
        "2026-01-01T00:00:00Z",
        "2026-01-01T00:05:00Z",
        "scenarios/ci-gate.yaml",
        suite,
        profile,
        1,
        "",
        MACHINE,
        experiments,
        null);
  }
}
