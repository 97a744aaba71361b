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
    String mode,
    String baseline,
    String candidate,
    String inconclusivePolicy,
    String outcome,
    double familyAlpha,
    List<GateCheck> checks,
    List<String> notes) {

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
      String status,
      String message) {}
}
