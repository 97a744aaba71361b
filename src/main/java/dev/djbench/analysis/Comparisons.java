package dev.djbench.analysis;

import dev.djbench.results.Comparison;
import dev.djbench.results.TrialResult;
import dev.djbench.stats.BootstrapRatio;
import dev.djbench.stats.Defaults;
import dev.djbench.stats.Futility;
import dev.djbench.stats.Interval;
import dev.djbench.stats.Median;
import dev.djbench.stats.RatioEstimate;
import dev.djbench.stats.ResolutionBound;
import dev.djbench.stats.SequentialPlan;
import dev.djbench.stats.Verdict;
import dev.djbench.stats.VerdictRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns an experiment's valid trials into {@link Comparison}s: per block, the ratio
 * candidate/baseline; over blocks, their geometric mean with a bootstrap interval at the sequential
 * plan's per-look confidence level; and a verdict against the threshold δ. Requests are never
 * pooled across trials: the trial is the unit.
 */
public final class Comparisons {

  /** The verdict of a comparison without a valid block of both variants. */
  public static final String NO_VALID_BLOCKS = "no valid blocks";

  /** The verdict of a comparison of a metric the app did not report. */
  public static final String NOT_REPORTED = "not reported";

  /** The verdict of a comparison with a zero among its values, which has no ratio. */
  public static final String ZERO_VALUES = "n/a (zero values)";

  private final SequentialPlan plan;
  private final Map<String, Double> gated;
  private final double defaultThreshold;
  private final long seed;

  /**
   * @param plan the blocks' plan, whose per-look level the intervals use
   * @param gated the metrics that decide when enough blocks have run, each with its threshold δ
   * @param defaultThreshold δ of every other metric's verdict
   * @param seed seeds the bootstrap, so a run's intervals are reproducible from its results
   */
  public Comparisons(
      SequentialPlan plan, Map<String, Double> gated, double defaultThreshold, long seed) {
    this.plan = plan;
    this.gated = Map.copyOf(gated);
    this.defaultThreshold = defaultThreshold;
    this.seed = seed;
  }

  public SequentialPlan plan() {
    return plan;
  }

  public long seed() {
    return seed;
  }

  /** Every candidate against the baseline on every reported metric. */
  public List<Comparison> compare(
      String baseline, List<String> candidates, List<TrialResult> trials) {
    List<Comparison> out = new ArrayList<>();
    for (String candidate : candidates) {
      for (Metric metric : Metric.values()) {
        out.add(compare(baseline, candidate, metric, trials));
      }
    }
    return out;
  }

  /**
   * Whether every gated comparison has reached a verdict other than inconclusive. With nothing
   * gated (an A/A calibration) nothing settles early: every block of the profile runs.
   */
  public boolean settled(List<Comparison> comparisons) {
    return !gated.isEmpty()
        && comparisons.stream()
            .filter(c -> gated.containsKey(c.metric()))
            .noneMatch(c -> c.verdict().equals(Verdict.INCONCLUSIVE.label()));
  }

  /**
   * Whether the blocks left cannot settle what is still open: every gated comparison that is
   * inconclusive after {@code blocksRun} blocks would stay so after the plan's last block even if
   * its interval shrank as {@code 1/sqrt(blocks)} around its current centre ({@link Futility}).
   * Stopping then ends the experiment inconclusive, as running on would most likely have done, in
   * less time. False when nothing is open or nothing is gated.
   */
  public boolean futile(List<Comparison> comparisons, int blocksRun) {
    List<Comparison> open =
        comparisons.stream()
            .filter(c -> gated.containsKey(c.metric()))
            .filter(c -> c.verdict().equals(Verdict.INCONCLUSIVE.label()))
            .toList();
    return !open.isEmpty()
        && blocksRun < plan.maxBlocks()
        && open.stream()
            .allMatch(
                c ->
                    Double.isFinite(c.lower())
                        && Double.isFinite(c.upper())
                        && Futility.futile(
                            new VerdictRule(c.threshold()),
                            new Interval(c.lower(), c.upper(), c.confidenceLevel()),
                            blocksRun,
                            plan.maxBlocks()));
  }

