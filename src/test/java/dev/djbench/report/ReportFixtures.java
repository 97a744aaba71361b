package dev.djbench.report;

import dev.djbench.results.Comparison;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.GateResult;
import dev.djbench.results.ResultsFixtures;
import dev.djbench.results.RunResult;
import dev.djbench.results.TrialResult;
import java.util.ArrayList;
import java.util.List;

/** Variations on {@link ResultsFixtures#run()} for the report tests. */
final class ReportFixtures {

  private ReportFixtures() {}

  /** {@code trial} marked invalid for {@code reason}. */
  static TrialResult invalid(TrialResult t, String reason) {
    return t.invalidated(List.of(reason));
  }

  /** {@code run} with its experiments replaced. */
  static RunResult withExperiments(RunResult run, List<ExperimentResult> experiments) {
    return new RunResult(
        run.schemaVersion(),
        run.runId(),
        run.status(),
        run.message(),
        run.startedAt(),
        run.finishedAt(),
        run.scenarioFile(),
        run.suite(),
        run.profile(),
        run.seed(),
        run.clientLatencyResolution(),
        run.machine(),
        experiments,
        run.gate());
  }

  /** {@code run} with its gate replaced (null for a plain run). */
  static RunResult withGate(RunResult run, GateResult gate) {
    return new RunResult(
        run.schemaVersion(),
        run.runId(),
        run.status(),
        run.message(),
        run.startedAt(),
        run.finishedAt(),
        run.scenarioFile(),
        run.suite(),
        run.profile(),
        run.seed(),
        run.clientLatencyResolution(),
        run.machine(),
        run.experiments(),
        gate);
  }

  /** {@code experiment} with its trials and comparisons replaced. */
  static ExperimentResult withTrials(
      ExperimentResult e, List<TrialResult> trials, List<Comparison> comparisons) {
    return ExperimentResult.of(e.id(), e.technique(), e.claim(), e.variants())
        .with(e.status(), e.reason())
        .withTrials(trials)
        .withComparisons(comparisons);
  }

  /** {@code experiment} with another id and claim. */
  static ExperimentResult renamed(ExperimentResult e, String id, String claim) {
    return ExperimentResult.of(id, e.technique(), claim, e.variants())
        .with(e.status(), e.reason())
        .withTrials(e.trials())
        .withComparisons(e.comparisons());
  }

  /**
   * The fixture's measured experiment over {@code blocks} blocks, the candidate about half the
   * baseline.
   */
  static ExperimentResult measuredOverBlocks(int blocks) {
    ExperimentResult base = ResultsFixtures.run().experiments().get(0);
    List<TrialResult> trials = new ArrayList<>();
    for (int b = 0; b < blocks; b++) {
      trials.add(ResultsFixtures.trial("naive", b, 19_000 + 1000L * (b % 3), 51));
      trials.add(ResultsFixtures.trial("optimized", b, 9_000 + 1000L * (b % 2), 1));
    }
    var comparison =
        new Comparison(
            "naive",
            "optimized",
            "clientLatencyMicros.p50",
            20_007,
            9_507,
            0.49,
            0.45,
            0.53,
            0.99,
            blocks,
            "faster",
            0.05);
    return withTrials(base, trials, List.of(comparison));
  }
}
