package dev.djbench.runner;

import dev.djbench.analysis.Comparisons;
import dev.djbench.analysis.Measurements;
import dev.djbench.analysis.Metric;
import dev.djbench.gate.GateEvaluator;
import dev.djbench.gate.Thresholds;
import dev.djbench.measure.Histograms;
import dev.djbench.measure.TrialMeasurement;
import dev.djbench.plan.BlockOrder;
import dev.djbench.plan.InjectTimeline;
import dev.djbench.plan.Profile;
import dev.djbench.results.Comparison;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.GateResult;
import dev.djbench.results.InjectPart;
import dev.djbench.results.PartFiles;
import dev.djbench.results.ResultsException;
import dev.djbench.results.RunManifest;
import dev.djbench.results.RunResult;
import dev.djbench.results.ServerResources;
import dev.djbench.results.TrialResult;
import dev.djbench.scenario.Experiment;
import dev.djbench.scenario.GateSpec;
import dev.djbench.scenario.Scenario;
import dev.djbench.scenario.ScenarioException;
import dev.djbench.scenario.ScenarioLoader;
import dev.djbench.scenario.Variant;
import dev.djbench.stats.Defaults;
import dev.djbench.stats.SequentialPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * {@code djbench merge PART_DIR…}: one run made of the parts of a distributed run. Every trial of
 * the timeline is rebuilt from the parts' shares of its arrivals: the histograms added
 * (HdrHistogram addition is exact, so the merged percentiles are those of every request of every
 * part), the counts summed, then judged valid and compared as one injector's trial would be. A part
 * that fell behind its schedule in a trial, or did not finish, invalidates that trial: its share of
 * the load did not arrive when the schedule said.
 */
public final class PartMerge {

  private PartMerge() {}

