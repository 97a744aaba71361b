package dev.djbench.stats;

import static dev.djbench.stats.BootstrapRatioTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class UnpairedBootstrapTest {

  private static final double LEVEL = 0.95;
  private final VerdictRule fivePercent = new VerdictRule(0.05);

  /**
   * {@code n} independent trials around {@code 20 ms × ratio} with lognormal noise of log-sd {@code
   * sd}.
   */
  private static double[] trials(int n, double ratio, double sd, Well19937c rng) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = 20_000 * ratio * Math.exp(sd * rng.nextGaussian());
    }
    return out;
  }

  /**
   * Twenty seeded comparisons of 8 stored trials against 8 new ones, the new ones 20% slower, 4%
   * trial noise: every one is SLOWER beyond 5% with the ratio within 5% of 1.2, and at least 17 of
   * 20 intervals cover 1.2.
   */
  @ParameterizedTest
  @EnumSource(BootstrapRatio.Method.class)
  void aTwentyPercentShiftIsFound(BootstrapRatio.Method method) {
    UnpairedBootstrap bootstrap = new UnpairedBootstrap(2000, 1L, method);
    int covered = 0;
    for (long seed = 1; seed <= 20; seed++) {
      Well19937c rng = new Well19937c(seed);
      UnpairedDistribution d =
          bootstrap.distribution(trials(8, 1.0, 0.04, rng), trials(8, 1.2, 0.04, rng));
      Interval interval = d.interval(LEVEL);

      assertEquals(Verdict.SLOWER, fivePercent.decide(interval), interval.toString());
      assertEquals(1.2, d.ratio(), 0.05 * 1.2);
      covered += interval.contains(1.2) ? 1 : 0;
    }
    assertTrue(covered >= 17, "covered " + covered + " of 20");
  }

  @ParameterizedTest
  @EnumSource(BootstrapRatio.Method.class)
  void identicalSamplesGiveRatioOneAndNoChange(BootstrapRatio.Method method) {
    double[] values = {20_100, 19_800, 21_050, 20_400, 19_950, 20_300, 20_700, 19_600};
    UnpairedDistribution d =
        new UnpairedBootstrap(2000, 3L, method).distribution(values, values.clone());
    Interval interval = d.interval(LEVEL);

    assertEquals(1.0, d.ratio(), 1e-12);
    assertTrue(interval.lower() < 1 && interval.upper() > 1, interval.toString());
    assertEquals(Verdict.NO_CHANGE, fivePercent.decide(interval), interval.toString());
  }

  @Test
  void constantSetsGiveThePointWithoutNaN() {
    Interval interval =
        new UnpairedBootstrap(1000, 3L)
            .distribution(new double[] {100, 100, 100}, new double[] {110, 110})
            .interval(LEVEL);
    assertEquals(1.1, interval.lower(), 1e-9);
    assertEquals(1.1, interval.upper(), 1e-9);
  }

  @Test
  void tooFewTrialsGiveNoInterval() {
    assertFalse(UnpairedBootstrap.enoughTrials(1, 8));
    assertFalse(UnpairedBootstrap.enoughTrials(8, 1));
    assertTrue(UnpairedBootstrap.enoughTrials(2, 2));
    UnpairedBootstrap bootstrap = new UnpairedBootstrap(1000, 1L);
    assertMessage(
        "baseline.length (trials) must be >= 2, was 1",
        () -> bootstrap.distribution(new double[] {1}, new double[] {1, 2}));
    assertMessage(
        "candidate.length (trials) must be >= 2, was 0",
        () -> bootstrap.distribution(new double[] {1, 2}, new double[0]));
  }

  @Test
  void setsOfDifferentSizesAreAllowed() {
    Well19937c rng = new Well19937c(5L);
    UnpairedDistribution d =
        new UnpairedBootstrap(2000, 1L)
            .distribution(trials(3, 1, 0.03, rng), trials(8, 1.3, 0.03, rng));
    assertEquals(3, d.baselineTrials());
    assertEquals(8, d.candidateTrials());
    assertEquals(Verdict.SLOWER, fivePercent.decide(d.interval(LEVEL)));
  }

  /**
   * Few trials on a side make a wide interval: two trials each with 5% noise cannot settle a 5%
   * threshold.
   */
  @Test
  void twoTrialsEachAreInconclusive() {
    Well19937c rng = new Well19937c(7L);
    Interval interval =
        new UnpairedBootstrap(2000, 1L)
            .distribution(trials(2, 1, 0.05, rng), trials(2, 1.0, 0.05, rng))
            .interval(LEVEL);
    assertEquals(Verdict.INCONCLUSIVE, fivePercent.decide(interval), interval.toString());
  }

  @Test
  void swappingTheSidesInvertsTheRatioAndTheInterval() {
    Well19937c rng = new Well19937c(11L);
    double[] a = trials(6, 1, 0.05, rng);
    double[] b = trials(7, 1.2, 0.05, rng);
    UnpairedBootstrap bootstrap = new UnpairedBootstrap(2000, 1L, BootstrapRatio.Method.PERCENTILE);
    UnpairedDistribution slower = bootstrap.distribution(a, b);
    UnpairedDistribution faster = bootstrap.distribution(b, a);
    assertEquals(1 / slower.ratio(), faster.ratio(), 1e-12);
    assertEquals(Verdict.FASTER, fivePercent.decide(faster.interval(LEVEL)));
    // Welch's floor is symmetric; the bootstrap side differs only by resampling noise.
    assertEquals(1 / slower.interval(LEVEL).upper(), faster.interval(LEVEL).lower(), 0.01);
  }

  /**
   * Seeded A/A comparisons: about 95% of 95% intervals cover 1, for both methods, symmetric and
   * skewed noise.
   */
  @ParameterizedTest
  @EnumSource(BootstrapRatio.Method.class)
  void coverageIsNearNominal(BootstrapRatio.Method method) {
    for (boolean skewed : new boolean[] {false, true}) {
      Well19937c rng = new Well19937c(2024L);
      UnpairedBootstrap bootstrap = new UnpairedBootstrap(1000, 99L, method);
      int experiments = 400;
      int covered = 0;
      for (int e = 0; e < experiments; e++) {
        double[] a = noisy(6, rng, skewed);
        double[] b = noisy(8, rng, skewed);
        covered += bootstrap.distribution(a, b).interval(LEVEL).contains(1.0) ? 1 : 0;
      }
      double coverage = covered / (double) experiments;
      System.out.printf("unpaired coverage %s skewed=%b: %.3f%n", method, skewed, coverage);
      assertTrue(
          coverage >= 0.90 && coverage <= 0.99, method + " skewed=" + skewed + ": " + coverage);
    }
  }

  private static double[] noisy(int n, Well19937c rng, boolean skewed) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      // Skewed: centred exponential on the log scale (a few slow trials), same sd as the symmetric
      // case.
      double noise = skewed ? 0.05 * (-Math.log(rng.nextDouble()) - 1) : 0.05 * rng.nextGaussian();
      out[i] = 20_000 * Math.exp(noise);
    }
    return out;
  }

  @Test
  void intervalsAreReproducibleNestedAndSeeded() {
    Well19937c rng = new Well19937c(1L);
    double[] a = trials(6, 1, 0.05, rng);
    double[] b = trials(6, 1.1, 0.05, rng);
    UnpairedDistribution d = new UnpairedBootstrap(2000, 42L).distribution(a, b);
    assertEquals(
        d.interval(LEVEL), new UnpairedBootstrap(2000, 42L).distribution(a, b).interval(LEVEL));
    assertNotEquals(
        d.sortedReplicates()[100],
        new UnpairedBootstrap(2000, 43L).distribution(a, b).sortedReplicates()[100]);
    Interval narrow = d.interval(0.90);
    Interval wide = d.interval(0.999);
    assertTrue(wide.lower() <= narrow.lower() && narrow.upper() <= wide.upper());
    assertTrue(narrow.contains(d.ratio()));
  }

  @Test
  void theVerdictPValueAndHolmAcceptUnpairedDistributions() {
    Well19937c rng = new Well19937c(3L);
    UnpairedDistribution slower =
        new UnpairedBootstrap(2000, 1L)
            .distribution(trials(8, 1, 0.03, rng), trials(8, 1.25, 0.03, rng));
    double p = fivePercent.verdictPValue(slower);
    assertTrue(p < 0.01, "p " + p);
    assertEquals(Verdict.SLOWER, fivePercent.decide(slower.interval(1 - p * 1.01)));
    assertEquals(Verdict.INCONCLUSIVE, fivePercent.decide(slower.interval(1 - p * 0.9)));
  }

  @Test
  void validationNamesArgumentIndexAndValue() {
    UnpairedBootstrap bootstrap = new UnpairedBootstrap(1000, 1L);
    assertMessage(
        "candidate[1] must be > 0 and finite, was 0.0",
        () -> bootstrap.distribution(new double[] {1, 2}, new double[] {1, 0}));
    assertMessage(
        "baseline[0] must be > 0 and finite, was Infinity",
        () ->
            bootstrap.distribution(
                new double[] {Double.POSITIVE_INFINITY, 2}, new double[] {1, 2}));
    assertMessage("resamples must be >= 1000, was 10", () -> new UnpairedBootstrap(10, 1L));
    assertMessage("method must not be null", () -> new UnpairedBootstrap(1000, 1L, null));
    assertMessage(
        "confidenceLevel must be in (0, 1), was 1.5",
        () -> bootstrap.distribution(new double[] {1, 2}, new double[] {1, 2}).interval(1.5));
  }
}