  /**
   * The per-block values of a metric for the blocks where both variants have a valid trial.
   *
   * @return two arrays, baseline's then candidate's, in block order
   */
  public static double[][] pairedByBlock(
      String baseline, String candidate, Metric metric, List<TrialResult> trials) {
    Map<Integer, Double> base = validByBlock(trials, baseline, metric);
    Map<Integer, Double> cand = validByBlock(trials, candidate, metric);
    List<Integer> blocks = base.keySet().stream().filter(cand::containsKey).sorted().toList();
    return new double[][] {
      blocks.stream().mapToDouble(base::get).toArray(),
      blocks.stream().mapToDouble(cand::get).toArray()
    };
  }

  Comparison compare(String baseline, String candidate, Metric metric, List<TrialResult> trials) {
    double[][] pairs = pairedByBlock(baseline, candidate, metric, trials);
    double[] a = pairs[0];
    double[] b = pairs[1];
    VerdictRule rule = new VerdictRule(gated.getOrDefault(metric.key(), defaultThreshold));
    int blocks = a.length;
    double level = plan.confidenceLevelAtLook();
    double baselineMedian = Median.of(a);
    double candidateMedian = Median.of(b);
    // Both medians shown, no ratio and no interval: why, in the verdict's place.
    java.util.function.Function<String, Comparison> noRatio =
        reason ->
            Comparison.unestimated(
                baseline,
                candidate,
                metric.key(),
                baselineMedian,
                candidateMedian,
                Double.NaN,
                level,
                blocks,
                reason,
                rule.delta());
    if (blocks == 0) {
      return Comparison.unestimated(
          baseline,
          candidate,
          metric.key(),
          Double.NaN,
          Double.NaN,
          Double.NaN,
          level,
          0,
          NO_VALID_BLOCKS,
          rule.delta());
    }
    if (Arrays.stream(a).anyMatch(Double::isNaN) || Arrays.stream(b).anyMatch(Double::isNaN)) {
      // The app sent no value (no Server-Timing header): absent, which is not zero.
      return noRatio.apply(NOT_REPORTED);
    }
    if (Arrays.stream(a).anyMatch(v -> !(v > 0)) || Arrays.stream(b).anyMatch(v -> !(v > 0))) {
      // A zero (a cached page below the client clock's 1 ms, a page with no query) has no ratio.
      return noRatio.apply(ZERO_VALUES);
    }
    var compared =
        trials.stream()
            .filter(
                t -> t.valid() && (t.variant().equals(baseline) || t.variant().equals(candidate)))
            .toList();
    var tooFew = metric.notEstimable(compared);
    if (tooFew.isPresent()) {
      // A trial's p99 of 50 requests is its maximum: shown, never compared as a p99.
      return noRatio.apply(tooFew.get());
    }
    if (blocks < 2) {
      return Comparison.unestimated(
          baseline,
          candidate,
          metric.key(),
          baselineMedian,
          candidateMedian,
          b[0] / a[0],
          level,
          1,
          Verdict.INCONCLUSIVE.label(),
          rule.delta());
    }
    RatioEstimate estimate = bootstrap(metric, candidate).estimate(a, b, level);
    // A clock's step is an error that more blocks do not average away: the interval never claims
    // more than the values' resolution allows.
    Interval interval = ResolutionBound.of(a, b, metric.tolerance()).widen(estimate.interval());
    Verdict verdict = rule.decide(interval);
    return new Comparison(
        baseline,
        candidate,
        metric.key(),
        baselineMedian,
        candidateMedian,
        estimate.ratio(),
        interval.lower(),
        interval.upper(),
        level,
        blocks,
        verdict.label(),
        rule.delta());
  }

  /**
   * The bootstrap of one comparison, seeded from the run's seed so its interval can be recomputed.
   */
  BootstrapRatio bootstrap(Metric metric, String candidate) {
    return new BootstrapRatio(
        Defaults.RESAMPLES, seed ^ metric.key().hashCode() ^ candidate.hashCode());
  }

  private static Map<Integer, Double> validByBlock(
      List<TrialResult> trials, String variant, Metric metric) {
    Map<Integer, Double> out = new TreeMap<>();
    for (TrialResult t : trials) {
      if (t.valid() && t.variant().equals(variant)) {
        out.put(t.block(), metric.valueOf(t));
      }
    }
    return out;
  }
}
