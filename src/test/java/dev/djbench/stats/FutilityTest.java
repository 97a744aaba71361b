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
  void aWideIntervalFromThreeBlocksOfAClearEffectIsNotFutile() {
    // template-logic in a quick suite run: blocks ×0.62, ×0.59, ×0.33, interval
    // ×0.492 [0.052, 4.62] at 99.2%. Most of that width is t_2 = 11.1; after 8 blocks of the same
    // spread, t_7 = 3.7 would give about [0.31, 0.77]: faster. Shrinking by sqrt(3/8) alone
    // projected [0.12, 1.9], futile.
    assertFalse(Futility.futile(rule, new Interval(0.052, 4.62, 0.992), 3, 8));
  }

  @Test
  void theProjectionUsesTheStudentQuantileOfTheBlocksToCome() {
    // Centre ×1.0, ±20% at 99%: t_7 / t_2 * sqrt(3/8) = 0.216 projects ±4.0%, inside the ±5% zone.
    // A 1/sqrt(blocks) projection alone (±11.8%) would have called it futile.
    assertFalse(futile(1 / 1.2, 1.2, 3, 8));
    // With 7 of 8 blocks run the quantiles hardly differ: ±20% becomes ±17.5%, still open.
    assertTrue(futile(1 / 1.2, 1.2, 7, 8));
  }

  @Test
  void oneBlockHasNoSpreadToProject() {
    assertFalse(futile(0.5, 2.0, 1, 8));
  }

  @Test
  void aClearEffectOnlyNeedsMoreBlocks() {
    assertFalse(futile(1.03, 1.17, 3, 8), "centre ×1.098, projected [1.056, 1.141]: slower");
    assertFalse(futile(0.60, 0.95, 3, 8), "a faster centre ×0.755 settles");
  }

  @Test
  void aCentreNearOneCanStillShowNoChange() {
    assertFalse(futile(0.96, 1.06, 3, 8), "centre ×1.009, projected ±3%: no change");
    assertTrue(futile(0.50, 2.0, 3, 8), "centre ×1.0 but ×/÷2: projected ±16%, still open");
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
