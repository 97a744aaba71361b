package dev.djbench.results;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Map;

/**
 * One trial: one variant, one block, its whole measurement. Appended to the journal the moment it
 * ends. In JSON its parts are flat: {@link Window}'s and {@link Counts}' fields stand beside the
 * others, as they always have.
 *
 * @param experiment the experiment's id
 * @param variant the variant's name
 * @param block 0-based block number
 * @param position 0-based place of this trial within its block
 * @param startedAt ISO-8601 instant the load started
 * @param window how long it ran and at what rate
 * @param counts what happened to its requests
 * @param statusCounts responses by HTTP status
 * @param failures errors by message
 * @param databaseVendors responses by the database vendor the app's probe named ({@code sqlite},
 *     {@code postgresql}…): what really ran, whatever the deployment asked for; empty when the app
 *     sent none, and in files written before version 4
 * @param server resource use of the app server's processes during the trial
 * @param valid whether the trial may be used in comparisons
 * @param invalidReasons why not, when it may not
 * @param distributions summary of each histogram, by name
 * @param histograms each histogram, encoded ({@link HistogramCodec}), by name
 */
public record TrialResult(
    String experiment,
    String variant,
    int block,
    int position,
    String startedAt,
    @JsonUnwrapped Window window,
    @JsonUnwrapped Counts counts,
    Map<String, Long> statusCounts,
    Map<String, Long> failures,
    Map<String, Long> databaseVendors,
    ServerResources server,
    boolean valid,
    List<String> invalidReasons,
    Map<String, Distribution> distributions,
    Map<String, String> histograms) {

  /**
   * How long a trial ran and at what rate.
   *
   * @param warmupSeconds warm-up length
   * @param measureSeconds measured window length
   * @param targetRatePerSecond arrival rate asked for
   * @param achievedRatePerSecond arrival rate achieved in the measured window
   */
  public record Window(
      int warmupSeconds,
      int measureSeconds,
      double targetRatePerSecond,
      double achievedRatePerSecond) {}

  /**
   * What happened to a trial's requests.
   *
   * @param warmupRequests requests sent during warm-up
   * @param requests requests started in the measured window
   * @param completed of those, the ones that ended before the trial did
   * @param errors error statuses plus failures without a response
   * @param connectionFailures failures without any HTTP response
   * @param missingServerTiming responses without a Server-Timing header
   * @param edgeCacheHits responses answered by a cache in front of the app (nginx), without app
   *     server time
   * @param cacheHits app-reported cache hits
   * @param cacheMisses app-reported cache misses
   */
  public record Counts(
      long warmupRequests,
      long requests,
      long completed,
      long errors,
      long connectionFailures,
      long missingServerTiming,
      long edgeCacheHits,
      long cacheHits,
      long cacheMisses) {}

  public TrialResult {
    statusCounts = Map.copyOf(statusCounts);
    failures = Map.copyOf(failures);
    databaseVendors = databaseVendors == null ? Map.of() : Map.copyOf(databaseVendors);
    invalidReasons = List.copyOf(invalidReasons);
    distributions = Map.copyOf(distributions);
    histograms = Map.copyOf(histograms);
  }

  /** This trial marked invalid for {@code reasons}, everything else kept. */
  public TrialResult invalidated(List<String> reasons) {
    return new TrialResult(
        experiment,
        variant,
        block,
        position,
        startedAt,
        window,
        counts,
        statusCounts,
        failures,
        databaseVendors,
        server,
        false,
        reasons,
        distributions,
        histograms);
  }

  /** The summary of the named histogram; an empty one when the trial has none by that name. */
  public Distribution distribution(String name) {
    return distributions.getOrDefault(name, new Distribution(0, 0, 0, 0, 0, 0, 0, 0));
  }
}
