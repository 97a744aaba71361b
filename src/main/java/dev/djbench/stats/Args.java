package dev.djbench.stats;

/**
 * Eager argument checks shared by the statistics package. Every failure is an {@link
 * IllegalArgumentException} whose message names the argument and the offending value.
 */
final class Args {

  private Args() {}

  static double finite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite, was " + value);
    }
    return value;
  }

  static double positiveFinite(String name, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be > 0 and finite, was " + value);
    }
    return value;
  }

  static double level(String name, double value) {
    if (!(value > 0 && value < 1)) {
      throw new IllegalArgumentException(name + " must be in (0, 1), was " + value);
    }
    return value;
  }

  static int atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
    }
    return value;
  }

  static <T> T notNull(String name, T value) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }

  /**
   * Checks that every element is {@code > 0} and finite; the message names array, index and value.
   */
  static double[] positiveFiniteValues(String name, double[] values) {
    notNull(name, values);
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (!(v > 0) || !Double.isFinite(v)) {
        throw new IllegalArgumentException(name + "[" + i + "] must be > 0 and finite, was " + v);
      }
    }
    return values;
  }
}
