package dev.djbench.analysis;

import dev.djbench.results.Measurement;
import dev.djbench.results.TrialResult;
import dev.djbench.stats.GeometricMean;
import dev.djbench.stats.Interval;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The figures of pages measured each on its own: per page and metric, the geometric mean of the
 * trials' own values with a Student t interval on the log scale, so that the trial is the unit and
 * requests are never pooled. The interval is widened by the clock's step ({@link
 * Metric#tolerance()}), which more trials do not average away.
 */
public final class Measurements {

  private final double confidenceLevel;

  /**
   * @param confidenceLevel two-sided level of the intervals, in (0, 1)
   */
  public Measurements(double confidenceLevel) {
    if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
      throw new IllegalArgumentException(
          "confidenceLevel must be in (0, 1), was " + confidenceLevel);
    }
    this.confidenceLevel = confidenceLevel;
  }

  /** Every metric of every page in {@code pages}, from its valid trials among {@code trials}. */
  public List<Measurement> of(List<String> pages, List<TrialResult> trials) {
    List<Measurement> out = new ArrayList<>();
    for (String page : pages) {
      List<TrialResult> valid =
          trials.stream().filter(t -> t.valid() && t.variant().equals(page)).toList();
      for (Metric metric : Metric.values()) {
        Measurement m =
            measure(page, metric, valid.stream().mapToDouble(metric::valueOf).toArray());
        var tooFew = metric.notEstimable(valid);
        if (tooFew.isPresent() && m.note().isEmpty()) {
          // The value is shown, as what it is; no interval is claimed for it as a percentile.
          m =
              new Measurement(
                  page,
                  metric.key(),
                  m.value(),
                  Double.NaN,
                  Double.NaN,
                  confidenceLevel,
                  m.trials(),
                  tooFew.get());
        }
        out.add(m);
      }
    }
    return out;
  }

  Measurement measure(String page, Metric metric, double[] values) {
    int n = values.length;
    if (n == 0) {
      return new Measurement(
          page, metric.key(), Double.NaN, Double.NaN, Double.NaN, confidenceLevel, 0, "no trial");
    }
    if (Arrays.stream(values).anyMatch(Double::isNaN)) {
      return new Measurement(
          page,
          metric.key(),
          Double.NaN,
          Double.NaN,
          Double.NaN,
          confidenceLevel,
          n,
          Comparisons.NOT_REPORTED);
    }
    if (Arrays.stream(values).anyMatch(v -> !(v > 0))) {
      // Zero (a page with no query) has no logarithm: the arithmetic mean, and no interval.
      double mean = Arrays.stream(values).average().orElse(Double.NaN);
      return new Measurement(
          page, metric.key(), mean, Double.NaN, Double.NaN, confidenceLevel, n, "zero values");
    }
    double value = GeometricMean.of(values);
    if (n < 2) {
      return new Measurement(
          page, metric.key(), value, Double.NaN, Double.NaN, confidenceLevel, n, "one trial");
    }
    Interval interval = GeometricMean.interval(values, confidenceLevel);
    double tolerance = metric.tolerance();
    return new Measurement(
        page,
        metric.key(),
        value,
        Math.max(0, interval.lower() - tolerance),
        interval.upper() + tolerance,
        confidenceLevel,
        n,
        "");
  }
}
