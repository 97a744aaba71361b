package dev.djbench.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Which experiments shard {@code index} of {@code count} runs ({@code djbench run --shard K/N}): a
 * deterministic share of the selected experiments, balanced by their planned duration.
 *
 * <p>Whole experiments are dealt out, never blocks of one: an experiment's variants are always
 * compared on one machine, in one run. The deal is the longest-processing-time rule: the
 * experiments, longest planned first (ties in scenario order), each go to the shard with the least
 * planned time so far (ties to the lowest shard). It depends only on the experiments and their
 * planned durations, so every shard of a CI matrix computes the same deal on its own; no shard
 * takes more than 4/3 of the best possible longest shard (Graham, 1969). Each shard runs its share
 * in scenario order.
 *
 * @param index 1-based, {@code 1 <= index <= count}
 * @param count how many shards the suite is split into, {@code >= 1}
 */
public record ShardPlan(int index, int count) {

  /** The whole suite in one run. */
  public static final ShardPlan WHOLE = new ShardPlan(1, 1);

  private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,6})\\s*/\\s*(\\d{1,6})\\s*");

  public ShardPlan {
    if (count < 1 || index < 1 || index > count) {
      throw new IllegalArgumentException(
          "a shard is K/N with 1 <= K <= N, was " + index + "/" + count);
    }
  }

  /**
   * Parses {@code K/N}.
   *
   * @throws IllegalArgumentException naming the text and what was expected
   */
  public static ShardPlan parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a shard; expected K/N, e.g. 1/4 (the first of four)");
    }
    int k = Integer.parseInt(m.group(1));
    int n = Integer.parseInt(m.group(2));
    if (n < 1 || k < 1 || k > n) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a shard; expected K/N with 1 <= K <= N, e.g. 1/" + Math.max(n, 2));
    }
    return new ShardPlan(k, n);
  }

  public boolean whole() {
    return count == 1;
  }

  /** "2/4". */
  public String label() {
    return index + "/" + count;
  }

  /**
   * Every shard's experiments: element {@code i} is shard {@code i + 1}'s share of {@code items},
   * in their given order. Shards beyond the number of items are empty.
   *
   * @param plannedSeconds each item's planned duration, {@code >= 0}
   */
  public static <T> List<List<T>> deal(
      List<T> items, ToDoubleFunction<T> plannedSeconds, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, was " + count);
    }
    double[] seconds = items.stream().mapToDouble(plannedSeconds).toArray();
    int[] shardOf = new int[items.size()];
    double[] load = new double[count];
    List<Integer> longestFirst =
        IntStream.range(0, items.size())
            .boxed()
            .sorted(Comparator.comparingDouble((Integer i) -> -seconds[i]).thenComparing(i -> i))
            .toList();
    for (int item : longestFirst) {
      int least = 0;
      for (int s = 1; s < count; s++) {
        if (load[s] < load[least]) {
          least = s;
        }
      }
      shardOf[item] = least;
      load[least] += seconds[item];
    }
    List<List<T>> shards = new ArrayList<>();
    for (int s = 0; s < count; s++) {
      List<T> share = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        if (shardOf[i] == s) {
          share.add(items.get(i));
        }
      }
      shards.add(List.copyOf(share));
    }
    return List.copyOf(shards);
  }

  /** This shard's share of {@code items}, in their given order. */
  public <T> List<T> select(List<T> items, ToDoubleFunction<T> plannedSeconds) {
    return deal(items, plannedSeconds, count).get(index - 1);
  }
}
