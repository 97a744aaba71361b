package dev.djbench.gate;

import dev.djbench.analysis.Comparisons;
import dev.djbench.analysis.Metric;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.GateResult;
import dev.djbench.results.GateResult.CheckStatus;
import dev.djbench.results.GateResult.GateCheck;
import dev.djbench.results.GateResult.Mode;
import dev.djbench.results.GateResult.Outcome;
import dev.djbench.results.GateResult.Policy;
import dev.djbench.results.RunResult;
import dev.djbench.results.TrialResult;
import dev.djbench.scenario.GateSpec;
import dev.djbench.stats.BootstrapRatio;
import dev.djbench.stats.Defaults;
import dev.djbench.stats.Holm;
import dev.djbench.stats.Interval;
import dev.djbench.stats.RatioDistribution;
import dev.djbench.stats.ResolutionBound;
import dev.djbench.stats.UnpairedBootstrap;
import dev.djbench.stats.Verdict;
import dev.djbench.stats.VerdictRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Decides a gate from a run's trials: every gated metric of every experiment is a check, and the
 * checks are held to one family-wise error rate together.
 *
 * <p>Each check's ratio comes from the per-block ratios candidate/baseline with a block bootstrap
 * (same-run mode), or, against a stored baseline run, from the ratio of the geometric means of the
 * stored and the new trials with an unpaired bootstrap ({@link UnpairedBootstrap}). Its "verdict
 * p-value" (the smallest α at which its interval gives a definitive verdict) is Holm-adjusted
 * across the checks; a check whose adjusted value exceeds the family α is inconclusive, otherwise
 * its verdict is read from its interval at its Holm step-down level. The family α is the run's α
 * divided by the number of sequential looks the profile allows, since blocks were added while
 * looking (Bonferroni over looks, as in {@code stats}); a stored-baseline gate looks once, after
 * every block of the profile has run.
 */
public final class GateEvaluator {

  private static final String ZERO_VALUES =
      "zero values (below the clock's resolution, or none recorded): no ratio can be formed";

  private final Map<String, Double> thresholds;
  private final double familyAlpha;
  private final long seed;

  /**
   * @param thresholds gated metric (results naming, e.g. {@code clientLatencyMicros.p95}) to δ
   * @param familyAlpha the error rate of all checks together, in (0, 1)
   * @param seed seeds the bootstraps
   */
  public GateEvaluator(Map<String, Double> thresholds, double familyAlpha, long seed) {
    if (!(familyAlpha > 0 && familyAlpha < 1)) {
      throw new IllegalArgumentException("familyAlpha must be in (0, 1), was " + familyAlpha);
    }
    this.thresholds = Map.copyOf(thresholds);
    this.familyAlpha = familyAlpha;
    this.seed = seed;
  }

  /**
   * One check before correction: its data (and how many blocks or trials are behind it), or why it
   * has none.
   */
  private record Pending(
      String experiment,
      String metric,
      double threshold,
      RatioDistribution distribution,
      int blocks,
      String problem,
      boolean unmeasurable) {

    /** A check that could not be formed, and so is inconclusive. */
    static Pending without(String experiment, String metric, double threshold, String problem) {
      return new Pending(experiment, metric, threshold, null, 0, problem, false);
    }

    /** A check whose metric has no data at all: the gate cannot evaluate it, so it is broken. */
    static Pending unmeasurable(String experiment, String metric, double threshold, String why) {
      return new Pending(experiment, metric, threshold, null, 0, why, true);
    }
  }

  /** How one check's data is formed from an experiment's trials. */
  private interface CheckSource {
    Pending pending(ExperimentResult e, String metric, double threshold);
  }

