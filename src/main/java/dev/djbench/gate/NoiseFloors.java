package dev.djbench.gate;

import dev.djbench.analysis.Comparisons;
import dev.djbench.analysis.Metric;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.RunResult;
import dev.djbench.scenario.GateSpec;
import dev.djbench.stats.BootstrapRatio;
import dev.djbench.stats.Calibration;
import dev.djbench.stats.Defaults;
import dev.djbench.stats.NoiseFloor;
import dev.djbench.stats.ResolutionBound;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The noise floor of an A/A run (the same revision as both sides of a gate), per gated metric: the
 * interval of the baseline-to-candidate ratio that nothing but noise produced, and the δ it
 * suggests. Where the suite has several experiments, the widest floor is the metric's.
 */
public final class NoiseFloors {

  private NoiseFloors() {}

  /**
   * Every metric of {@code metricKeys} that has two valid A/A blocks with positive values, with its
   * widest floor over the run's experiments; the bootstrap is seeded from {@code seed}.
   */
  public static List<CalibrationFile.Floor> of(RunResult aa, List<String> metricKeys, long seed) {
    var calibration =
        new Calibration(
            new BootstrapRatio(Defaults.RESAMPLES, seed),
            Defaults.CALIBRATION_LEVEL,
            Calibration.DEFAULT_MINIMUM_DELTA);
    List<CalibrationFile.Floor> floors = new ArrayList<>();
    for (String metric : metricKeys) {
      CalibrationFile.Floor widest = null;
      for (ExperimentResult e : aa.experiments()) {
        double[][] pairs = positivePairs(e, metric);
        if (pairs[0].length < 2) {
          continue;
        }
        double[] ratios =
            IntStream.range(0, pairs[0].length)
                .mapToDouble(i -> pairs[1][i] / pairs[0][i])
                .toArray();
        // The A/A values' own clock bounds the noise floor from below: a δ finer than the clock
        // could never be decided.
        NoiseFloor floor =
            calibration.noiseFloor(
                metric,
                ratios,
                ResolutionBound.of(
                    pairs[0], pairs[1], Metric.byKey(metric).orElseThrow().tolerance()));
        var found =
            new CalibrationFile.Floor(
                metric,
                floor.ratioInterval().lower(),
                floor.ratioInterval().upper(),
                ratios.length,
                floor.suggestedDelta());
        if (widest == null || found.suggestedDelta() > widest.suggestedDelta()) {
          widest = found;
        }
      }
      if (widest != null) {
        floors.add(widest);
      }
    }
    return floors;
  }

  /** The A/A values of both sides in the blocks where both are positive. */
  private static double[][] positivePairs(ExperimentResult e, String metric) {
    double[][] pairs =
        Comparisons.pairedByBlock(
            GateSpec.BASELINE, GateSpec.CANDIDATE, Metric.byKey(metric).orElseThrow(), e.trials());
    int[] kept =
        IntStream.range(0, pairs[0].length)
            .filter(i -> pairs[0][i] > 0 && pairs[1][i] > 0)
            .toArray();
    return new double[][] {
      Arrays.stream(kept).mapToDouble(i -> pairs[0][i]).toArray(),
      Arrays.stream(kept).mapToDouble(i -> pairs[1][i]).toArray()
    };
  }
}
