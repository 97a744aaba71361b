package dev.djbench.analysis;

import dev.djbench.results.Comparison;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.RunResult;
import dev.djbench.results.TrialResult;
import dev.djbench.stats.Defaults;
import dev.djbench.stats.Interval;
import dev.djbench.stats.ResolutionBound;
import dev.djbench.stats.UnpairedBootstrap;
import dev.djbench.stats.VerdictRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Two saved runs compared page by page (release against release): for every experiment and variant
 * both runs have, each metric of the new run's valid trials against the old run's, by the unpaired
 * bootstrap (ratio of geometric means). Weaker than a same-run gate: whatever the machine did
 * between the two runs counts as an effect.
 */
public final class RunComparisons {

  private final double threshold;
  private final long seed;

  /**
   * @param threshold δ of the verdicts, in [0, 1)
   * @param seed seeds the bootstrap
   */
  public RunComparisons(double threshold, long seed) {
    new VerdictRule(threshold); // checks the range
    this.threshold = threshold;
    this.seed = seed;
  }

  /**
   * Every metric of every experiment and variant in both runs; {@code baseline} and {@code
   * candidate} of each comparison are the variant's name prefixed with {@code old:} and {@code
   * new:}, and its {@code blocks} the smaller of the two trial counts.
   */
  public List<Comparison> compare(RunResult old, RunResult now) {
    List<Comparison> out = new ArrayList<>();
    for (ExperimentResult before : old.experiments()) {
      ExperimentResult after =
          now.experiments().stream()
              .filter(e -> e.id().equals(before.id()))
              .findFirst()
              .orElse(null);
      if (after == null) {
        continue;
      }
      for (ExperimentResult.VariantInfo variant : before.variants()) {
        if (after.variants().stream().noneMatch(v -> v.name().equals(variant.name()))) {
          continue;
        }
        for (Metric metric : Metric.values()) {
          out.add(
              compare(
                  before.id() + "/" + variant.name(),
                  values(before.trials(), variant.name(), metric),
                  values(after.trials(), variant.name(), metric),
                  metric,
                  old.schemaVersion(),
                  now.schemaVersion()));
        }
      }
    }
    return out;
  }

  private static double[] values(List<TrialResult> trials, String variant, Metric metric) {
    return trials.stream()
        .filter(t -> t.valid() && t.variant().equals(variant))
        .mapToDouble(metric::valueOf)
        .toArray();
  }

  /**
   * One page's metric, old trials against new; {@code oldSchema} and {@code newSchema} are the
   * results versions they were read from, which tell the clock each was measured on.
   */
  Comparison compare(
      String page, double[] before, double[] after, Metric metric, int oldSchema, int newSchema) {
    VerdictRule rule = new VerdictRule(threshold);
    double level = 1 - Defaults.ALPHA;
    double beforeValue = dev.djbench.stats.Median.of(before);
    double afterValue = dev.djbench.stats.Median.of(after);
    String a = "old:" + page;
    String b = "new:" + page;
    int blocks = Math.min(before.length, after.length);
    // Both medians shown, no ratio and no interval: why, in the verdict's place.
    java.util.function.Function<String, Comparison> noRatio =
        reason ->
            Comparison.unestimated(
                a,
                b,
                metric.key(),
                beforeValue,
                afterValue,
                Double.NaN,
                level,
                blocks,
                reason,
                threshold);
    var clocks = metric.clocksDiffer(oldSchema, newSchema);
    if (clocks.isPresent()) {
      return noRatio.apply(clocks.get());
    }
    if (Arrays.stream(before).anyMatch(Double::isNaN)
        || Arrays.stream(after).anyMatch(Double::isNaN)) {
      return noRatio.apply(Comparisons.NOT_REPORTED);
    }
    if (!UnpairedBootstrap.enoughTrials(before.length, after.length)) {
      return noRatio.apply(Comparisons.NO_VALID_BLOCKS);
    }
    if (Arrays.stream(before).anyMatch(v -> !(v > 0))
        || Arrays.stream(after).anyMatch(v -> !(v > 0))) {
      return noRatio.apply(Comparisons.ZERO_VALUES);
    }
    var distribution =
        new UnpairedBootstrap(Defaults.RESAMPLES, seed ^ page.hashCode() ^ metric.hashCode())
            .distribution(before, after);
    Interval interval =
        // Trials of an older file may hold a coarser clock: the coarser step bounds both.
        ResolutionBound.of(before, after, metric.tolerance(Math.min(oldSchema, newSchema)))
            .widen(distribution.interval(level));
    return new Comparison(
        a,
        b,
        metric.key(),
        beforeValue,
        afterValue,
        distribution.ratio(),
        interval.lower(),
        interval.upper(),
        level,
        blocks,
        rule.decide(interval).label(),
        threshold);
  }
}
