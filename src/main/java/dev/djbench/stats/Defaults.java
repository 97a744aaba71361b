package dev.djbench.stats;

/**
 * The statistical policy of djbench in one place: every command takes its error rates, resamples
 * and thresholds from here, so that a run, a gate and a calibration speak the same statistics.
 * {@code docs/statistics.md} explains each choice.
 */
public final class Defaults {

  /**
   * Significance level of one comparison's whole sequential procedure (all its looks together) in a
   * plain run.
   */
  public static final double ALPHA = 0.05;

  /**
   * Family-wise error rate of a gate: the chance that any of its checks fails on an unchanged
   * revision, over every check (Holm) and every look (sequential plan).
   */
  public static final double FAMILY_ALPHA = 0.05;

  /**
   * Practical threshold δ of a verdict when neither the command line nor a calibration gives one.
   */
  public static final double THRESHOLD = 0.05;

  /** δ of a gate check set to {@code auto} on a machine that has no calibration for it. */
  public static final double UNCALIBRATED_DELTA = 0.05;

  /**
   * Bootstrap resamples per comparison: its interval's ends move by well under 1% between seeds.
   */
  public static final int RESAMPLES = 4000;

  /** Two-sided confidence level of the A/A intervals that {@code djbench calibrate} reads. */
  public static final double CALIBRATION_LEVEL = 0.95;

  private Defaults() {}
}
