package dev.djbench.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShardPlanTest {

  /** Experiments and their planned seconds, as a suite of 9 might have them. */
  private static final Map<String, Double> SECONDS =
      Map.of(
          "a", 60.0, "b", 20.0, "c", 20.0, "d", 110.0, "e", 40.0, "f", 20.0, "g", 90.0, "h", 20.0,
          "i", 30.0);

  private static final List<String> SUITE = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i");

  private static double seconds(String id) {
    return SECONDS.get(id);
  }

  @Test
  void everyExperimentGoesToExactlyOneShardWholeAndInScenarioOrder() {
    for (int n = 1; n <= 12; n++) {
      List<List<String>> shards = ShardPlan.deal(SUITE, ShardPlanTest::seconds, n);
      assertEquals(n, shards.size());
      List<String> all = new ArrayList<>();
      shards.forEach(all::addAll);
      assertEquals(SUITE.size(), all.size(), "n = " + n);
      assertEquals(Set.copyOf(SUITE), new HashSet<>(all), "n = " + n);
      for (List<String> share : shards) {
        List<String> inOrder = SUITE.stream().filter(share::contains).toList();
        assertEquals(inOrder, share, "a shard runs its share in scenario order");
      }
    }
  }

  @Test
  void theDealIsBalancedByPlannedTimeNotByCount() {
    // 410 s over 3 shards, longest first to the least loaded: 130, 140, 140 s, where three in a
    // row by count would give 190, 90 and 130 s.
    List<List<String>> shards = ShardPlan.deal(SUITE, ShardPlanTest::seconds, 3);
    assertEquals(List.of("c", "d"), shards.get(0));
    assertEquals(List.of("f", "g", "i"), shards.get(1));
    assertEquals(List.of("a", "b", "e", "h"), shards.get(2));
    List<Double> loads =
        shards.stream().map(s -> s.stream().mapToDouble(ShardPlanTest::seconds).sum()).toList();
    assertEquals(List.of(130.0, 140.0, 140.0), loads);
  }

  @Test
  void theLongestShardIsWithinFourThirdsOfTheBestPossibleOnRandomSuites() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      int size = 1 + random.nextInt(30);
      int n = 1 + random.nextInt(6);
      List<Integer> items = new ArrayList<>();
      double[] seconds = new double[size];
      for (int i = 0; i < size; i++) {
        items.add(i);
        seconds[i] = 5 + random.nextInt(300);
      }
      List<List<Integer>> shards = ShardPlan.deal(items, i -> seconds[i], n);
      double longest =
          shards.stream()
              .mapToDouble(s -> s.stream().mapToDouble(i -> seconds[i]).sum())
              .max()
              .orElseThrow();
      double total = java.util.Arrays.stream(seconds).sum();
      double max = java.util.Arrays.stream(seconds).max().orElseThrow();
      double bound = Math.max(total / n, max); // no deal does better than this
      assertTrue(longest <= bound * 4 / 3 + 1e-9, longest + " > 4/3 of " + bound);
    }
  }

  @Test
  void theDealIsTheSameEveryTimeAndTiesGoToTheLowerShard() {
    List<String> even = List.of("p", "q", "r", "s");
    assertEquals(
        List.of(List.of("p", "r"), List.of("q", "s")), ShardPlan.deal(even, id -> 10.0, 2));
    assertEquals(
        ShardPlan.deal(SUITE, ShardPlanTest::seconds, 4),
        ShardPlan.deal(SUITE, ShardPlanTest::seconds, 4));
    assertEquals(List.of("p", "r"), ShardPlan.parse("1/2").select(even, id -> 10.0));
  }

  @Test
  void moreShardsThanExperimentsLeavesTheLastOnesEmpty() {
    List<List<String>> shards = ShardPlan.deal(List.of("x", "y"), id -> 1.0, 4);
    assertEquals(List.of(List.of("x"), List.of("y"), List.of(), List.of()), shards);
  }

  @Test
  void aShardIsParsedOrRefusedWithWhatWasExpected() {
    assertEquals(new ShardPlan(2, 4), ShardPlan.parse("2/4"));
    assertEquals("3/3", ShardPlan.parse(" 3 / 3 ").label());
    assertTrue(ShardPlan.parse("1/1").whole());
    for (String bad : List.of("0/2", "3/2", "2", "a/b", "1/0", "-1/2", "")) {
      var e = assertThrows(IllegalArgumentException.class, () -> ShardPlan.parse(bad));
      assertTrue(e.getMessage().startsWith("'" + bad + "' is not a shard; expected K/N"), bad);
    }
  }
}
