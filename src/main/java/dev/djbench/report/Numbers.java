package dev.djbench.report;

import java.util.Locale;

/**
 * How reports write numbers: fixed decimals, never rounded to hide a difference, "–" for no value.
 */
final class Numbers {

  private Numbers() {}

  static String fixed(double value, int decimals) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "–";
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  /** A ratio as a factor with three significant figures: ×0.213, ×1.05, ×12.4. */
  static String factor(double ratio) {
    if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
      return "–";
    }
    return "×"
        + String.format(Locale.ROOT, ratio >= 10 ? "%.1f" : ratio >= 1 ? "%.2f" : "%.3f", ratio);
  }

  /** A confidence interval of a ratio, or a note that none could be formed. */
  static String interval(double lower, double upper) {
    if (Double.isNaN(lower) || Double.isNaN(upper)) {
      return "(no interval)";
    }
    return "[" + factor(lower).substring(1) + ", " + factor(upper).substring(1) + "]";
  }

  static String percent(double fraction, int decimals) {
    return fixed(100 * fraction, decimals) + "%";
  }

  /**
   * A metric's value in the unit its column shows: a latency (kept in µs) in milliseconds, to 0.1
   * ms on the client's 1 ms clock (a second decimal would be false precision) and to 0.01 ms from
   * Server-Timing; any other metric to 0.1.
   */
  static String inColumnUnit(String metric, double value) {
    boolean micros = metric.contains("Micros.");
    return fixed(
        micros ? value / 1000.0 : value,
        micros && !metric.startsWith("clientLatencyMicros") ? 2 : 1);
  }
}
