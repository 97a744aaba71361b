package dev.djbench.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The order of variants within each block: every variant once, shuffled afresh per block
 * (randomized multiple interleaved trials), so that drift in the machine — a warming cache, a
 * neighbour's load — falls on every variant alike instead of on whichever always runs second.
 * Deterministic for a given seed, which the results record so that a run's order can be replayed.
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
   *
   * @param blockIndex 0-based block number, &gt;= 0
   */
  public <T> List<T> order(String experimentId, int blockIndex, List<T> variants) {
    if (blockIndex < 0) {
      throw new IllegalArgumentException("blockIndex must be >= 0, was " + blockIndex);
    }
    List<T> shuffled = new ArrayList<>(variants);
    Collections.shuffle(
        shuffled, new Random(seed * 31 + experimentId.hashCode() * 1_000_003L + blockIndex));
    return shuffled;
  }
}
