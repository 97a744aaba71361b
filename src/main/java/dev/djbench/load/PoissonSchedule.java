package dev.djbench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The arrival instants of a Poisson stream, drawn from a seed: exponential gaps of mean {@code
 * 1/rate}.
 *
 * <p>djbench draws them itself, rather than leaving them to Gatling's own random injection, so that
 * every variant of a block can meet the <em>same</em> arrivals (common random numbers): the streams
 * of a block measured together, and the trials of a block run one after another, all get the
 * block's seed. A burst of arrivals, and the queueing it causes, then falls on every variant alike
 * and cancels in the block's ratio, as the machine's noise does when the variants are measured
 * together. Blocks get different seeds, so the arrival process's own variability stays in the
 * spread over blocks that the intervals are made of.
 */
public final class PoissonSchedule {

  private PoissonSchedule() {}

  /**
   * The gaps before each arrival, in nanoseconds, the first from time 0, until the arrivals would
   * pass {@code seconds}.
   *
   * @param seed the block's seed
   * @param ratePerSecond mean arrivals a second, &gt; 0
   * @param seconds length of the schedule, &gt; 0
   */
  public static List<Long> gapsNanos(long seed, double ratePerSecond, double seconds) {
    if (!(ratePerSecond > 0) || !(seconds > 0)) {
      throw new IllegalArgumentException(
          "a Poisson schedule needs rate > 0 and seconds > 0, was "
              + ratePerSecond
              + ", "
              + seconds);
    }
    var random = new SplittableRandom(seed);
    long end = Math.round(seconds * 1e9);
    double meanNanos = 1e9 / ratePerSecond;
    List<Long> gaps =
        new ArrayList<>((int) Math.min(Integer.MAX_VALUE, 2 * ratePerSecond * seconds));
    long at = 0;
    while (true) {
      // 1 - nextDouble() lies in (0, 1]: the logarithm is finite.
      long gap = Math.round(-Math.log(1 - random.nextDouble()) * meanNanos);
      if (at + gap >= end) {
        return gaps;
      }
      at += gap;
      gaps.add(gap);
    }
  }
}
