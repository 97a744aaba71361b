package dev.djbench.runner;

import dev.djbench.analysis.Comparisons;
import dev.djbench.analysis.Measurements;
import dev.djbench.plan.BlockOrder;
import dev.djbench.plan.ExperimentPlan;
import dev.djbench.plan.Profile;
import dev.djbench.results.CapacityResult;
import dev.djbench.results.Comparison;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.ExperimentResult.Status;
import dev.djbench.results.Journal;
import dev.djbench.results.TrialResult;
import dev.djbench.scenario.Experiment;
import dev.djbench.scenario.Variant;
import dev.djbench.stats.Defaults;
import dev.djbench.sut.Deployed;
import dev.djbench.sut.ExperimentServers;
import dev.djbench.sut.process.TargetException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one experiment: plans it, brings its servers up, checks its variants agree, executes the
 * plan's blocks until the stopping rule says enough, and brings everything down again whatever
 * happens.
 */
final class ExperimentRunner {

  private final Profile profile;
  private final BlockOrder order;
  private final Comparisons comparisons;
  private final TrialRunner trials;
  private final ExperimentServers.Factory servers;
  private final Journal journal;
  private final Progress progress;
  private final boolean stopForFutility;

  ExperimentRunner(
      Profile profile,
      BlockOrder order,
      Comparisons comparisons,
      TrialRunner trials,
      ExperimentServers.Factory servers,
      Journal journal,
      Progress progress,
      boolean stopForFutility) {
    this.profile = profile;
    this.stopForFutility = stopForFutility;
    this.order = order;
    this.comparisons = comparisons;
    this.trials = trials;
    this.servers = servers;
    this.journal = journal;
    this.progress = progress;
  }

  /**
   * Runs the experiment. Trials are handed to {@code onTrial} as they end (after the journal has
   * them), so that a run interrupted mid-experiment still reports them.
   *
   * @throws TargetException when a server dies or the load generator fails; trials measured before
   *     are in the journal
   */
  ExperimentResult run(Experiment experiment, Consumer<TrialResult> onTrial)
      throws TargetException, IOException {
    return run(experiment, onTrial, List.of());
  }

  /**
   * Runs the experiment, continuing an interrupted run of it: {@code kept} are the trials its
   * journal already holds, in the order measured. The plan is the same (same seed, same scenario),
   * so block after block the units it already measured are taken from {@code kept} instead of
   * measured again, and the stopping rule decides on them as it did; only what is left is measured.
   * A capacity search is searched again from its start (its probes are not blocks).
   */
  ExperimentResult run(Experiment experiment, Consumer<TrialResult> onTrial, List<TrialResult> kept)
      throws TargetException, IOException {
    ExperimentPlan plan = ExperimentPlan.of(experiment, profile, order);
    List<ExperimentResult.VariantInfo> variants = resultOf(experiment).variants();
    ExperimentServers running;
    try {
      running = servers.start(experiment, plan.startOrder());
    } catch (TargetException e) {
      // A deployment that will not start fails its experiment, not the run: later experiments may
      // not need it.
      progress.say("  [%s] FAILED to start: %s", experiment.id(), e.getMessage());
      return result(experiment, variants).with(Status.FAILED, e.getMessage());
    }
    try (running) {
      Variant first = experiment.baseline();
      if (!EquivalenceCheck.sendsServerTiming(running.of(first), first.request())) {
        progress.say(
            "  [%s] WARNING: %s answers without a Server-Timing header: its server time, queries"
                + " and cache cannot be measured (shown as –, and a gate on them fails);"
                + " djbench's probe is not in its middleware",
            experiment.id(), first.request());
      }
      Map<String, String> slowdowns = new LinkedHashMap<>();
      // Pages measured each on its own answer differently by design: nothing to check.
      Optional<String> broken =
          experiment.pages()
              ? Optional.empty()
              : EquivalenceCheck.probe(experiment, running, slowdowns);
      variants =
          variants.stream()
              .map(v -> v.withInjectedSlowdown(slowdowns.getOrDefault(v.name(), "")))
              .toList();
      if (broken.isPresent()) {
        progress.say("  [%s] BROKEN: %s", experiment.id(), broken.get());
        return result(experiment, variants).with(Status.BROKEN, broken.get());
      }
      Recorder recorder = new Recorder(onTrial);
      if (experiment.capacity().isPresent()) {
        if (!kept.isEmpty()) {
          progress.say(
              "  [%s] the interrupted run's %d capacity probes are not reused: the search starts"
                  + " again",
              experiment.id(), kept.size());
        }
        return capacity(experiment, plan, running, variants, recorder);
      }
      if (!kept.isEmpty()) {
        progress.say(
            "  [%s] %d %s kept from the interrupted run; measuring what is left of its plan",
            experiment.id(), kept.size(), kept.size() == 1 ? "trial" : "trials");
      }
      return blocks(experiment, plan, running, variants, recorder, new ArrayDeque<>(kept));
    }
  }

