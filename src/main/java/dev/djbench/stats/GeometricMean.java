package dev.djbench.stats;

/**
 * The geometric mean of positive per-trial values with a Student t interval on the log scale: the
 * typical value of a page measured on its own, over trials (never over pooled requests).
 */
public final class GeometricMean {

  private GeometricMean() {}

  /**
   * The geometric mean of {@code values}.
   *
   * @param values at least one, every one &gt; 0 and finite
   * @throws IllegalArgumentException naming the index and value of a bad element
   */
  public static double of(double[] values) {
    return Math.exp(LogMath.mean(logs(values)));
  }

  /**
   * Its confidence interval at {@code confidenceLevel}: {@code exp(m -/+ t_{n-1} s / sqrt(n))} of
   * the log values' mean {@code m} and standard deviation {@code s}.
   *
   * @param values at least two, every one &gt; 0 and finite
   * @param confidenceLevel two-sided level in (0, 1)
   * @throws IllegalArgumentException on fewer than two values, a bad value or level
   */
  public static Interval interval(double[] values, double confidenceLevel) {
    Args.level("confidenceLevel", confidenceLevel);
    if (values.length < 2) {
      throw new IllegalArgumentException(
          "an interval needs at least 2 values, got " + values.length);
    }
    double[] logs = logs(values);
    double mean = LogMath.mean(logs);
    double half =
        LogMath.studentQuantile(logs.length - 1, 1 - (1 - confidenceLevel) / 2)
            * LogMath.sampleSd(logs)
            / Math.sqrt(logs.length);
    return new Interval(Math.exp(mean - half), Math.exp(mean + half), confidenceLevel);
  }

  private static double[] logs(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("values must not be empty");
    }
    double[] logs = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      if (!(values[i] > 0) || Double.isInfinite(values[i])) {
        throw new IllegalArgumentException(
            "values[" + i + "] must be > 0 and finite, was " + values[i]);
      }
      logs[i] = Math.log(values[i]);
    }
    return logs;
  }
}
