package dev.djbench.gate;

import dev.djbench.analysis.Metric;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.ResultsException;
import dev.djbench.results.ResultsIO;
import dev.djbench.results.RunResult;
import dev.djbench.results.TrialResult;
import dev.djbench.scenario.Experiment;
import dev.djbench.scenario.GateSpec;
import dev.djbench.scenario.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A gate's baseline taken from a stored {@code results.json} instead of being measured: the trials
 * of its {@code candidate} variant, per experiment. The file must come from a gate (or calibrate)
 * run of the same suite, with every experiment of the scenario.
 *
 * @param file the results file, as given
 * @param run what it holds
 */
public record StoredBaseline(Path file, RunResult run) {

  /**
   * Reads a stored run and checks that it can serve as the baseline of {@code scenario}.
   *
   * @param file a {@code results.json} file, or the run directory holding one
   * @param scenario the gate scenario about to be measured
   * @throws GateInputException naming the file and what differs: unreadable, another suite, a
   *     missing experiment, or an experiment without trials of the {@code candidate} variant (not a
   *     gate run)
   */
  public static StoredBaseline read(Path file, Scenario scenario) throws GateInputException {
    RunResult run;
    try {
      run = ResultsIO.read(file);
    } catch (ResultsException e) {
      throw new GateInputException("--baseline-results: " + e.getMessage());
    }
    if (!scenario.suite().equals(run.suite())) {
      throw new GateInputException(
          "--baseline-results "
              + file
              + " holds a run of suite '"
              + run.suite()
              + "', but "
              + scenario.file()
              + " is suite '"
              + scenario.suite()
              + "'; a stored baseline must come from a gate run of "
              + "the same suite");
    }
    Set<String> stored =
        run.experiments().stream().map(ExperimentResult::id).collect(Collectors.toSet());
    List<String> missing =
        scenario.experiments().stream()
            .map(Experiment::id)
            .filter(id -> !stored.contains(id))
            .toList();
    if (!missing.isEmpty()) {
      throw new GateInputException(
          "--baseline-results "
              + file
              + " has no experiment "
              + String.join(", ", missing)
              + " of "
              + scenario.file()
              + " (it has: "
              + String.join(", ", stored.stream().sorted().toList())
              + "); store a gate run of the current scenario");
    }
    for (Experiment e : scenario.experiments()) {
      boolean gateTrials =
          experiment(run, e.id()).orElseThrow().trials().stream()
              .anyMatch(t -> t.variant().equals(GateSpec.CANDIDATE));
      if (!gateTrials) {
        throw new GateInputException(
            "--baseline-results "
                + file
                + ": experiment "
                + e.id()
                + " has no trials of "
                + "the variant '"
                + GateSpec.CANDIDATE
                + "'; expected the results.json of a djbench gate run");
      }
    }
    return new StoredBaseline(file, run);
  }

  /**
   * The stored baseline values of a metric: one per valid trial of the {@code candidate} variant.
   *
   * @param experiment an experiment id of the stored run
   * @param metric a metric in results naming, e.g. {@code serverTotalMicros.p50}
   */
  public double[] values(String experiment, String metric) {
    return candidateValues(
        experiment(run, experiment).map(ExperimentResult::trials).orElse(List.of()), metric);
  }

  /**
   * One value per valid trial of the {@code candidate} variant among {@code trials}, in the order
   * run.
   *
   * @param metric a reported metric in results naming
   * @throws IllegalArgumentException for a metric that is not reported
   */
  static double[] candidateValues(List<TrialResult> trials, String metric) {
    Metric m =
        Metric.byKey(metric)
            .orElseThrow(() -> new IllegalArgumentException("unknown metric " + metric));
    return trials.stream()
        .filter(t -> t.valid() && t.variant().equals(GateSpec.CANDIDATE))
        .mapToDouble(m::valueOf)
        .toArray();
  }

  /**
   * What the report should say about how the stored run differs from the new one: profile, machine,
   * and experiments the scenario no longer has. None of these stops the gate, but each weakens the
   * comparison.
   */
  public List<String> differencesFrom(RunResult measured) {
    List<String> notes = new ArrayList<>();
    notes.add(
        "baseline: the candidate trials of "
            + file
            + " (run "
            + run.runId()
            + ", "
            + run.startedAt()
            + ")");
    if (!run.profile().equals(measured.profile())) {
      notes.add(
          "the stored run used the "
              + run.profile()
              + " profile, this one "
              + measured.profile()
              + ": trial lengths differ");
    }
    if (run.machine() != null
        && measured.machine() != null
        && (run.machine().cores() != measured.machine().cores()
            || !run.machine().cpuModel().equals(measured.machine().cpuModel()))) {
      notes.add(
          "the stored run was measured on another machine ("
              + run.machine().cores()
              + " × "
              + run.machine().cpuModel()
              + "; now "
              + measured.machine().cores()
              + " × "
              + measured.machine().cpuModel()
              + "): differences include the machine's");
    }
    Set<String> now =
        measured.experiments().stream().map(ExperimentResult::id).collect(Collectors.toSet());
    run.experiments().stream()
        .map(ExperimentResult::id)
        .filter(id -> !now.contains(id))
        .forEach(
            id ->
                notes.add(
                    "stored experiment "
                        + id
                        + " is not in the scenario any more and was ignored"));
    return notes;
  }

  private static Optional<ExperimentResult> experiment(RunResult run, String id) {
    return run.experiments().stream().filter(e -> e.id().equals(id)).findFirst();
  }
}
