package dev.djbench.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The order of variants within each block: every variant once, in a random order that is balanced
 * over pairs of blocks.
 *
 * <p>Blocks come in pairs. The first block of a pair takes a fresh random permutation; the second
 * runs the same permutation reversed. Within each pair every variant therefore has the same mean
 * position, so a position effect (the first trial of a block running just after the look at the
 * data, the second just after another trial) falls on every variant alike instead of biasing
 * whichever the shuffle happened to put first more often — with two variants and eight blocks a
 * plain shuffle puts one variant first six times or more in 29% of runs. Drift of the machine
 * spreads over the variants for the same reason (randomized, counterbalanced interleaving).
 *
 * <p>Deterministic for a given seed, experiment and block, whatever ran before it, so that a run's
 * order can be replayed from the seed in its results. The seed of each pair's shuffle goes through
 * a 64-bit mixing function: {@link Random}'s first outputs for nearby seeds are strongly
 * correlated, and seeding it with {@code seed + block} gives the same order in every block.
 */
public final class BlockOrder {

  private final long seed;

  /**
   * @param seed the run's seed
   */
  public BlockOrder(long seed) {
    this.seed = seed;
  }

  public long seed() {
    return seed;
  }

  /**
   * The variant order of block {@code blockIndex} of experiment {@code experimentId}: a permutation
   * of {@code variants}, the same for the same seed, experiment and block whatever ran before it.
   * Block {@code 2k+1} runs block {@code 2k}'s order reversed.
   *
   * @param blockIndex 0-based block number, &gt;= 0
   */
  public <T> List<T> order(String experimentId, int blockIndex, List<T> variants) {
    if (blockIndex < 0) {
      throw new IllegalArgumentException("blockIndex must be >= 0, was " + blockIndex);
    }
    int pair = blockIndex / 2;
    long pairSeed = mix(mix(seed ^ mix(experimentId.hashCode())) + pair);
    List<T> shuffled = new ArrayList<>(variants);
    Collections.shuffle(shuffled, new Random(pairSeed));
    if (blockIndex % 2 == 1) {
      Collections.reverse(shuffled);
    }
    return shuffled;
  }

  /** SplitMix64's finalizer: every input bit affects every output bit. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
