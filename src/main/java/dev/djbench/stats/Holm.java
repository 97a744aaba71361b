package dev.djbench.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Holm–Bonferroni step-down correction for several comparisons that gate together (for example p50,
 * p90, p99 and server time of the same change).
 *
 * <p>With m p-values sorted ascending {@code p(1) <= ... <= p(m)}, the adjusted value is {@code
 * q(i) = max_{j <= i} min(1, (m - j + 1) * p(j))}; comparison (i) is significant at family level
 * alpha iff {@code q(i) <= alpha}, i.e. the i-th smallest p-value is tested at {@code alpha/(m - i
 * + 1)}. The family-wise error rate is at most alpha under any dependence.
 */
public final class Holm {

  private Holm() {}

  /**
   * Holm-adjusted p-values, in the input order; monotone in the sorted order and capped at 1.
   *
   * @param pValues raw p-values, each in [0, 1]; at least one
   * @throws IllegalArgumentException naming index and value if a p-value is outside [0, 1], or if
   *     the array is null or empty
   */
  public static double[] adjust(double[] pValues) {
    Args.notNull("pValues", pValues);
    if (pValues.length == 0) {
      throw new IllegalArgumentException("pValues must not be empty, was length 0");
    }
    for (int i = 0; i < pValues.length; i++) {
      if (!(pValues[i] >= 0 && pValues[i] <= 1)) {
        throw new IllegalArgumentException(
            "pValues[" + i + "] must be in [0, 1], was " + pValues[i]);
      }
    }
    int m = pValues.length;
    Integer[] order = sortedOrder(pValues);
    double[] adjusted = new double[m];
    double running = 0;
    for (int rank = 0; rank < m; rank++) {
      int idx = order[rank];
      running = Math.max(running, Math.min(1, (m - rank) * pValues[idx]));
      adjusted[idx] = running;
    }
    return adjusted;
  }

  /**
   * The step-down confidence levels: element {@code i} (0-based) is the level at which the (i+1)-th
   * smallest p-value is tested, {@code 1 - alpha/(m - i)}.
   *
   * @param familyAlpha family-wise error rate in (0, 1)
   * @param m number of comparisons, {@code >= 1}
   * @throws IllegalArgumentException if an argument is outside its range
   */
  public static double[] stepDownLevels(double familyAlpha, int m) {
    Args.level("familyAlpha", familyAlpha);
    Args.atLeast("m", m, 1);
    double[] levels = new double[m];
    for (int i = 0; i < m; i++) {
      levels[i] = 1 - familyAlpha / (m - i);
    }
    return levels;
  }

  /**
   * Gate several comparisons together with family-wise error rate {@code familyAlpha}.
   *
   * <p>Each comparison's verdict p-value ({@link VerdictRule#verdictPValue}) is Holm-adjusted; a
   * comparison whose adjusted value exceeds {@code familyAlpha} is INCONCLUSIVE, otherwise its
   * verdict is decided from its interval at its step-down level {@code 1 - alpha/(m - rank)} (rank
   * 0-based in ascending p order), which is then definitive by construction.
   *
   * @param rule verdict rule shared by the comparisons; not null
   * @param familyAlpha family-wise error rate in (0, 1)
   * @param comparisons bootstrap distributions (paired or unpaired), one per comparison; not null,
   *     not empty, no nulls
   * @return verdicts in the order of {@code comparisons}
   * @throws IllegalArgumentException if an argument is outside its range
   */
  public static List<Verdict> gate(
      VerdictRule rule, double familyAlpha, List<? extends RatioDistribution> comparisons) {
    Args.notNull("rule", rule);
    Args.level("familyAlpha", familyAlpha);
    Args.notNull("comparisons", comparisons);
    if (comparisons.isEmpty()) {
      throw new IllegalArgumentException("comparisons must not be empty, was size 0");
    }
    int m = comparisons.size();
    double[] p = new double[m];
    for (int i = 0; i < m; i++) {
      p[i] = rule.verdictPValue(Args.notNull("comparisons[" + i + "]", comparisons.get(i)));
    }
    double[] adjusted = adjust(p);
    Integer[] order = sortedOrder(p);
    double[] levels = stepDownLevels(familyAlpha, m);
    Verdict[] verdicts = new Verdict[m];
    for (int rank = 0; rank < m; rank++) {
      int idx = order[rank];
      verdicts[idx] =
          adjusted[idx] <= familyAlpha
              ? rule.decide(comparisons.get(idx).interval(levels[rank]))
              : Verdict.INCONCLUSIVE;
    }
    return new ArrayList<>(Arrays.asList(verdicts));
  }

  private static Integer[] sortedOrder(double[] values) {
    Integer[] order = new Integer[values.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
    return order;
  }
}
