package dev.djbench.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One run made of the runs of a suite's shards ({@code djbench run --shard K/N} on N machines):
 * every experiment as its shard measured it, in scenario order, and each shard's run and machine.
 *
 * <p>Nothing is recomputed: an experiment is never split between shards, so its comparisons were
 * made on one machine, from its own blocks, and they stay as they were. The merge checks that the
 * folders really are the shards of one run — the same suite, scenario file, seed, profile and
 * options, each shard once, every shard present, each experiment measured by exactly one of them —
 * and refuses anything else, naming the folder and the value.
 */
public final class ShardMerge {

  private ShardMerge() {}

  /**
   * A shard's run folder, read.
   *
   * @param folder where it is
   * @param result its results (from {@code results.json}, or its journal when it was killed)
   * @param manifest its {@code run.json}, or null when the folder has none
   */
  public record Input(Path folder, RunResult result, RunManifest manifest) {
    public Input {
      Objects.requireNonNull(folder);
      Objects.requireNonNull(result);
    }
  }

  /**
   * The merged run.
   *
   * @param runId the merged run's id
   * @param finishedAt when the merge was made, if no shard says later
   * @throws ResultsException when the inputs are not the shards of one run, naming what differs
   */
  public static RunResult merge(List<Input> inputs, String runId) throws ResultsException {
    if (inputs.isEmpty()) {
      throw new ResultsException("no run folders to merge; expected the folders of every shard");
    }
    for (Input in : inputs) {
      if (in.result().shard() == null) {
        throw new ResultsException(
            in.folder()
                + ": run "
                + in.result().runId()
                + " is not a shard (it was made without --shard K/N); merge takes the folders of"
                + " djbench run --shard K/N, one per shard");
      }
      if (in.result().gate() != null) {
        throw new ResultsException(
            in.folder() + ": a gate's run; gates are not sharded, and their runs do not merge");
      }
    }
    Input first = inputs.get(0);
    RunResult.Shard plan = first.result().shard();
    for (Input in : inputs.subList(1, inputs.size())) {
      same(first, in, "shard count", plan.count(), in.result().shard().count());
      same(first, in, "suite", first.result().suite(), in.result().suite());
      same(first, in, "seed", first.result().seed(), in.result().seed());
      same(first, in, "profile", first.result().profile(), in.result().profile());
      same(first, in, "schemaVersion", first.result().schemaVersion(), in.result().schemaVersion());
      same(
          first,
          in,
          "client latency clock",
          first.result().clientLatencyResolution(),
          in.result().clientLatencyResolution());
      Set<Double> a = thresholds(first.result());
      Set<Double> b = thresholds(in.result());
      if (a != null && b != null) {
        same(first, in, "threshold δ", a, b);
      }
      same(first, in, "selection of experiments", plan.selected(), in.result().shard().selected());
      if (first.manifest() != null && in.manifest() != null) {
        same(
            first,
            in,
            "scenario file's SHA-256",
            first.manifest().scenarioSha256(),
            in.manifest().scenarioSha256());
      }
    }
    Map<Integer, Input> byIndex = new HashMap<>();
    for (Input in : inputs) {
      Input twice = byIndex.putIfAbsent(in.result().shard().index(), in);
      if (twice != null) {
        throw new ResultsException(
            "shard "
                + in.result().shard().label()
                + " is given twice: "
                + twice.folder()
                + " (run "
                + twice.result().runId()
                + ") and "
                + in.folder()
                + " (run "
                + in.result().runId()
                + "); expected each shard once");
      }
    }
    List<String> missing = new ArrayList<>();
    for (int k = 1; k <= plan.count(); k++) {
      if (!byIndex.containsKey(k)) {
        missing.add(k + "/" + plan.count());
      }
    }
    if (!missing.isEmpty()) {
      throw new ResultsException(
          (missing.size() == 1 ? "shard " : "shards ")
              + String.join(", ", missing)
              + (missing.size() == 1 ? " is" : " are")
              + " missing; given "
              + String.join(
                  ", ",
                  inputs.stream()
                      .map(in -> in.result().shard().label() + " (" + in.folder() + ")")
                      .toList())
              + "; expected all "
              + plan.count());
    }
    List<Input> ordered =
        inputs.stream().sorted(Comparator.comparingInt(in -> in.result().shard().index())).toList();
    Map<String, ExperimentResult> experiments = new HashMap<>();
    Map<String, Input> measuredBy = new HashMap<>();
    for (Input in : ordered) {
      for (ExperimentResult e : in.result().experiments()) {
        Input other = measuredBy.putIfAbsent(e.id(), in);
        if (other != null) {
          throw new ResultsException(
              "experiment "
                  + e.id()
                  + " is in shard "
                  + other.result().shard().label()
                  + " ("
                  + other.folder()
                  + ") and in shard "
                  + in.result().shard().label()
                  + " ("
                  + in.folder()
                  + "); a shard's share is its own: were they made by different versions of"
                  + " djbench?");
        }
        if (!plan.selected().contains(e.id())) {
          throw new ResultsException(
              in.folder()
                  + ": experiment "
                  + e.id()
                  + " is not one of the experiments the shards selected, "
                  + plan.selected());
        }
        experiments.put(e.id(), e);
      }
    }
    Set<String> unmeasured = new LinkedHashSet<>(plan.selected());
    unmeasured.removeAll(experiments.keySet());
    if (!unmeasured.isEmpty()) {
      throw new ResultsException(
          "no shard holds experiment(s) "
              + unmeasured
              + "; each shard lists the experiments it was dealt: were the shards made by"
              + " different versions of djbench?");
    }
    List<RunResult.ShardRun> shards = new ArrayList<>();
    for (Input in : ordered) {
      RunResult r = in.result();
      shards.add(
          new RunResult.ShardRun(
              r.shard().index(),
              r.shard().count(),
              r.runId(),
              r.status(),
              r.message(),
              r.startedAt(),
              r.finishedAt(),
              r.machine(),
              r.experiments().stream().map(ExperimentResult::id).toList()));
    }
    RunResult.Status status = RunResult.Status.COMPLETE;
    List<String> messages = new ArrayList<>();
    for (Input in : ordered) {
      RunResult r = in.result();
      if (r.status() != RunResult.Status.COMPLETE) {
        messages.add("shard " + r.shard().label() + " " + r.status().word() + ": " + r.message());
        if (severity(r.status()) > severity(status)) {
          status = r.status();
        }
      }
    }
    String startedAt =
        ordered.stream().map(in -> in.result().startedAt()).min(String::compareTo).orElseThrow();
    String finishedAt =
        ordered.stream().map(in -> in.result().finishedAt()).max(String::compareTo).orElseThrow();
    return new RunResult(
        first.result().schemaVersion(),
        runId,
        status,
        String.join("; ", messages),
        startedAt,
        finishedAt,
        first.result().scenarioFile(),
        first.result().suite(),
        first.result().profile(),
        first.result().seed(),
        first.result().clientLatencyResolution(),
        ordered.get(0).result().machine(),
        plan.selected().stream().map(experiments::get).toList(),
        null,
        null,
        shards);
  }

  /**
   * The practical thresholds δ a shard's verdicts were made at (set by {@code --threshold}), or
   * null when it made no comparison to compare by.
   */
  private static Set<Double> thresholds(RunResult run) {
    Set<Double> all = new java.util.TreeSet<>();
    run.experiments().forEach(e -> e.comparisons().forEach(c -> all.add(c.threshold())));
    return all.isEmpty() ? null : all;
  }

  /** Which ending wins in a merge: a failure over an interruption over a complete run. */
  private static int severity(RunResult.Status status) {
    return switch (status) {
      case COMPLETE -> 0;
      case ABORTED -> 1;
      case INTERRUPTED -> 2;
      case FAILED -> 3;
    };
  }

  private static void same(Input first, Input other, String what, Object a, Object b)
      throws ResultsException {
    if (!Objects.equals(a, b)) {
      throw new ResultsException(
          "these are not shards of one run: the "
              + what
              + " differs: "
              + a
              + " in "
              + first.folder()
              + ", "
              + b
              + " in "
              + other.folder());
    }
  }
}
