package dev.djbench.results;

import java.util.List;
import java.util.Map;

/**
 * What one injector of a distributed run measured ({@code djbench inject --part I/N}): {@code
 * part.json} beside its histograms, {@code part.hlog} ({@link PartFiles}). Its trials are its share
 * of the arrivals of each trial of the timeline; {@code djbench merge} adds the parts' trials
 * together into the run's.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param suite the scenario's suite
 * @param scenarioSha256 SHA-256 of the scenario file's bytes: every part must have run the same
 * @param scenarioFile the scenario file as the part was given it
 * @param target the deployment loaded (its URL)
 * @param gateTargets for a gate of two deployments, the URL each side was sent to, by variant
 *     ({@code baseline}, {@code candidate}); empty otherwise
 * @param profile the profile's label
 * @param seed the run's seed: block orders and arrivals come from it
 * @param blocks blocks of each experiment on the timeline
 * @param threshold δ of the comparisons
 * @param startAt the instant the timeline starts, on the target's clock (ISO-8601)
 * @param index this part, 1-based
 * @param count how many parts share the schedule
 * @param host this injector's host name
 * @param machine this injector's machine
 * @param clock this injector's clock against the target's; null when it could not be measured
 * @param status {@code complete}, or {@code failed} (what was measured is kept)
 * @param message why it failed, or empty
 * @param startedAt when this injector started (its own clock)
 * @param finishedAt when it ended (its own clock)
 * @param selected the experiments on the timeline, in order
 * @param trials what this part measured of each trial of the timeline, in timeline order
 */
public record InjectPart(
    int schemaVersion,
    String suite,
    String scenarioSha256,
    String scenarioFile,
    String target,
    Map<String, String> gateTargets,
    String profile,
    long seed,
    int blocks,
    double threshold,
    String startAt,
    int index,
    int count,
    String host,
    Machine machine,
    Clock clock,
    String status,
    String message,
    String startedAt,
    String finishedAt,
    List<String> selected,
    List<Trial> trials) {

  /** The version this build writes and reads. */
  public static final int SCHEMA_VERSION = 1;

  public static final String COMPLETE = "complete";
  public static final String FAILED = "failed";

  public InjectPart {
    gateTargets = Map.copyOf(gateTargets == null ? Map.of() : gateTargets);
    selected = List.copyOf(selected);
    trials = List.copyOf(trials);
  }

  /** "2/4". */
  public String label() {
    return index + "/" + count;
  }

  /** This part with its trials and how it ended. */
  public InjectPart ended(String status, String message, String finishedAt, List<Trial> trials) {
    return new InjectPart(
        schemaVersion,
        suite,
        scenarioSha256,
        scenarioFile,
        target,
        gateTargets,
        profile,
        seed,
        blocks,
        threshold,
        startAt,
        index,
        count,
        host,
        machine,
        clock,
        status,
        message,
        startedAt,
        finishedAt,
        selected,
        trials);
  }

  /**
   * The injector's clock against the target's.
   *
   * @param offsetMillis the injector's clock minus the target's
   * @param uncertaintyMillis half the width of the interval the offset lies in
   * @param reference what it was measured against
   * @param probes requests sent to measure it
   */
  public record Clock(
      double offsetMillis, double uncertaintyMillis, String reference, int probes) {}

  /**
   * One part's share of one trial of the timeline. Its histograms are in {@code part.hlog}, tagged
   * {@code t<slot>.<name>}.
   *
   * @param slot the trial's place on the timeline, 0-based: the same trial has the same slot in
   *     every part
   * @param experiment the experiment's id
   * @param variant the variant's name
   * @param block 0-based block
   * @param position 0-based place within its block
   * @param scheduledAt when its load was due to start, on the target's clock (ISO-8601)
   * @param warmupSeconds warm-up length
   * @param measureSeconds measured window length
   * @param ratePerSecond this part's rate (the trial's, divided among the parts)
   * @param counts what happened to this part's requests
   * @param statusCounts responses by HTTP status
   * @param failures errors by message
   * @param databaseVendors responses by the database vendor the probe named
   * @param startLagP99Micros this part's 99th-percentile lag behind its schedule in the measured
   *     window; -1 when it started no request there
   */
  public record Trial(
      int slot,
      String experiment,
      String variant,
      int block,
      int position,
      String scheduledAt,
      int warmupSeconds,
      int measureSeconds,
      double ratePerSecond,
      TrialResult.Counts counts,
      Map<String, Long> statusCounts,
      Map<String, Long> failures,
      Map<String, Long> databaseVendors,
      long startLagP99Micros) {
    public Trial {
      statusCounts = Map.copyOf(statusCounts);
      failures = Map.copyOf(failures);
      databaseVendors = Map.copyOf(databaseVendors);
    }
  }
}