  /**
   * The merged run; for the parts of a gate of two deployments ({@code --baseline-url}, {@code
   * --candidate-url}), with the gate decided on the merged trials.
   *
   * @param folders the parts' folders, every part once
   * @param home the djbench home the scenario's relative paths resolve against
   * @param runId the merged run's id
   * @param inconclusive what a gate's inconclusive check does
   * @throws ResultsException when the folders are not every part of one distributed run, naming
   *     what differs and where
   */
  public static RunResult merge(
      List<Path> folders, Path home, String runId, GateResult.Policy inconclusive)
      throws ResultsException {
    if (folders.isEmpty()) {
      throw new ResultsException("no part folders to merge; expected the folder of every part");
    }
    List<PartFiles.Loaded> parts = new ArrayList<>();
    for (Path folder : folders) {
      parts.add(PartFiles.read(folder));
    }
    checkOneRun(parts);
    parts.sort(Comparator.comparingInt(p -> p.part().index()));
    InjectPart first = parts.get(0).part();
    Map<String, String> sides = first.gateTargets();
    // As djbench inject read it: a gate's two sides at the deployments the parts were given, or
    // its pages.
    Scenario scenario = scenario(parts.get(0), home).injected(sides);
    List<Experiment> experiments = selected(scenario, first, parts.get(0).folder());
    Profile profile =
        Profile.named(first.profile())
            .orElseThrow(
                () ->
                    new ResultsException(
                        parts.get(0).folder().resolve(PartFiles.PART_FILE)
                            + ": profile '"
                            + first.profile()
                            + "' is not one of this build's, "
                            + Profile.values().stream().map(Profile::label).toList()));
    InjectTimeline timeline;
    try {
      timeline =
          InjectTimeline.of(experiments, profile, new BlockOrder(first.seed()), first.blocks());
    } catch (IllegalArgumentException e) {
      throw new ResultsException(
          parts.get(0).folder().resolve(PartFiles.PART_FILE) + ": " + e.getMessage(), e);
    }

    Map<String, List<TrialResult>> trialsByExperiment = new LinkedHashMap<>();
    experiments.forEach(e -> trialsByExperiment.put(e.id(), new ArrayList<>()));
    Map<Integer, List<String>> laggedByPart = new TreeMap<>();
    int stream = 0;
    for (InjectTimeline.Slot slot : timeline.slots()) {
      List<MergedTrial> unit = new ArrayList<>();
      for (int i = 0; i < slot.unit().size(); i++, stream++) {
        unit.add(mergeTrial(slot, i, stream, parts, laggedByPart));
      }
      List<String> invalidVariants =
          unit.stream().filter(t -> !t.reasons.isEmpty()).map(t -> t.variant).toList();
      for (MergedTrial t : unit) {
        if (t.reasons.isEmpty() && !invalidVariants.isEmpty()) {
          t.reasons.add(
              "measured together with an invalid trial of " + String.join(", ", invalidVariants));
        }
        trialsByExperiment
            .get(slot.experiment().id())
            .add(
                TrialRunner.toResult(
                    slot.experiment().id(),
                    t.variant,
                    slot.block(),
                    t.position,
                    t.scheduledAt,
                    slot.warmupSeconds(),
                    t.measurement,
                    ServerResources.UNKNOWN,
                    t.reasons));
      }
    }

    Map<String, Double> gated = new LinkedHashMap<>();
    Metric.RUN_GATING.forEach(m -> gated.put(m.key(), first.threshold()));
    // No sequential looks: the timeline's blocks were fixed before any was measured.
    Comparisons comparisons =
        new Comparisons(
            new SequentialPlan(first.blocks(), first.blocks(), Defaults.ALPHA),
            gated,
            first.threshold(),
            first.seed());
    List<ExperimentResult> results = new ArrayList<>();
    for (Experiment e : experiments) {
      results.add(result(e, trialsByExperiment.get(e.id()), comparisons));
    }

    List<RunResult.InjectorRun> injectors = new ArrayList<>();
    for (PartFiles.Loaded loaded : parts) {
      InjectPart p = loaded.part();
      injectors.add(
          new RunResult.InjectorRun(
              p.index(),
              p.count(),
              p.host(),
              p.status(),
              p.message(),
              p.startedAt(),
              p.finishedAt(),
              p.machine(),
              p.clock() == null ? null : p.clock().offsetMillis(),
              p.clock() == null ? null : p.clock().uncertaintyMillis(),
              p.clock() == null ? "" : p.clock().reference(),
              p.trials().stream().mapToLong(t -> t.counts().requests()).sum(),
              p.trials().stream().mapToLong(InjectPart.Trial::startLagP99Micros).max().orElse(-1),
              laggedByPart.getOrDefault(p.index(), List.of())));
    }

    List<String> problems = new ArrayList<>();
    for (PartFiles.Loaded loaded : parts) {
      InjectPart p = loaded.part();
      if (!p.status().equals(InjectPart.COMPLETE)) {
        problems.add(
            "part "
                + p.label()
                + " ("
                + p.host()
                + ") "
                + (p.status().equals(InjectPart.FAILED) ? "failed" : "never finished")
                + (p.message().isEmpty() ? "" : ": " + p.message()));
      }
    }
    List<String> failed =
        results.stream()
            .filter(e -> e.status() == ExperimentResult.Status.FAILED)
            .map(ExperimentResult::id)
            .toList();
    if (!failed.isEmpty()) {
      problems.add(
          (failed.size() == 1 ? "experiment " : "experiments ")
              + String.join(", ", failed)
              + " had no valid trial");
    }
    String startedAt =
        parts.stream().map(p -> p.part().startedAt()).min(String::compareTo).orElseThrow();
    String finishedAt =
        parts.stream()
            .map(p -> p.part().finishedAt())
            .filter(s -> !s.isEmpty())
            .max(String::compareTo)
            .orElse(Instant.now().toString());
    RunResult measured =
        new RunResult(
            RunResult.SCHEMA_VERSION,
            runId,
            problems.isEmpty() ? RunResult.Status.COMPLETE : RunResult.Status.FAILED,
            String.join("; ", problems),
            startedAt,
            finishedAt,
            first.scenarioFile(),
            first.suite(),
            first.profile(),
            first.seed(),
            RunResult.CLIENT_LATENCY_RESOLUTION,
            first.machine(),
            results,
            null,
            null,
            List.of(),
            injectors);
    if (scenario.gate().isEmpty() || sides.isEmpty()) {
      return measured;
    }
    // One look, after every block: the family's α is spent once. A calibration measures the
    // machine it ran on, not these deployments, so an 'auto' δ takes the uncalibrated default.
    Thresholds thresholds = Thresholds.resolve(scenario.gate().get(), Optional.empty());
    return measured.withGate(
        new GateEvaluator(thresholds.byMetric(), Defaults.FAMILY_ALPHA, first.seed())
            .evaluate(
                measured,
                sides.get(GateSpec.BASELINE),
                sides.get(GateSpec.CANDIDATE),
                inconclusive,
                thresholds.notes()));
  }

