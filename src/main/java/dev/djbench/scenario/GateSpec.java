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
