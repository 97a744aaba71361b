package dev.djbench.results;

import java.util.List;

/**
 * One experiment of a run.
 *
 * @param id the experiment's id
 * @param technique what it compares
 * @param claim what was claimed for it (may be empty)
 * @param status {@code measured}, {@code skipped} (a component is missing), {@code broken}
 *     (variants disagree), {@code failed} (the target broke) or {@code aborted} (the run was
 *     stopped during it)
 * @param reason why, when not measured; how to fix it where known
 * @param variants the variants, baseline first
 * @param trials every trial run, valid or not, in the order run
 * @param comparisons each non-baseline variant against the baseline, per metric
 * @param capacities for a capacity experiment, each variant's capacity at the service-level
 *     objective
 * @param interleave {@code trials} (the variants of a block measured one after another) or {@code
 *     requests} (measured together, their arrival streams alternating); {@code trials} when absent
 *     from a file
 * @param serverRestarts how many times a server of the experiment was given fresh processes before
 *     a block (variants on different servers; 0 when they share one, for containers, and in files
 *     written before this field)
 */
public record ExperimentResult(
    String id,
    String technique,
    String claim,
    String status,
    String reason,
    List<VariantInfo> variants,
    List<TrialResult> trials,
    List<Comparison> comparisons,
    List<CapacityResult> capacities,
    String interleave,
    int serverRestarts) {

  public ExperimentResult {
    interleave = interleave == null ? "trials" : interleave;
    variants = List.copyOf(variants);
    trials = List.copyOf(trials);
    comparisons = List.copyOf(comparisons);
    capacities = List.copyOf(capacities);
  }

  /** An experiment of fixed-rate comparisons only. */
  public ExperimentResult(
      String id,
      String technique,
      String claim,
      String status,
      String reason,
      List<VariantInfo> variants,
      List<TrialResult> trials,
      List<Comparison> comparisons) {
    this(id, technique, claim, status, reason, variants, trials, comparisons, List.of());
  }

  /** An experiment whose blocks ran their variants one after another. */
  public ExperimentResult(
      String id,
      String technique,
      String claim,
      String status,
      String reason,
      List<VariantInfo> variants,
      List<TrialResult> trials,
      List<Comparison> comparisons,
      List<CapacityResult> capacities) {
    this(
        id,
        technique,
        claim,
        status,
        reason,
        variants,
        trials,
        comparisons,
        capacities,
        "trials",
        0);
  }

  /** Whether the variants of each block were measured together, requests alternating. */
  public boolean measuredTogether() {
    return interleave.equals("requests");
  }

  /**
   * A variant as run.
   *
   * @param name its name
   * @param request the request line
   * @param deployment the deployment's label
   * @param injectedSlowdown the app's injected slowdown in percent as it reported it ({@code
   *     X-Djbench-Slowdown}), empty when off
   */
  public record VariantInfo(
      String name, String request, String deployment, String injectedSlowdown) {
    public VariantInfo(String name, String request, String deployment) {
      this(name, request, deployment, "");
    }

    public VariantInfo withInjectedSlowdown(String percent) {
      return new VariantInfo(name, request, deployment, percent);
    }

    /**
     * The deployment label, with the injected slowdown when it is on: a slowed variant must never
     * pass unseen.
     */
    public String describe() {
      return injectedSlowdown.isEmpty()
          ? deployment
          : deployment + " · INJECTED SLOWDOWN " + injectedSlowdown + "%";
    }
  }
}
