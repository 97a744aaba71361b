package dev.djbench.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlockOrderTest {

  private static final List<String> TWO = List.of("baseline", "candidate");
  private static final List<String> FOUR = List.of("a", "b", "c", "d");

  @Test
  void everyBlockRunsEveryVariantOnce() {
    BlockOrder order = new BlockOrder(42);
    for (int block = 0; block < 20; block++) {
      List<String> got = order.order("exp", block, FOUR);
      assertEquals(Set.copyOf(FOUR), Set.copyOf(got));
      assertEquals(FOUR.size(), got.size());
    }
  }

  @Test
  void theSecondBlockOfAPairReversesTheFirst() {
    BlockOrder order = new BlockOrder(7);
    for (int pair = 0; pair < 10; pair++) {
      List<String> first = new ArrayList<>(order.order("exp", 2 * pair, FOUR));
      List<String> second = order.order("exp", 2 * pair + 1, FOUR);
      java.util.Collections.reverse(first);
      assertEquals(first, second, "pair " + pair);
    }
  }

  @Test
  void withTwoVariantsEachRunsFirstInHalfOfAnEvenNumberOfBlocks() {
    for (long seed : new long[] {0, 1, 17, 7272619718710932302L, -5}) {
      BlockOrder order = new BlockOrder(seed);
      int baselineFirst = 0;
      for (int block = 0; block < 8; block++) {
        if (order.order("post-list", block, TWO).get(0).equals("baseline")) {
          baselineFirst++;
        }
      }
      assertEquals(4, baselineFirst, "seed " + seed);
    }
  }

  /**
   * The pairs' orders are random, not one order for the whole run: seeding {@link java.util.Random}
   * with neighbouring numbers gave the same first shuffle for every block of a run.
   */
  @Test
  void successivePairsTakeFreshOrders() {
    for (long seed : new long[] {17, 12345, 7272619718710932302L}) {
      BlockOrder order = new BlockOrder(seed);
      Set<List<String>> firstOfPair = new HashSet<>();
      int baselineFirst = 0;
      for (int pair = 0; pair < 40; pair++) {
        List<String> got = order.order("post-list", 2 * pair, TWO);
        firstOfPair.add(got);
        if (got.get(0).equals("baseline")) {
          baselineFirst++;
        }
      }
      assertEquals(2, firstOfPair.size(), "both orders occur, seed " + seed);
      // Binomial(40, 1/2): outside [8, 32] has probability below 1e-4.
      assertTrue(baselineFirst >= 8 && baselineFirst <= 32, "seed " + seed + ": " + baselineFirst);

      Set<List<String>> fours = new HashSet<>();
      for (int pair = 0; pair < 40; pair++) {
        fours.add(order.order("exp", 2 * pair, FOUR));
      }
      assertTrue(
          fours.size() >= 10, "40 shuffles of 4 give many of the 24 orders: " + fours.size());
    }
  }

  @Test
  void sameSeedSameOrderAndExperimentsDiffer() {
    List<List<String>> a = new ArrayList<>();
    List<List<String>> b = new ArrayList<>();
    List<List<String>> other = new ArrayList<>();
    for (int block = 0; block < 40; block++) {
      a.add(new BlockOrder(99).order("x", block, FOUR));
      b.add(new BlockOrder(99).order("x", block, FOUR));
      other.add(new BlockOrder(99).order("y", block, FOUR));
    }
    assertEquals(a, b);
    assertNotEquals(a, other);
  }

  @Test
  void negativeBlockIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new BlockOrder(1).order("x", -1, TWO));
  }
}
