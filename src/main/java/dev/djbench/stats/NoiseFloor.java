package dev.djbench.stats;

/**
 * Result of A/A calibration for one metric.
 *
 * @param metric metric name; not null, not blank
 * @param ratioInterval confidence interval of the A/A geometric-mean ratio; not null
 * @param suggestedDelta suggested practical threshold for {@link VerdictRule}, &gt; 0 and finite; a
 *     value {@code >= 1} means the metric is too noisy to gate on
 * @throws IllegalArgumentException if an argument is outside its range
 */
public record NoiseFloor(String metric, Interval ratioInterval, double suggestedDelta) {

  public NoiseFloor {
    Args.notNull("metric", metric);
    if (metric.isBlank()) {
      throw new IllegalArgumentException("metric must not be blank, was '" + metric + "'");
    }
    Args.notNull("ratioInterval", ratioInterval);
    Args.positiveFinite("suggestedDelta", suggestedDelta);
  }

  /**
   * Whether the A/A interval excludes 1: the two sides of an A/A run differ systematically (order
   * or position effects, warm-up), which should be fixed before trusting A/B comparisons.
   */
  public boolean systematicShift() {
    return !ratioInterval.contains(1.0);
  }
}
