package dev.djbench.plan;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How long and how often trials run. Chosen per run ({@code --profile}); the measurement contract
 * is the same in every profile, only the time spent buying precision changes.
 *
 * <p>A gate spends its time differently from a suite ({@link #forGate()}): more, shorter blocks.
 * Every block of a gate starts fresh server processes, and two processes of the same code differ by
 * a few percent for as long as they live (docs/statistics.md, "A fresh server for every block"):
 * that difference, not the number of requests in a trial, is most of a gate's noise, and only more
 * blocks average it out.
 *
 * @param label the name {@code --profile} takes
 * @param trialSeconds length of each trial's measured window
 * @param warmupSeconds warm-up before each trial, unless the scenario sets its own
 * @param minBlocks blocks always run
 * @param maxBlocks blocks run at most, while a comparison stays inconclusive
 */
public record Profile(
    String label, int trialSeconds, int warmupSeconds, int minBlocks, int maxBlocks) {

  /** For tests: one short block, enough to see the machinery work, never enough for a verdict. */
  public static final Profile SMOKE = new Profile("smoke", 2, 1, 1, 1);

  /**
   * The default and the CI gate's: minutes for a suite. 3-second trials: measured together ({@code
   * interleave: requests}), a block's noise is mostly what the machine does to both variants at
   * once, which a longer trial does not remove (docs/PERFORMANCE.md, "The technique suite's time").
   */
  public static final Profile QUICK = new Profile("quick", 3, 2, 3, 8);

  /** Before a release. */
  public static final Profile FULL = new Profile("full", 15, 3, 6, 20);

  private static final List<Profile> ALL = List.of(SMOKE, QUICK, FULL);

  public Profile {
    if (trialSeconds < 1 || warmupSeconds < 0 || minBlocks < 1 || maxBlocks < minBlocks) {
      throw new IllegalArgumentException(
          "a profile needs trialSeconds >= 1, warmupSeconds >= 0, 1 <= minBlocks <= maxBlocks: "
              + label);
    }
  }

  /** The profiles {@code --profile} offers, shortest first. */
  public static List<Profile> values() {
    return ALL;
  }

  /** The profile of that label, in any case. */
  public static Optional<Profile> named(String label) {
    String wanted = label.toLowerCase(Locale.ROOT);
    return ALL.stream().filter(p -> p.label.equals(wanted)).findFirst();
  }

  /**
   * This profile as a gate or a calibration runs it: the quick profile's gate has 4-second trials
   * and up to 20 blocks (about 2.5 minutes when every block runs, on 2 cores), the full profile's
   * 10-second trials and up to 40 blocks; the smoke profile is unchanged. The label stays.
   */
  public Profile forGate() {
    if (this.equals(QUICK)) {
      return new Profile(label, 4, warmupSeconds, minBlocks, 20);
    }
    if (this.equals(FULL)) {
      return new Profile(label, 10, warmupSeconds, minBlocks, 40);
    }
    return this;
  }
}