  /**
   * The gate's decision on a same-run A/B run.
   *
   * @param run the run, whose experiments have the variants {@code baseline} and {@code candidate}
   * @param baseline what the baseline was (a ref or a directory), for the report
   * @param candidate what the candidate was, likewise
   * @param inconclusivePolicy what an inconclusive check does
   * @param notes where the thresholds came from
   */
  public GateResult evaluate(
      RunResult run,
      String baseline,
      String candidate,
      Policy inconclusivePolicy,
      List<String> notes) {
    return gate(
        Mode.SAME_RUN, run, this::pairedCheck, baseline, candidate, inconclusivePolicy, notes);
  }

  /**
   * The gate's decision on the candidate's trials of a run against the candidate trials of a stored
   * run: unpaired, so drift of the machine between the runs counts as an effect.
   *
   * @param stored the baseline run, already checked against the scenario ({@link
   *     StoredBaseline#read})
   * @param measured the new run; only its {@code candidate} variant's trials are used
   * @param candidate what the candidate was (a ref or a directory), for the report
   * @param inconclusivePolicy what an inconclusive check does
   * @param notes where the thresholds came from; the differences between the runs are added
   */
  public GateResult evaluate(
      StoredBaseline stored,
      RunResult measured,
      String candidate,
      Policy inconclusivePolicy,
      List<String> notes) {
    List<String> allNotes = new ArrayList<>(notes);
    allNotes.addAll(stored.differencesFrom(measured));
    return gate(
        Mode.STORED_BASELINE,
        measured,
        (e, metric, threshold) -> unpairedCheck(stored, e, metric, threshold),
        stored.file().toString(),
        candidate,
        inconclusivePolicy,
        allNotes);
  }

  private GateResult gate(
      Mode mode,
      RunResult run,
      CheckSource source,
      String baseline,
      String candidate,
      Policy inconclusivePolicy,
      List<String> notes) {
    List<Pending> pending = new ArrayList<>();
    boolean broken = false;
    List<GateCheck> unmeasured = new ArrayList<>();
    for (ExperimentResult e : run.experiments()) {
      if (e.status() != ExperimentResult.Status.MEASURED) {
        broken = true;
        unmeasured.add(
            GateCheck.unestimated(
                e.id(),
                "run",
                0,
                e.status().word(),
                CheckStatus.ERROR,
                e.id() + " was " + e.status() + ": " + e.reason()));
        continue;
      }
      for (var gated : thresholds.entrySet()) {
        pending.add(source.pending(e, gated.getKey(), gated.getValue()));
      }
    }
    List<GateCheck> checks = new ArrayList<>(decide(pending));
    checks.addAll(unmeasured);
    Outcome outcome;
    if (broken || checks.stream().anyMatch(c -> c.status() == CheckStatus.ERROR)) {
      outcome = Outcome.BROKEN;
    } else if (checks.stream().anyMatch(c -> c.status() == CheckStatus.FAIL)) {
      outcome = Outcome.REGRESSION;
    } else if (checks.stream().anyMatch(c -> c.status() == CheckStatus.INCONCLUSIVE)) {
      outcome = Outcome.INCONCLUSIVE;
    } else {
      outcome = Outcome.PASS;
    }
    return new GateResult(
        mode, baseline, candidate, inconclusivePolicy, outcome, familyAlpha, checks, notes);
  }

  private Pending pairedCheck(ExperimentResult e, String metric, double threshold) {
    Optional<String> tooFew = notEstimable(e, metric);
    if (tooFew.isPresent()) {
      return Pending.unmeasurable(e.id(), metric, threshold, tooFew.get());
    }
    double[][] pairs = pairs(e.trials(), metric);
    if (pairs[0].length < 2) {
      return Pending.without(
          e.id(),
          metric,
          threshold,
          pairs[0].length
              + " block(s) with valid trials of both revisions; at least 2 are needed for an interval");
    }
    if (notReported(pairs[0]) || notReported(pairs[1])) {
      return Pending.unmeasurable(e.id(), metric, threshold, notReportedBecause(metric));
    }
    if (hasZero(pairs[0]) || hasZero(pairs[1])) {
      return Pending.without(e.id(), metric, threshold, ZERO_VALUES);
    }
    var bootstrap =
        new BootstrapRatio(Defaults.RESAMPLES, seed ^ e.id().hashCode() ^ metric.hashCode());
    RatioDistribution distribution =
        resolution(metric, pairs[0], pairs[1]).around(bootstrap.distribution(pairs[0], pairs[1]));
    return new Pending(e.id(), metric, threshold, distribution, pairs[0].length, "", false);
  }

