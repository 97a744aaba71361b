package dev.djbench.stats;

/**
 * Outcome of comparing a candidate B against a baseline A for one metric, where the metric is
 * "lower is better" (latency, server time).
 *
 * <ul>
 *   <li>{@link #FASTER}: the whole confidence interval of B/A lies below the no-change zone;
 *   <li>{@link #SLOWER}: the whole interval lies above the no-change zone;
 *   <li>{@link #NO_CHANGE}: the whole interval lies inside the no-change zone;
 *   <li>{@link #INCONCLUSIVE}: anything else (the interval straddles a zone boundary, or no
 *       interval could be formed).
 * </ul>
 *
 * @see VerdictRule
 */
public enum Verdict {
  FASTER("faster"),
  SLOWER("slower"),
  NO_CHANGE("no change"),
  INCONCLUSIVE("inconclusive");

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  /** Lower-case label for reports: "faster", "slower", "no change" or "inconclusive". */
  public String label() {
    return label;
  }

  /** Returns whether this verdict ends a comparison (anything but {@link #INCONCLUSIVE}). */
  public boolean isDefinitive() {
    return this != INCONCLUSIVE;
  }
}