  /** One trial of the timeline, made of the parts' shares of it. */
  private static final class MergedTrial {
    String variant;
    int position;
    String scheduledAt;
    TrialMeasurement measurement;
    final List<String> reasons = new ArrayList<>();
  }

  private static MergedTrial mergeTrial(
      InjectTimeline.Slot slot,
      int i,
      int stream,
      List<PartFiles.Loaded> parts,
      Map<Integer, List<String>> laggedByPart)
      throws ResultsException {
    Experiment experiment = slot.experiment();
    Variant variant = slot.unit().get(i);
    MergedTrial merged = new MergedTrial();
    merged.variant = variant.name();
    merged.position = slot.position() + i;
    String name = experiment.id() + "/" + variant.name() + "/block " + (slot.block() + 1);
    Map<String, Histogram> histograms = new LinkedHashMap<>();
    long[] counts = new long[9];
    Map<Integer, Long> statuses = new TreeMap<>();
    Map<String, Long> failures = new TreeMap<>();
    Map<String, Long> vendors = new TreeMap<>();
    double rate = 0;
    for (PartFiles.Loaded loaded : parts) {
      InjectPart part = loaded.part();
      InjectPart.Trial t = stream < part.trials().size() ? part.trials().get(stream) : null;
      if (t == null) {
        merged.reasons.add(
            "part "
                + part.label()
                + " ("
                + part.host()
                + ") has no share of it ("
                + (part.status().equals(InjectPart.COMPLETE) ? "" : part.status() + ": ")
                + (part.message().isEmpty() ? "no trial recorded" : part.message())
                + "): 1/"
                + part.count()
                + " of its arrivals are missing");
        continue;
      }
      if (t.slot() != stream
          || !t.experiment().equals(experiment.id())
          || !t.variant().equals(variant.name())
          || t.block() != slot.block()
          || t.position() != merged.position) {
        throw new ResultsException(
            loaded.folder().resolve(PartFiles.PART_FILE)
                + ": trial "
                + stream
                + " is "
                + t.experiment()
                + "/"
                + t.variant()
                + "/block "
                + (t.block() + 1)
                + ", but the timeline of its scenario, seed and profile has "
                + name
                + " there: was the part made by another version of djbench?");
      }
      if (merged.scheduledAt == null) {
        merged.scheduledAt = t.scheduledAt();
      }
      rate += t.ratePerSecond();
      TrialResult.Counts c = t.counts();
      long[] these = {
        c.warmupRequests(),
        c.requests(),
        c.completed(),
        c.errors(),
        c.connectionFailures(),
        c.missingServerTiming(),
        c.edgeCacheHits(),
        c.cacheHits(),
        c.cacheMisses()
      };
      for (int k = 0; k < counts.length; k++) {
        counts[k] += these[k];
      }
      for (var s : t.statusCounts().entrySet()) {
        statuses.merge(status(loaded, s.getKey()), s.getValue(), Long::sum);
      }
      t.failures().forEach((s, n) -> failures.merge(s, n, Long::sum));
      t.databaseVendors().forEach((s, n) -> vendors.merge(s, n, Long::sum));
      for (var h : loaded.histograms().get(stream).entrySet()) {
        histograms.computeIfAbsent(h.getKey(), k -> sumOf(h.getValue())).add(h.getValue());
      }
      if (t.startLagP99Micros() > TrialValidity.MAX_START_LAG_P99_MICROS) {
        merged.reasons.add(
            String.format(
                Locale.ROOT,
                "part %s (%s) fell behind its schedule: p99 start lag %.1f ms (limit %.1f ms)",
                part.label(),
                part.host(),
                t.startLagP99Micros() / 1000.0,
                TrialValidity.MAX_START_LAG_P99_MICROS / 1000.0));
        laggedByPart.computeIfAbsent(part.index(), k -> new ArrayList<>()).add(name);
      }
    }
    if (merged.scheduledAt == null) {
      merged.scheduledAt = parts.get(0).part().startAt();
    }
    if (histograms.isEmpty()) {
      // No part has a share of it: every histogram is empty, nothing was measured.
      for (String h : EMPTY_NAMES) {
        histograms.put(h, new Histogram(3));
      }
    }
    var settings = experiment.load();
    merged.measurement =
        new TrialMeasurement(
            slot.measureSeconds(),
            rate > 0 ? rate : settings.ratePerSecond(),
            counts[0],
            counts[1],
            counts[2],
            counts[3],
            counts[4],
            counts[5],
            counts[6],
            counts[7],
            counts[8],
            statuses,
            failures,
            vendors,
            Histograms.fromNames(histograms));
    List<String> own =
        TrialValidity.reasons(
            merged.measurement, settings.poisson(), settings.maxErrorFraction(), false);
    merged.reasons.addAll(0, own);
    return merged;
  }