  /** Executes the plan's blocks until the stopping rule is met. */
  private ExperimentResult blocks(
      Experiment experiment,
      ExperimentPlan plan,
      ExperimentServers running,
      List<ExperimentResult.VariantInfo> variants,
      Recorder recorder,
      Deque<TrialResult> kept)
      throws TargetException, IOException {
    List<String> candidates = experiment.variants().stream().skip(1).map(Variant::name).toList();
    double rate = experiment.load().ratePerSecond();
    List<CapacityResult> chosenBy = List.of();
    if (experiment.load().autoRate() && !kept.isEmpty()) {
      // The rate the interrupted run chose; probing again could choose another one mid-plan.
      rate = kept.peekFirst().window().targetRatePerSecond();
      progress.say(
          "  [%s] rate: auto — %.1f/s, as the interrupted run chose it (its probe is not repeated)",
          experiment.id(), rate);
    } else if (experiment.load().autoRate()) {
      var choice =
          AutoRate.choose(
              experiment,
              running,
              slowest ->
                  (probeRate, index) -> {
                    // A probe is not a block: it is neither compared nor journaled; its figures
                    // stay in the result as the slowest variant's capacity.
                    TrialResult trial =
                        trials
                            .run(experiment, List.of(slowest), running, index, 0, probeRate)
                            .get(0);
                    running.checkAlive();
                    return trial;
                  },
              progress);
      rate = choice.ratePerSecond();
      chosenBy = List.of(choice.probe());
    }
    List<Comparison> compared = List.of();
    int restarts = 0;
    for (ExperimentPlan.Block block : plan.blocks()) {
      boolean measuredBefore = !kept.isEmpty() && kept.peekFirst().block() == block.index();
      if (!block.restartOrder().isEmpty() && running.restartBetweenBlocks() && !measuredBefore) {
        // See docs/statistics.md: a server process's own speed, fixed for its life, would
        // otherwise read as the variants' effect.
        int restarted = running.restart(block.restartOrder());
        restarts += restarted;
        progress.say(
            "  [%s] block %d: %d servers restarted (fresh processes for every block)",
            experiment.id(), block.index() + 1, restarted);
      }
      int position = 0;
      for (List<Variant> unit : block.units()) {
        // An invalid trial is kept with its reasons and repeated once; only valid trials enter
        // comparisons.
        for (int attempt = 0; attempt < 2; attempt++) {
          List<TrialResult> measured = take(kept, unit, block.index(), position, experiment);
          if (measured != null) {
            recorder.kept(measured);
          } else {
            measured = trials.run(experiment, unit, running, block.index(), position, rate);
            recorder.record(measured);
            running.checkAlive();
          }
          if (measured.stream().allMatch(TrialResult::valid)) {
            break;
          }
        }
        position += unit.size();
      }
      progress.blocksDone(experiment.id(), block.index() + 1);
      if (experiment.pages()) {
        // A measurement has nothing to settle: the profile's minimum of blocks.
        if (plan.stopAfter(block.index() + 1, true)) {
          break;
        }
        continue;
      }
      compared = comparisons.compare(experiment.baseline().name(), candidates, recorder.trials);
      int done = block.index() + 1;
      if (plan.stopAfter(done, comparisons.settled(compared))) {
        break;
      }
      if (stopForFutility && plan.stopAfter(done, comparisons.futile(compared, done))) {
        progress.say(
            "  [%s] stopped after %d of at most %d blocks: the blocks left could not settle what is"
                + " still inconclusive (docs/statistics.md, \"futility\")",
            experiment.id(), done, plan.maxBlocks());
        break;
      }
    }
    if (recorder.trials.stream().noneMatch(TrialResult::valid)) {
      String why =
          recorder.trials.isEmpty()
              ? "no trial ran"
              : String.join("; ", recorder.trials.get(0).invalidReasons());
      return result(experiment, variants)
          .with(Status.FAILED, "every trial was invalid (first: " + why + ")")
          .withTrials(recorder.trials)
          .withComparisons(compared)
          .withCapacities(chosenBy);
    }
    ExperimentResult measured =
        result(experiment, variants)
            .withTrials(recorder.trials)
            .withComparisons(compared)
            .withCapacities(chosenBy)
            .withInterleave(
                experiment.load().interleave().name().toLowerCase(Locale.ROOT), restarts);
    return experiment.pages()
        ? measured.withMeasurements(
            new Measurements(1 - Defaults.ALPHA)
                .of(experiment.variants().stream().map(Variant::name).toList(), recorder.trials))
        : measured;
  }