  /**
   * Why a tail percentile cannot be gated on: a valid trial has fewer requests than it needs (a
   * gate that cannot evaluate a check is broken, never passed).
   */
  private static Optional<String> notEstimable(ExperimentResult e, String metric) {
    return Metric.byKey(metric)
        .flatMap(
            m ->
                m.notEstimable(e.trials().stream().filter(TrialResult::valid).toList())
                    .map(
                        why ->
                            m.description()
                                + " is "
                                + why
                                + ": a trial needs "
                                + m.requestsNeeded()
                                + " requests for it; raise the rate or the trial length"));
  }

  private Pending unpairedCheck(
      StoredBaseline stored, ExperimentResult e, String metric, double threshold) {
    Optional<String> tooFew = notEstimable(e, metric);
    if (tooFew.isPresent()) {
      return Pending.unmeasurable(e.id(), metric, threshold, tooFew.get());
    }
    Optional<String> clocks =
        Metric.byKey(metric)
            .flatMap(m -> m.clocksDiffer(stored.run().schemaVersion(), RunResult.SCHEMA_VERSION));
    if (clocks.isPresent()) {
      return Pending.unmeasurable(
          e.id(),
          metric,
          threshold,
          Metric.describe(metric)
              + " of the stored baseline was timed in whole milliseconds (results schema "
              + stored.run().schemaVersion()
              + "), the candidate's to the microsecond: measure the baseline again with this"
              + " build");
    }
    double[] before = stored.values(e.id(), metric);
    double[] now = StoredBaseline.candidateValues(e.trials(), metric);
    if (!UnpairedBootstrap.enoughTrials(before.length, now.length)) {
      return Pending.without(
          e.id(),
          metric,
          threshold,
          before.length
              + " valid stored trial(s) and "
              + now.length
              + " new; at least "
              + UnpairedBootstrap.MIN_TRIALS
              + " of each are needed for an interval");
    }
    if (notReported(before) || notReported(now)) {
      return Pending.unmeasurable(e.id(), metric, threshold, notReportedBecause(metric));
    }
    if (hasZero(before) || hasZero(now)) {
      return Pending.without(e.id(), metric, threshold, ZERO_VALUES);
    }
    RatioDistribution distribution =
        ResolutionBound.of(
                before,
                now,
                Metric.byKey(metric).orElseThrow().tolerance(stored.run().schemaVersion()))
            .around(
                new UnpairedBootstrap(
                        Defaults.RESAMPLES, seed ^ e.id().hashCode() ^ metric.hashCode())
                    .distribution(before, now));
    // The report's "blocks" column holds what limits the interval: the smaller of the two sets of
    // trials.
    return new Pending(
        e.id(), metric, threshold, distribution, Math.min(before.length, now.length), "", false);
  }

  /** What the clock that read {@code metric} allows the ratio to be (see {@link Metric}). */
  private static ResolutionBound resolution(String metric, double[] before, double[] after) {
    return ResolutionBound.of(before, after, Metric.byKey(metric).orElseThrow().tolerance());
  }

  private static boolean notReported(double[] values) {
    return Arrays.stream(values).anyMatch(Double::isNaN);
  }

  /** Why a metric has no value: what the app or the machine did not report. */
  private static String notReportedBecause(String metric) {
    Metric m = Metric.byKey(metric).orElseThrow();
    return m.description()
        + " was not reported: "
        + (m == Metric.CPU
            ? "the server's processes could not be seen from this machine"
            : m.fromServerTiming()
                ? "the app sent no Server-Timing header with it (djbench's probe was not in its"
                    + " middleware)"
                : "no request of the trial completed");
  }