  private static final List<String> EMPTY_NAMES =
      List.of(
          "clientLatencyMicros",
          "serverTotalMicros",
          "serverDbMicros",
          "serverTemplateMicros",
          "serverCacheMicros",
          "dbQueries",
          "startLagMicros");

  /** An empty histogram that holds any value the parts' do: their sum starts from it. */
  private static Histogram sumOf(Histogram like) {
    Histogram sum = new Histogram(like.getNumberOfSignificantValueDigits());
    sum.setAutoResize(true);
    return sum;
  }

  private static int status(PartFiles.Loaded loaded, String status) throws ResultsException {
    try {
      return Integer.parseInt(status);
    } catch (NumberFormatException e) {
      throw new ResultsException(
          loaded.folder().resolve(PartFiles.PART_FILE)
              + ": status '"
              + status
              + "' is not an HTTP status code",
          e);
    }
  }

  private static ExperimentResult result(
      Experiment experiment, List<TrialResult> trials, Comparisons comparisons) {
    ExperimentResult base = ExperimentRunner.resultOf(experiment).withTrials(trials);
    if (trials.stream().noneMatch(TrialResult::valid)) {
      String why =
          trials.isEmpty()
              ? "no trial on the timeline"
              : String.join("; ", trials.get(0).invalidReasons());
      return base.with(
          ExperimentResult.Status.FAILED, "every trial was invalid (first: " + why + ")");
    }
    ExperimentResult measured =
        base.withInterleave(experiment.load().interleave().name().toLowerCase(Locale.ROOT), 0);
    if (experiment.pages()) {
      return measured.withMeasurements(
          new Measurements(1 - Defaults.ALPHA)
              .of(experiment.variants().stream().map(Variant::name).toList(), trials));
    }
    List<Comparison> compared =
        comparisons.compare(
            experiment.baseline().name(),
            experiment.variants().stream().skip(1).map(Variant::name).toList(),
            trials);
    return measured.withComparisons(compared);
  }

