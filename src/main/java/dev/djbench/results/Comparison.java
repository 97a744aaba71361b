package dev.djbench.results;

/**
 * The effect of one variant against the baseline on one metric.
 *
 * @param baseline the baseline variant
 * @param candidate the compared variant
 * @param metric what is compared: {@code clientLatencyMicros.p50}, {@code serverTotalMicros.mean}…
 * @param baselineValue the baseline's median over its valid trials, in the metric's unit
 * @param candidateValue the candidate's median over its valid trials
 * @param ratio candidate / baseline: the geometric mean of per-block ratios
 * @param lower lower bound of the confidence interval of the ratio (NaN when none could be formed)
 * @param upper upper bound (NaN when none could be formed)
 * @param confidenceLevel the interval's confidence level
 * @param blocks blocks with a valid trial of both variants, the interval's sample size
 * @param verdict faster, slower, no change or inconclusive; or, without an estimate, {@code no
 *     valid blocks}, {@code not reported} (the app sent no value: absent, never zero) or {@code n/a
 *     (zero values)}
 * @param threshold the practical threshold δ the verdict used, as a fraction
 */
public record Comparison(
    String baseline,
    String candidate,
    String metric,
    double baselineValue,
    double candidateValue,
    double ratio,
    double lower,
    double upper,
    double confidenceLevel,
    int blocks,
    String verdict,
    double threshold) {

  /**
   * A comparison without an interval: no valid blocks, a metric not reported, a zero value, or a
   * single block (whose one ratio is kept).
   */
  public static Comparison unestimated(
      String baseline,
      String candidate,
      String metric,
      double baselineValue,
      double candidateValue,
      double ratio,
      double confidenceLevel,
      int blocks,
      String verdict,
      double threshold) {
    return new Comparison(
        baseline,
        candidate,
        metric,
        baselineValue,
        candidateValue,
        ratio,
        Double.NaN,
        Double.NaN,
        confidenceLevel,
        blocks,
        verdict,
        threshold);
  }
}
