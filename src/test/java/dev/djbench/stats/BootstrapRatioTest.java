package dev.djbench.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BootstrapRatioTest {

  private static final double LEVEL = 0.95;
  private final VerdictRule fivePercent = new VerdictRule(0.05);

  /**
   * Twenty seeded experiments with a true 20% slowdown and 5% lognormal block noise: every one is
   * SLOWER with the geometric mean within 5% of 1.2; a 95% interval may miss 1.2 now and then (that
   * is what 95% means), so at least 17 of 20 must cover it.
   */
  @ParameterizedTest
  @EnumSource(BootstrapRatio.Method.class)
  void injectedTwentyPercentSlowdownIsFound(BootstrapRatio.Method method) {
    BootstrapRatio bootstrap = new BootstrapRatio(2000, 1L, method);
    int covered = 0;
    for (long seed = 1; seed <= 20; seed++) {
      Synthetic data = Synthetic.blocks(8, 1.2, 0.05, seed);
      RatioEstimate estimate = bootstrap.estimate(data.baseline, data.candidate, LEVEL);

      assertEquals(Verdict.SLOWER, fivePercent.decide(estimate.interval()), estimate.toString());
      assertEquals(1.2, estimate.ratio(), 0.05 * 1.2, estimate.toString());
      assertEquals(8, estimate.blocks());
      covered += estimate.interval().contains(1.2) ? 1 : 0;
    }
    assertTrue(covered >= 17, "covered " + covered + " of 20");
  }

  @ParameterizedTest
  @EnumSource(BootstrapRatio.Method.class)
  void identicalSamplesCollapseToOneAndGiveNoChange(BootstrapRatio.Method method) {
    double[] values = {20_100, 19_800, 21_050, 20_400, 19_950};
    RatioEstimate estimate =
        new BootstrapRatio(1000, 3L, method).estimate(values, values.clone(), LEVEL);

    assertEquals(1.0, estimate.ratio());
    assertEquals(new Interval(1.0, 1.0, LEVEL), estimate.interval());
    assertEquals(Verdict.NO_CHANGE, fivePercent.decide(estimate.interval()));
  }

  @Test
  void constantRatioGivesPointIntervalWithoutNaN() {
    double[] a = {100, 200, 300, 400};
    double[] b = {110, 220, 330, 440};
    Interval interval =
        new BootstrapRatio(1000, 3L, BootstrapRatio.Method.BCA).estimate(a, b, LEVEL).interval();
    assertFalse(Double.isNaN(interval.lower()) || Double.isNaN(interval.upper()));
    assertEquals(1.1, interval.lower(), 1e-9);
    assertEquals(1.1, interval.upper(), 1e-9);
  }

  @Test
  void twoBlocksAreInconclusive() {
    Synthetic data = Synthetic.blocks(2, 1.2, 0.05, 5L);
    Interval interval =
        new BootstrapRatio(2000, 1L).estimate(data.baseline, data.candidate, LEVEL).interval();
    assertEquals(Verdict.INCONCLUSIVE, fivePercent.decide(interval), interval.toString());
  }

  @Test
  void highNoiseIsInconclusive() {
    Synthetic data = Synthetic.blocks(8, 1.05, 0.30, 7L);
    Interval interval =
        new BootstrapRatio(2000, 1L).estimate(data.baseline, data.candidate, LEVEL).interval();
    assertEquals(Verdict.INCONCLUSIVE, fivePercent.decide(interval), interval.toString());
  }

  @Test
  void fasterDirectionIsSymmetric() {
    Synthetic data = Synthetic.blocks(8, 1.2, 0.05, 11L);
    BootstrapRatio bootstrap = new BootstrapRatio(2000, 1L);
    RatioEstimate slower = bootstrap.estimate(data.baseline, data.candidate, LEVEL);
    RatioEstimate faster = bootstrap.estimate(data.candidate, data.baseline, LEVEL);

    assertEquals(Verdict.FASTER, fivePercent.decide(faster.interval()));
    assertEquals(1 / slower.ratio(), faster.ratio(), 1e-12);
    assertEquals(1 / slower.interval().upper(), faster.interval().lower(), 1e-9);
    assertEquals(1 / slower.interval().lower(), faster.interval().upper(), 1e-9);
  }

  /**
   * About 95% of 95% intervals must cover the true ratio; seeds are fixed, so this never flakes.
   */
  @ParameterizedTest
  @EnumSource(BootstrapRatio.Method.class)
  void coverageIsNearNominal(BootstrapRatio.Method method) {
    assertCoverage(method, 8, 0.05, false);
    assertCoverage(method, 12, 0.04, true);
  }

  private static void assertCoverage(
      BootstrapRatio.Method method, int blocks, double noiseSd, boolean skewed) {
    double trueRatio = 1.2;
    int experiments = 400;
    Well19937c rng = new Well19937c(2024L + blocks);
    BootstrapRatio bootstrap = new BootstrapRatio(1000, 99L, method);
    int covered = 0;
    for (int e = 0; e < experiments; e++) {
      double[] a = new double[blocks];
      double[] b = new double[blocks];
      for (int i = 0; i < blocks; i++) {
        a[i] = 20_000 * Math.exp(0.1 * rng.nextGaussian());
        // Skewed noise: centred exponential on the log scale, same sd, true mean log ratio
        // unchanged.
        double noise =
            skewed ? noiseSd * (-Math.log(rng.nextDouble()) - 1) : noiseSd * rng.nextGaussian();
        b[i] = a[i] * trueRatio * Math.exp(noise);
      }
      if (bootstrap.estimate(a, b, LEVEL).interval().contains(trueRatio)) {
        covered++;
      }
    }
    double coverage = covered / (double) experiments;
    System.out.printf("coverage %s blocks=%d skewed=%b: %.3f%n", method, blocks, skewed, coverage);
    assertTrue(coverage >= 0.90 && coverage <= 0.98, method + " coverage " + coverage);
  }

  @Test
  void sameInputsGiveTheSameInterval() {
    Synthetic data = Synthetic.blocks(6, 1.1, 0.05, 1L);
    BootstrapRatio bootstrap = new BootstrapRatio(1000, 42L);
    assertEquals(
        bootstrap.estimate(data.baseline, data.candidate, LEVEL),
        bootstrap.estimate(data.baseline, data.candidate, LEVEL));
  }

  @Test
  void higherLevelsGiveNestedIntervals() {
    Synthetic data = Synthetic.blocks(6, 1.1, 0.05, 1L);
    BootstrapDistribution distribution =
        new BootstrapRatio(2000, 42L).distribution(data.baseline, data.candidate);
    Interval narrow = distribution.interval(0.90);
    Interval wide = distribution.interval(0.99);
    assertTrue(wide.lower() <= narrow.lower() && narrow.upper() <= wide.upper());
    assertTrue(narrow.contains(distribution.ratio()));
  }

  @Test
  void validationNamesArgumentIndexAndValue() {
    BootstrapRatio bootstrap = new BootstrapRatio(1000, 1L);
    double[] ok = {1, 2, 3, 4};
    assertMessage(
        "candidate[2] must be > 0 and finite, was -1.0",
        () -> bootstrap.estimate(ok, new double[] {1, 2, -1, 4}, LEVEL));
    assertMessage(
        "baseline[1] must be > 0 and finite, was NaN",
        () -> bootstrap.estimate(new double[] {1, Double.NaN, 3, 4}, ok, LEVEL));
    assertMessage(
        "candidate.length must equal baseline.length=4, was 3",
        () -> bootstrap.estimate(ok, new double[] {1, 2, 3}, LEVEL));
    assertMessage(
        "baseline.length (blocks) must be >= 2, was 1",
        () -> bootstrap.estimate(new double[] {1}, new double[] {1}, LEVEL));
    assertMessage(
        "confidenceLevel must be in (0, 1), was 1.0", () -> bootstrap.estimate(ok, ok, 1.0));
    assertMessage("resamples must be >= 1000, was 999", () -> new BootstrapRatio(999, 1L));
    assertMessage("baseline must not be null", () -> bootstrap.estimate(null, ok, LEVEL));
  }

  @Test
  void ratioEstimateIsImmutableAndComparesByContent() {
    double[] ratios = {1.0, 1.1};
    Interval interval = new Interval(0.9, 1.2, 0.95);
    RatioEstimate estimate = new RatioEstimate(1.05, interval, 2, ratios);
    ratios[0] = 5;
    estimate.blockRatios()[1] = 7;
    assertArrayEquals(new double[] {1.0, 1.1}, estimate.blockRatios());
    assertEquals(new RatioEstimate(1.05, interval, 2, new double[] {1.0, 1.1}), estimate);
    assertEquals(
        new RatioEstimate(1.05, interval, 2, new double[] {1.0, 1.1}).hashCode(),
        estimate.hashCode());
    assertNotEquals(new RatioEstimate(1.05, interval, 2, new double[] {1.0, 1.2}), estimate);
    assertEquals(5.0, estimate.changePercent(), 1e-9);
    assertMessage(
        "blockRatios.length must equal blocks=3, was 2",
        () -> new RatioEstimate(1.05, interval, 3, new double[] {1.0, 1.1}));
  }

  @Test
  void intervalValidation() {
    assertMessage(
        "lower must be <= upper, was lower=2.0 upper=1.0", () -> new Interval(2, 1, 0.95));
    assertMessage("confidenceLevel must be in (0, 1), was 0.0", () -> new Interval(1, 2, 0));
    assertMessage("lower must not be NaN, was NaN", () -> new Interval(Double.NaN, 2, 0.5));
  }

  static void assertMessage(String expected, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertEquals(expected, e.getMessage());
  }
}
