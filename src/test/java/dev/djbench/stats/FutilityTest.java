package dev.djbench.stats;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FutilityTest {

  private final VerdictRule rule = new VerdictRule(0.05);

  private boolean futile(double lower, double upper, int run, int max) {
    return Futility.futile(rule, new Interval(lower, upper, 0.99), run, max);
  }

  @Test
  void aCentreOnTheZonesEdgeCannotSettle() {
    // Centre ×1.047 (debug-off's and gunicorn-workers' kind of interval): even at half the width
    // the interval straddles 1.05.
    assertTrue(futile(0.95, 1.154, 3, 8));
  }

  @Test
  void aClearEffectOnlyNeedsMoreBlocks() {
    assertFalse(futile(1.03, 1.17, 3, 8), "centre ×1.098, projected [1.056, 1.141]: slower");
    assertFalse(futile(0.60, 0.95, 3, 8), "a faster centre ×0.755 settles");
  }

  @Test
  void aCentreNearOneCanStillShowNoChange() {
    assertFalse(futile(0.96, 1.06, 3, 8), "centre ×1.009, projected ±3%: no change");
    assertTrue(futile(0.80, 1.25, 3, 8), "centre ×1.0 but ±22%: projected ±14%, still open");
  }

  @Test
  void withEveryBlockRunNothingShrinks() {
    assertTrue(futile(1.00, 1.10, 8, 8));
    assertFalse(futile(1.06, 1.10, 8, 8), "already slower: definitive, not futile");
  }

  @Test
  void zeroOrNegativeBoundsAreNeverCalledFutile() {
    assertFalse(futile(0.0, 2.0, 3, 8));
  }

  @Test
  void rejectsAPlanShorterThanWhatRan() {
    assertThrows(IllegalArgumentException.class, () -> futile(0.9, 1.1, 5, 4));
  }
}
