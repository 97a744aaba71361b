package dev.djbench.measure;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The histograms of one trial. Latencies are in microseconds; {@code dbQueries} holds a count per
 * request.
 *
 * @param clientLatencyMicros client latency to the microsecond: from the virtual user's start to
 *     the end of its response, on the injector's monotonic clock (results of schema 4 and before
 *     hold Gatling's whole milliseconds here)
 * @param serverTotalMicros the app's {@code total} Server-Timing metric
 * @param serverDbMicros time inside database queries
 * @param serverTemplateMicros time rendering templates
 * @param serverCacheMicros time inside cache calls
 * @param dbQueries database queries per request
 * @param dbRepeatedQueries queries per request whose SQL shape an earlier query of the same request
 *     had (the probe's {@code repeat}): what an N+1 adds
 * @param startLagMicros how late each request started against the injector's schedule
 * @param serverDbGroupsMicros time per request in the ORM calls that ran the queries whose SQL
 *     shape ran 3 or more times in it (the probe's {@code dbgroups}): what the repeated query
 *     groups cost under load
 */
public record Histograms(
    Histogram clientLatencyMicros,
    Histogram serverTotalMicros,
    Histogram serverDbMicros,
    Histogram serverTemplateMicros,
    Histogram serverCacheMicros,
    Histogram dbQueries,
    Histogram dbRepeatedQueries,
    Histogram startLagMicros,
    Histogram serverDbGroupsMicros,
    Histogram gatlingLatencyMicros) {

  /** The histograms by the names they carry in results.json, in a fixed order. */
  public Map<String, Histogram> byName() {
    Map<String, Histogram> out = new LinkedHashMap<>();
    out.put("clientLatencyMicros", clientLatencyMicros);
    out.put("serverTotalMicros", serverTotalMicros);
    out.put("serverDbMicros", serverDbMicros);
    out.put("serverTemplateMicros", serverTemplateMicros);
    out.put("serverCacheMicros", serverCacheMicros);
    out.put("dbQueries", dbQueries);
    out.put("dbRepeatedQueries", dbRepeatedQueries);
    out.put("startLagMicros", startLagMicros);
    out.put("serverDbGroupsMicros", serverDbGroupsMicros);
    out.put("gatlingLatencyMicros", gatlingLatencyMicros);
    return out;
  }

  /**
   * Rebuilds the record from {@link #byName()}'s form; every name must be present but {@code
   * dbRepeatedQueries}, {@code serverDbGroupsMicros} and {@code gatlingLatencyMicros}, which trials
   * recorded before they existed lack (read as empty: not reported).
   */
  public static Histograms fromNames(Map<String, Histogram> byName) {
    return new Histograms(
        require(byName, "clientLatencyMicros"),
        require(byName, "serverTotalMicros"),
        require(byName, "serverDbMicros"),
        require(byName, "serverTemplateMicros"),
        require(byName, "serverCacheMicros"),
        require(byName, "dbQueries"),
        byName.getOrDefault("dbRepeatedQueries", emptyLike(byName.get("dbQueries"))),
        require(byName, "startLagMicros"),
        byName.getOrDefault("serverDbGroupsMicros", emptyLike(byName.get("dbQueries"))),
        byName.getOrDefault("gatlingLatencyMicros", emptyLike(byName.get("dbQueries"))));
  }

  private static Histogram emptyLike(Histogram shape) {
    if (shape == null) {
      throw new IllegalArgumentException("histogram 'dbQueries' is missing");
    }
    Histogram empty = shape.copy();
    empty.reset();
    return empty;
  }

  private static Histogram require(Map<String, Histogram> byName, String name) {
    Histogram histogram = byName.get(name);
    if (histogram == null) {
      throw new IllegalArgumentException("histogram '" + name + "' is missing");
    }
    return histogram;
  }
}
