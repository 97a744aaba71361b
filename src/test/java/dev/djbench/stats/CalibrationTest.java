package dev.djbench.stats;

import static dev.djbench.stats.BootstrapRatioTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class CalibrationTest {

  private final Calibration calibration =
      new Calibration(new BootstrapRatio(2000, 4L), 0.95, Calibration.DEFAULT_MINIMUM_DELTA);

  private static double[] aaRatios(int blocks, double noiseSd, double shift, long seed) {
    Well19937c rng = new Well19937c(seed);
    double[] ratios = new double[blocks];
    for (int i = 0; i < blocks; i++) {
      ratios[i] = shift * Math.exp(noiseSd * rng.nextGaussian());
    }
    return ratios;
  }

  @Test
  void aCoarseClockBoundsTheSuggestionFromBelow() {
    // 7 ms against 7 ms in every A/A block: no spread at all, yet a 1 ms clock cannot tell 7 from
    // anything within half a step of it.
    double[] sevenMs = {7000, 7000, 7000, 7000, 7000, 7000};
    double[] ones = {1, 1, 1, 1, 1, 1};
    NoiseFloor exact = calibration.noiseFloor("client p50", ones);
    NoiseFloor clocked =
        calibration.noiseFloor("client p50", ones, ResolutionBound.of(sevenMs, sevenMs, 500));
    assertEquals(0.02, exact.suggestedDelta(), 1e-12);
    assertEquals(7500.0 / 6500, clocked.ratioInterval().upper(), 1e-12);
    assertEquals(0.155, clocked.suggestedDelta(), 1e-12);
  }

  @Test
  void quietMetricGetsTheMinimumDelta() {
    NoiseFloor floor = calibration.noiseFloor("p50", aaRatios(10, 0.002, 1.0, 1L));
    assertEquals(0.02, floor.suggestedDelta(), 1e-12);
    assertFalse(floor.systematicShift());
  }

  @Test
  void noisyMetricIsRoundedUpToHalfAPercentAndCoversTheAaInterval() {
    Map<String, double[]> byMetric = new LinkedHashMap<>();
    byMetric.put("p50", aaRatios(8, 0.03, 1.0, 2L));
    byMetric.put("p99", aaRatios(8, 0.12, 1.0, 3L));
    List<NoiseFloor> floors = calibration.calibrate(byMetric);
    assertEquals(List.of("p50", "p99"), floors.stream().map(NoiseFloor::metric).toList());
    for (NoiseFloor floor : floors) {
      Interval aa = floor.ratioInterval();
      double raw = Math.exp(Math.max(-Math.log(aa.lower()), Math.log(aa.upper()))) - 1;
      double delta = floor.suggestedDelta();
      assertTrue(delta >= Calibration.DEFAULT_MINIMUM_DELTA, floor.toString());
      assertTrue(delta >= raw && delta < Math.max(raw, 0.02) + 0.005, floor.toString());
      assertEquals(0, Math.abs(delta / 0.005 - Math.rint(delta / 0.005)), 1e-9, "multiple of 0.5%");
      assertEquals(
          Verdict.NO_CHANGE, new VerdictRule(delta).decide(aa), "the A/A interval fits the zone");
    }
    assertTrue(floors.get(1).suggestedDelta() > floors.get(0).suggestedDelta());
  }

  @Test
  void roundsUpNeverDown() {
    assertEquals(0.025, Calibration.roundUp(0.0201), 1e-15);
    assertEquals(0.02, Calibration.roundUp(0.02), 1e-15);
    assertEquals(0.005, Calibration.roundUp(0.0001), 1e-15);
    assertEquals(0.035, Calibration.roundUp(0.030000001), 1e-15);
  }

  @Test
  void flagsASystematicAaShift() {
    assertTrue(
        calibration.noiseFloor("mean server time", aaRatios(10, 0.01, 1.08, 5L)).systematicShift());
  }

  @Test
  void validation() {
    assertMessage(
        "aaBlockRatios.length must be >= 2, was 1",
        () -> calibration.noiseFloor("p50", new double[] {1}));
    assertMessage(
        "aaBlockRatios[0] must be > 0 and finite, was 0.0",
        () -> calibration.noiseFloor("p50", new double[] {0, 1}));
    assertMessage(
        "metric must not be blank, was ' '",
        () -> calibration.noiseFloor(" ", new double[] {1, 1}));
    assertMessage(
        "minimumDelta must be in (0, 1), was 0.0",
        () -> new Calibration(new BootstrapRatio(1000, 1L), 0.95, 0));
    assertMessage("delta must be > 0 and finite, was -1.0", () -> Calibration.roundUp(-1));
  }
}
