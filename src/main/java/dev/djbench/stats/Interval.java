package dev.djbench.stats;

/**
 * A two-sided confidence interval.
 *
 * <p>For ratio estimates the bounds are ratios candidate/baseline (lower = candidate faster).
 *
 * @param lower lower bound; not NaN; {@code lower <= upper}
 * @param upper upper bound; not NaN
 * @param confidenceLevel nominal coverage of the interval, in the open range (0, 1)
 * @throws IllegalArgumentException if a bound is NaN, {@code lower > upper}, or the level is
 *     outside (0, 1)
 */
public record Interval(double lower, double upper, double confidenceLevel) {

  public Interval {
    if (Double.isNaN(lower)) {
      throw new IllegalArgumentException("lower must not be NaN, was " + lower);
    }
    if (Double.isNaN(upper)) {
      throw new IllegalArgumentException("upper must not be NaN, was " + upper);
    }
    if (lower > upper) {
      throw new IllegalArgumentException(
          "lower must be <= upper, was lower=" + lower + " upper=" + upper);
    }
    Args.level("confidenceLevel", confidenceLevel);
  }

  /** Returns whether {@code value} lies within the closed interval [lower, upper]. */
  public boolean contains(double value) {
    return value >= lower && value <= upper;
  }

  /** Returns {@code upper - lower}. */
  public double width() {
    return upper - lower;
  }
}
