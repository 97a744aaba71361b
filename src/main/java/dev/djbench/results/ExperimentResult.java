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
 * @param measurements for pages measured each on its own, every figure of every page with its
 *     interval over trials; empty for comparisons (and in files written before version 4)
 */
public record ExperimentResult(
    String id,
    String technique,
    String claim,
    Status status,
    String reason,
    List<VariantInfo> variants,
    List<TrialResult> trials,
    List<Comparison> comparisons,
    List<CapacityResult> capacities,
    String interleave,
    int serverRestarts,
    List<Measurement> measurements) {

  /** What became of an experiment. */
  public enum Status implements Word {
    /** Every variant was measured. */
    MEASURED,
    /** A component it needs is missing on this machine; the reason says what to install. */
    SKIPPED,
    /** Its variants do not answer alike, so their timings are not compared. */
    BROKEN,
    /** The system under test broke, or every trial was invalid. */
    FAILED,
    /** The run was stopped while it ran. */
    ABORTED;

    @Override
    public String toString() {
      return word();
    }
  }

  public ExperimentResult {
    interleave = interleave == null ? "trials" : interleave;
    variants = List.copyOf(variants);
    trials = List.copyOf(trials);
    comparisons = List.copyOf(comparisons);
    capacities = List.copyOf(capacities);
    measurements = measurements == null ? List.of() : List.copyOf(measurements);
  }

  /**
   * A result of the experiment {@code id}, measured and with nothing in it yet: the withers below
   * add what was found.
   */
  public static ExperimentResult of(
      String id, String technique, String claim, List<VariantInfo> variants) {
    return new ExperimentResult(
        id,
        technique,
        claim,
        Status.MEASURED,
        "",
        variants,
        List.of(),
        List.of(),
        List.of(),
        "trials",
        0,
        List.of());
  }

  /** This result with another status, and why (empty for {@link Status#MEASURED}). */
  public ExperimentResult with(Status newStatus, String why) {
    return new ExperimentResult(
        id,
        technique,
        claim,
        newStatus,
        why,
        variants,
        trials,
        comparisons,
        capacities,
        interleave,
        serverRestarts,
        measurements);
  }

  /** This result with these trials. */
  public ExperimentResult withTrials(List<TrialResult> newTrials) {
    return new ExperimentResult(
        id,
        technique,
        claim,
        status,
        reason,
        variants,
        newTrials,
        comparisons,
        capacities,
        interleave,
        serverRestarts,
        measurements);
  }

  /** This result with these comparisons. */
  public ExperimentResult withComparisons(List<Comparison> newComparisons) {
    return new ExperimentResult(
        id,
        technique,
        claim,
        status,
        reason,
        variants,
        trials,
        newComparisons,
        capacities,
        interleave,
        serverRestarts,
        measurements);
  }

  /** This result with these capacities. */
  public ExperimentResult withCapacities(List<CapacityResult> newCapacities) {
    return new ExperimentResult(
        id,
        technique,
        claim,
        status,
        reason,
        variants,
        trials,
        comparisons,
        newCapacities,
        interleave,
        serverRestarts,
        measurements);
  }

  /** This result with how its blocks were measured and how many server restarts they took. */
  public ExperimentResult withInterleave(String newInterleave, int restarts) {
    return new ExperimentResult(
        id,
        technique,
        claim,
        status,
        reason,
        variants,
        trials,
        comparisons,
        capacities,
        newInterleave,
        restarts,
        measurements);
  }

  /** This result with these measurements of its pages. */
  public ExperimentResult withMeasurements(List<Measurement> newMeasurements) {
    return new ExperimentResult(
        id,
        technique,
        claim,
        status,
        reason,
        variants,
        trials,
        comparisons,
        capacities,
        interleave,
        serverRestarts,
        newMeasurements);
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
