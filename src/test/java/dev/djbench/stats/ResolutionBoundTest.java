package dev.djbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResolutionBoundTest {

  @Test
  void pairedBlocksGiveTheGeometricMeanOfPerBlockBounds() {
    double[] a = {7, 8};
    double[] b = {8, 8};
    ResolutionBound bound = ResolutionBound.of(a, b, 0.5);
    assertEquals(Math.sqrt((7.5 / 7.5) * (7.5 / 8.5)), bound.lower(), 1e-12);
    assertEquals(Math.sqrt((8.5 / 6.5) * (8.5 / 7.5)), bound.upper(), 1e-12);
  }

  @Test
  void anIntervalIsWidenedToTheBoundAndNeverNarrowed() {
    ResolutionBound bound = new ResolutionBound(0.9, 1.2);
    assertEquals(
        new Interval(0.9, 1.2, 0.95), bound.widen(new Interval(1.14, 1.14, 0.95)), "a point");
    assertEquals(
        new Interval(0.5, 2.0, 0.99), bound.widen(new Interval(0.5, 2.0, 0.99)), "wider already");
    assertEquals(new Interval(0.9, 1.5, 0.9), bound.widen(new Interval(1.0, 1.5, 0.9)));
  }

  @Test
  void exactValuesWidenNothing() {
    ResolutionBound exact = ResolutionBound.of(new double[] {7}, new double[] {8}, 0);
    assertTrue(exact.isExact());
    Interval point = new Interval(1.14, 1.14, 0.95);
    assertSame(point, exact.widen(point));
    RatioDistribution d = constant(1.14);
    assertSame(d, exact.around(d));
  }

  @Test
  void aDistributionIsWidenedAtEveryLevelAndKeepsItsRatio() {
    RatioDistribution widened = new ResolutionBound(1.0, 1.3).around(constant(1.14));
    assertEquals(1.14, widened.ratio());
    assertEquals(new Interval(1.0, 1.3, 0.95), widened.interval(0.95));
    assertEquals(new Interval(1.0, 1.3, 0.999), widened.interval(0.999));
    // The verdict follows the widened interval: a steady one-step difference is not "slower".
    assertEquals(Verdict.INCONCLUSIVE, new VerdictRule(0.05).decide(widened.interval(0.95)));
  }

  @Test
  void aBaselineWithinTheToleranceOfZeroLeavesTheUpperBoundOpen() {
    ResolutionBound bound = ResolutionBound.of(new double[] {0.4}, new double[] {1}, 0.5);
    assertEquals(0.5 / 0.9, bound.lower(), 1e-12);
    assertEquals(Double.POSITIVE_INFINITY, bound.upper());
  }

  @Test
  void validationNamesTheProblem() {
    assertEquals(
        "tolerance must be >= 0, was -1.0",
        assertThrows(
                IllegalArgumentException.class,
                () -> ResolutionBound.of(new double[] {1}, new double[] {1}, -1))
            .getMessage());
    assertEquals(
        "values must be > 0, value 1 was 0.0",
        assertThrows(
                IllegalArgumentException.class,
                () -> ResolutionBound.of(new double[] {1, 0}, new double[] {1}, 0.5))
            .getMessage());
    assertEquals(
        "a resolution bound needs values on both sides, had 0 and 1",
        assertThrows(
                IllegalArgumentException.class,
                () -> ResolutionBound.of(new double[] {}, new double[] {1}, 0.5))
            .getMessage());
  }

  private static RatioDistribution constant(double ratio) {
    return new RatioDistribution() {
      @Override
      public double ratio() {
        return ratio;
      }

      @Override
      public Interval interval(double confidenceLevel) {
        return new Interval(ratio, ratio, confidenceLevel);
      }
    };
  }
}
