package dev.djbench.scenario;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What a gate scenario gates on: metric keys as written in YAML, each with its threshold δ (the
 * largest slowdown tolerated, a fraction) or empty for "the δ calibrated on this machine".
 *
 * @param thresholds YAML metric key to threshold, in file order
 */
public record GateSpec(Map<String, OptionalDouble> thresholds) {

  /** The variant names of a gate's experiments. */
  public static final String BASELINE = "baseline";

  public static final String CANDIDATE = "candidate";

  /** YAML keys of a {@code gate:} block and the metrics they stand for, in results' naming. */
  public static final Map<String, String> METRICS;

  static {
    Map<String, String> metrics = new LinkedHashMap<>();
    metrics.put("p50", "clientLatencyMicros.p50");
    metrics.put("p90", "clientLatencyMicros.p90");
    metrics.put("p95", "clientLatencyMicros.p95");
    metrics.put("p99", "clientLatencyMicros.p99");
    metrics.put("server_p50", "serverTotalMicros.p50");
    metrics.put("server_mean", "serverTotalMicros.mean");
    metrics.put("queries", "dbQueries.mean");
    metrics.put("cpu", "server.cpuMillisPerRequest");
    METRICS = java.util.Collections.unmodifiableMap(metrics);
  }

  public GateSpec {
    thresholds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
  }

  /**
   * What a gate checks when its scenario has no {@code gate:} block: p50 and p95, at the calibrated
   * δ.
   */
  public static GateSpec defaults() {
    Map<String, OptionalDouble> thresholds = new LinkedHashMap<>();
    thresholds.put("p50", OptionalDouble.empty());
    thresholds.put("p95", OptionalDouble.empty());
    return new GateSpec(thresholds);
  }
}
