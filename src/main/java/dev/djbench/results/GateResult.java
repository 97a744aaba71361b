package dev.djbench.results;

import java.util.List;

/**
 * What {@code djbench gate} decided, and from what.
 *
 * @param mode {@code same-run} (both revisions measured in one interleaved run) or {@code
 *     stored-baseline} (the candidate against a saved results.json: weaker, as machine drift
 *     between the runs is not controlled)
 * @param baseline what the baseline was (a git ref, a directory, or a results file)
 * @param candidate what the candidate was
 * @param inconclusivePolicy {@code pass} or {@code fail}: what an inconclusive check does to the
 *     outcome
 * @param outcome {@code pass}, {@code regression}, {@code inconclusive} or {@code broken}
 * @param familyAlpha the error rate held across all checks together (Holm)
 * @param checks one per experiment and gated metric
 * @param notes where each threshold came from (the scenario, this machine's calibration, or the
 *     default)
 */
public record GateResult(
    Mode mode,
    String baseline,
    String candidate,
    Policy inconclusivePolicy,
    Outcome outcome,
    double familyAlpha,
    List<GateCheck> checks,
    List<String> notes) {

  /** How the two revisions were measured. */
  public enum Mode implements Word {
    /** Both in one interleaved run: the strong comparison. */
    SAME_RUN,
    /**
     * The candidate against a saved results file: weaker, as drift between the runs is not
     * controlled.
     */
    STORED_BASELINE;

    @Override
    public String toString() {
      return word();
    }
  }

  /** What an inconclusive check does to the outcome. */
  public enum Policy implements Word {
    /** It passes. */
    PASS,
    /** It fails the gate. */
    FAIL;

    @Override
    public String toString() {
      return word();
    }
  }

  /** What the gate decided. */
  public enum Outcome implements Word {
    /** No gated metric is slower beyond its threshold. */
    PASS,
    /** A gated metric is slower beyond its threshold. */
    REGRESSION,
    /** A check could not be decided either way. */
    INCONCLUSIVE,
    /** The gate could not evaluate a check: a variant broke or a metric has no data. */
    BROKEN;

    @Override
    public String toString() {
      return word();
    }
  }

  /** What one check decided. */
  public enum CheckStatus implements Word {
    /** Not slower beyond the threshold. */
    PASS,
    /** Slower beyond the threshold. */
    FAIL,
    /** Neither could be shown. */
    INCONCLUSIVE,
    /** The experiment was not measured, so the check could not be made. */
    ERROR;

    @Override
    public String toString() {
      return word();
    }
  }

  public GateResult {
    checks = List.copyOf(checks);
    notes = List.copyOf(notes);
  }

  /**
   * One gated comparison.
   *
   * @param experiment the experiment's id
   * @param metric the metric, e.g. {@code clientLatencyMicros.p95}
   * @param threshold the largest slowdown tolerated, as a fraction (δ)
   * @param ratio candidate / baseline
   * @param lower lower bound of the interval, at the level after Holm's correction (NaN when none)
   * @param upper upper bound (NaN when none)
   * @param confidenceLevel that level
   * @param blocks blocks behind the interval
   * @param verdict faster, slower, no change or inconclusive
   * @param status {@code pass}, {@code fail} or {@code inconclusive}
   * @param message one sentence for people: what was found
   */
  public record GateCheck(
      String experiment,
      String metric,
      double threshold,
      double ratio,
      double lower,
      double upper,
      double confidenceLevel,
      int blocks,
      String verdict,
      CheckStatus status,
      String message) {

    /**
     * A check that has no estimate: its experiment was not measured, or its metric has no data. Its
     * ratio and interval are NaN (written as {@code NaN}, shown as {@code –}) and it has no blocks.
     */
    public static GateCheck unestimated(
        String experiment,
        String metric,
        double threshold,
        String verdict,
        CheckStatus status,
        String message) {
      return new GateCheck(
          experiment,
          metric,
          threshold,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          0,
          verdict,
          status,
          message);
    }
  }
}
