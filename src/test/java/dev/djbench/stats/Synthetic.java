package dev.djbench.stats;

import org.apache.commons.math3.random.Well19937c;

/** Synthetic per-block measurements with multiplicative lognormal noise and a known true ratio. */
final class Synthetic {

  final double[] baseline;
  final double[] candidate;

  private Synthetic(double[] baseline, double[] candidate) {
    this.baseline = baseline;
    this.candidate = candidate;
  }

  /**
   * Baseline blocks around 20 ms with 10% block-to-block drift (shared by both sides), and a
   * candidate equal to {@code trueRatio * baseline * exp(N(0, ratioNoiseSd))}.
   */
  static Synthetic blocks(int blocks, double trueRatio, double ratioNoiseSd, Well19937c rng) {
    double[] a = new double[blocks];
    double[] b = new double[blocks];
    for (int i = 0; i < blocks; i++) {
      a[i] = 20_000 * Math.exp(0.10 * rng.nextGaussian());
      b[i] = a[i] * trueRatio * Math.exp(ratioNoiseSd * rng.nextGaussian());
    }
    return new Synthetic(a, b);
  }

  static Synthetic blocks(int blocks, double trueRatio, double ratioNoiseSd, long seed) {
    return blocks(blocks, trueRatio, ratioNoiseSd, new Well19937c(seed));
  }
}
