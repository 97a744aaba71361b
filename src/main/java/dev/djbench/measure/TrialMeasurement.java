package dev.djbench.measure;

import java.util.Map;

/**
 * Everything one trial measured on the client side, frozen.
 *
 * @param measuredSeconds length of the measured window (after warm-up)
 * @param targetRatePerSecond the arrival rate asked of the injector
 * @param warmupRequests requests started during warm-up (not in the histograms)
 * @param started requests started in the measured window
 * @param completed of those, the ones that ended (with a response or a failure) before the trial
 *     ended
 * @param errors error responses plus failures without a response
 * @param connectionFailures failures without any HTTP response
 * @param missingServerTiming responses without a parsable Server-Timing header
 * @param edgeCacheHits responses a cache in front of the app answered (no server timing recorded
 *     for them)
 * @param cacheHits sum of the app's reported cache hits
 * @param cacheMisses sum of the app's reported cache misses
 * @param statusCounts responses by HTTP status
 * @param failureMessages errors by message, for the report
 * @param databaseVendors responses by the database vendor the probe named ({@code sqlite}, {@code
 *     postgresql}…): what really ran
 * @param histograms the recorded distributions
 */
public record TrialMeasurement(
    double measuredSeconds,
    double targetRatePerSecond,
    long warmupRequests,
    long started,
    long completed,
    long errors,
    long connectionFailures,
    long missingServerTiming,
    long edgeCacheHits,
    long cacheHits,
    long cacheMisses,
    Map<Integer, Long> statusCounts,
    Map<String, Long> failureMessages,
    Map<String, Long> databaseVendors,
    Histograms histograms) {

  public TrialMeasurement {
    statusCounts = Map.copyOf(statusCounts);
    failureMessages = Map.copyOf(failureMessages);
    databaseVendors = Map.copyOf(databaseVendors);
  }

  /** Requests started per second in the measured window. */
  /** What happened to the trial's requests, as results record it. */
  public dev.djbench.results.TrialResult.Counts counts() {
    return new dev.djbench.results.TrialResult.Counts(
        warmupRequests,
        started,
        completed,
        errors,
        connectionFailures,
        missingServerTiming,
        edgeCacheHits,
        cacheHits,
        cacheMisses);
  }

  public double achievedRatePerSecond() {
    return started / measuredSeconds;
  }

  /** Requests that were started but neither answered nor failed before the trial ended. */
  public long unfinished() {
    return started - completed;
  }
}