  /**
   * The trials of {@code unit} at this place of the plan, taken from the head of {@code kept}; null
   * when the interrupted run had not measured them. Trials that do not fit the plan (a unit the
   * kill cut between its trials' journal lines) are dropped, and said so: they are left out of the
   * results, never compared.
   */
  private List<TrialResult> take(
      Deque<TrialResult> kept, List<Variant> unit, int block, int position, Experiment experiment) {
    if (kept.isEmpty()) {
      return null;
    }
    List<TrialResult> head = kept.stream().limit(unit.size()).toList();
    boolean fits = head.size() == unit.size();
    for (int i = 0; fits && i < unit.size(); i++) {
      TrialResult t = head.get(i);
      fits =
          t.block() == block
              && t.position() == position + i
              && t.variant().equals(unit.get(i).name());
    }
    if (!fits) {
      progress.say(
          "  [%s] %d trials of the interrupted run do not fit its plan at block %d (a unit cut"
              + " short by the kill): left out of the results and measured again",
          experiment.id(), kept.size(), block + 1);
      kept.clear();
      return null;
    }
    head.forEach(t -> kept.removeFirst());
    return head;
  }

  /** Each variant's capacity at the objective, variants in the plan's first block's order. */
  private ExperimentResult capacity(
      Experiment experiment,
      ExperimentPlan plan,
      ExperimentServers running,
      List<ExperimentResult.VariantInfo> variants,
      Recorder recorder)
      throws TargetException, IOException {
    var spec = experiment.capacity().orElseThrow();
    List<CapacityResult> capacities = new ArrayList<>();
    for (Variant variant : plan.blocks().get(0).order()) {
      Deployed server = running.of(variant);
      CapacitySearch.Prober prober =
          (rate, index) -> {
            TrialResult trial =
                trials.run(experiment, List.of(variant), running, index, 0, rate).get(0);
            recorder.record(List.of(trial));
            running.checkAlive();
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
    List<String> declared = experiment.variants().stream().map(Variant::name).toList();
    capacities.sort(Comparator.comparingInt(c -> declared.indexOf(c.variant())));
    return result(experiment, variants).withTrials(recorder.trials).withCapacities(capacities);
  }

  /** A result of {@code experiment} with its variants as declared, and nothing measured yet. */
  static ExperimentResult resultOf(Experiment experiment) {
    return ExperimentResult.of(
        experiment.id(),
        experiment.technique(),
        experiment.claim(),
        experiment.variants().stream()
            .map(
                v ->
                    new ExperimentResult.VariantInfo(
                        v.name(),
                        v.request().toString(),
                        v.app().remote() ? v.app().url() : v.deployment().label()))
            .toList());
  }

  private static ExperimentResult result(
      Experiment experiment, List<ExperimentResult.VariantInfo> variants) {
    return ExperimentResult.of(
        experiment.id(), experiment.technique(), experiment.claim(), variants);
  }

  /** The one place a trial is kept: the journal first, then the run's list and the console. */
  private final class Recorder {
    private final Consumer<TrialResult> onTrial;
    private final List<TrialResult> trials = new ArrayList<>();

    Recorder(Consumer<TrialResult> onTrial) {
      this.onTrial = onTrial;
    }

    void record(List<TrialResult> measured) throws IOException {
      for (TrialResult trial : measured) {
        journal.append(trial);
        trials.add(trial);
        onTrial.accept(trial);
        progress.trial(trial, profile.minBlocks(), profile.maxBlocks());
      }
    }

    /** Trials an interrupted run measured: already journaled, so only kept and passed on. */
    void kept(List<TrialResult> measured) {
      for (TrialResult trial : measured) {
        trials.add(trial);
        onTrial.accept(trial);
      }
    }
  }
}