  /** The scenario the parts ran, from the copy in the first part's folder, checked by its hash. */
  private static Scenario scenario(PartFiles.Loaded part, Path home) throws ResultsException {
    Path copy = part.folder().resolve(InjectRun.SCENARIO_COPY);
    if (!Files.isRegularFile(copy)) {
      throw new ResultsException(
          copy + ": missing; a part's folder keeps the scenario it ran, which the merge reads");
    }
    String sha;
    try {
      sha = RunManifest.sha256(copy);
    } catch (IOException e) {
      throw new ResultsException(copy + ": unreadable: " + e.getMessage(), e);
    }
    if (!sha.equals(part.part().scenarioSha256())) {
      throw new ResultsException(
          copy
              + ": SHA-256 "
              + sha
              + " is not the "
              + part.part().scenarioSha256()
              + " its part.json recorded: the copy was changed after the part ran");
    }
    try {
      return new ScenarioLoader(home).load(copy);
    } catch (ScenarioException e) {
      throw new ResultsException(copy + ": " + e.getMessage(), e);
    }
  }

  private static List<Experiment> selected(Scenario scenario, InjectPart part, Path folder)
      throws ResultsException {
    List<Experiment> out = new ArrayList<>();
    for (String id : part.selected()) {
      Experiment e =
          scenario.experiments().stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
      if (e == null) {
        throw new ResultsException(
            folder.resolve(PartFiles.PART_FILE)
                + ": experiment '"
                + id
                + "' is not in its scenario copy "
                + folder.resolve(InjectRun.SCENARIO_COPY));
      }
      out.add(e);
    }
    return out;
  }

  /** Refuses folders that are not every part, once each, of one distributed run. */
  private static void checkOneRun(List<PartFiles.Loaded> parts) throws ResultsException {
    PartFiles.Loaded first = parts.get(0);
    List<Check> checks =
        List.of(
            new Check("suite", InjectPart::suite),
            new Check("scenario file's SHA-256", InjectPart::scenarioSha256),
            new Check("target", InjectPart::target),
            new Check("gate's deployments", p -> p.gateTargets().toString()),
            new Check("seed", InjectPart::seed),
            new Check("profile", InjectPart::profile),
            new Check("blocks", InjectPart::blocks),
            new Check("threshold δ", InjectPart::threshold),
            new Check("start (--start-at)", InjectPart::startAt),
            new Check("part count N", InjectPart::count),
            new Check("selection of experiments", InjectPart::selected));
    for (PartFiles.Loaded other : parts.subList(1, parts.size())) {
      for (Check check : checks) {
        Object a = check.value.apply(first.part());
        Object b = check.value.apply(other.part());
        if (!Objects.equals(a, b)) {
          throw new ResultsException(
              "these are not parts of one distributed run: the "
                  + check.what
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
    Map<Integer, PartFiles.Loaded> byIndex = new TreeMap<>();
    for (PartFiles.Loaded p : parts) {
      PartFiles.Loaded twice = byIndex.putIfAbsent(p.part().index(), p);
      if (twice != null) {
        throw new ResultsException(
            "part "
                + p.part().label()
                + " is given twice: "
                + twice.folder()
                + " and "
                + p.folder()
                + "; expected each part once");
      }
    }
    int count = first.part().count();
    List<String> missing = new ArrayList<>();
    for (int k = 1; k <= count; k++) {
      if (!byIndex.containsKey(k)) {
        missing.add(k + "/" + count);
      }
    }
    if (!missing.isEmpty()) {
      throw new ResultsException(
          (missing.size() == 1 ? "part " : "parts ")
              + String.join(", ", missing)
              + (missing.size() == 1 ? " is" : " are")
              + " missing; given "
              + String.join(
                  ", ",
                  parts.stream().map(p -> p.part().label() + " (" + p.folder() + ")").toList())
              + "; expected all "
              + count
              + " (a part that failed still has a folder: give it too)");
    }
  }

  private record Check(String what, Function<InjectPart, Object> value) {}
}
