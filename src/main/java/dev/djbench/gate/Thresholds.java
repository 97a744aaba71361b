package dev.djbench.gate;

import dev.djbench.analysis.Metric;
import dev.djbench.scenario.GateSpec;
import dev.djbench.stats.Defaults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The thresholds a gate uses: the scenario's, and for {@code auto} (or no {@code gate:} block) the
 * δ that {@code djbench calibrate} measured on this machine — or, without a calibration, {@link
 * Defaults#UNCALIBRATED_DELTA} with a note saying so.
 *
 * @param byMetric gated metric (results naming) to δ
 * @param notes where each δ came from, for the report
 */
public record Thresholds(Map<String, Double> byMetric, List<String> notes) {

  public static Thresholds resolve(GateSpec spec, Optional<CalibrationFile> calibration) {
    Map<String, Double> byMetric = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    Map<String, Double> calibrated = calibration.map(CalibrationFile::deltas).orElse(Map.of());
    spec.thresholds()
        .forEach(
            (key, value) -> {
              String metric = Metric.byYamlKey(key).orElseThrow().key();
              if (value.isPresent()) {
                byMetric.put(metric, value.getAsDouble());
                notes.add(
                    String.format(
                        Locale.ROOT, "%s: δ %.1f%% (scenario)", key, 100 * value.getAsDouble()));
              } else if (calibrated.containsKey(metric)) {
                byMetric.put(metric, calibrated.get(metric));
                notes.add(
                    String.format(
                        Locale.ROOT,
                        "%s: δ %.1f%% (calibrated on this machine, run %s)",
                        key,
                        100 * calibrated.get(metric),
                        calibration.get().runId()));
              } else {
                byMetric.put(metric, Defaults.UNCALIBRATED_DELTA);
                notes.add(
                    String.format(
                        Locale.ROOT,
                        "%s: δ %.1f%% (default: this machine has no calibration for it; "
                            + "run ./djbench calibrate)",
                        key,
                        100 * Defaults.UNCALIBRATED_DELTA));
              }
            });
    return new Thresholds(byMetric, notes);
  }
}