  private static boolean hasZero(double[] values) {
    return Arrays.stream(values).anyMatch(v -> !(v > 0));
  }

  private List<GateCheck> decide(List<Pending> pending) {
    List<GateCheck> out = new ArrayList<>();
    List<Pending> measurable = pending.stream().filter(p -> p.distribution() != null).toList();
    for (Pending p : pending) {
      if (p.distribution() == null) {
        out.add(
            GateCheck.unestimated(
                p.experiment(),
                p.metric(),
                p.threshold(),
                p.unmeasurable() ? Comparisons.NOT_REPORTED : Verdict.INCONCLUSIVE.label(),
                p.unmeasurable() ? CheckStatus.ERROR : CheckStatus.INCONCLUSIVE,
                p.unmeasurable() ? p.problem() : Metric.describe(p.metric()) + ": " + p.problem()));
      }
    }
    if (measurable.isEmpty()) {
      return out;
    }
    double[] pValues =
        measurable.stream()
            .mapToDouble(p -> new VerdictRule(p.threshold()).verdictPValue(p.distribution()))
            .toArray();
    double[] adjusted = Holm.adjust(pValues);
    double[] levels = Holm.stepDownLevels(familyAlpha, measurable.size());
    Integer[] byP = IntStream.range(0, pValues.length).boxed().toArray(Integer[]::new);
    Arrays.sort(byP, Comparator.comparingDouble(i -> pValues[i]));
    for (int rank = 0; rank < byP.length; rank++) {
      int i = byP[rank];
      Pending p = measurable.get(i);
      VerdictRule rule = new VerdictRule(p.threshold());
      double level = levels[rank];
      Interval interval = p.distribution().interval(level);
      Verdict verdict = adjusted[i] <= familyAlpha ? rule.decide(interval) : Verdict.INCONCLUSIVE;
      CheckStatus status =
          switch (verdict) {
            case SLOWER -> CheckStatus.FAIL;
            case FASTER, NO_CHANGE -> CheckStatus.PASS;
            case INCONCLUSIVE -> CheckStatus.INCONCLUSIVE;
          };
      out.add(
          new GateCheck(
              p.experiment(),
              p.metric(),
              p.threshold(),
              p.distribution().ratio(),
              interval.lower(),
              interval.upper(),
              level,
              p.blocks(),
              verdict.label(),
              status,
              message(p.metric(), verdict, p.distribution().ratio(), interval, p.threshold())));
    }
    out.sort(Comparator.comparing(GateCheck::experiment).thenComparing(c -> order(c.metric())));
    return out;
  }

  private int order(String metric) {
    return new ArrayList<>(thresholds.keySet()).indexOf(metric);
  }

  private static double[][] pairs(List<TrialResult> trials, String metric) {
    return Comparisons.pairedByBlock(
        GateSpec.BASELINE, GateSpec.CANDIDATE, Metric.byKey(metric).orElseThrow(), trials);
  }

  private static String message(
      String metric, Verdict verdict, double ratio, Interval interval, double threshold) {
    String change =
        String.format(
            Locale.ROOT,
            "%+.1f%% [%+.1f%%, %+.1f%%]",
            100 * (ratio - 1),
            100 * (interval.lower() - 1),
            100 * (interval.upper() - 1));
    String delta = String.format(Locale.ROOT, "%.1f%%", 100 * threshold);
    return switch (verdict) {
      case SLOWER ->
          Metric.describe(metric)
              + " is slower: "
              + change
              + ", beyond the "
              + delta
              + " threshold";
      case FASTER -> Metric.describe(metric) + " is faster: " + change;
      case NO_CHANGE ->
          Metric.describe(metric) + ": no change beyond " + delta + " (" + change + ")";
      case INCONCLUSIVE ->
          Metric.describe(metric)
              + ": inconclusive at the "
              + delta
              + " threshold ("
              + change
              + "); more blocks (--profile full) or a larger threshold would settle it";
    };
  }
}
