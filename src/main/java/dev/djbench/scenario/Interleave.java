package dev.djbench.scenario;

/**
 * How the variants of a block share the machine's time.
 *
 * <p>{@link #TRIALS}: one trial per variant, one after another in the block's order; each server
 * has the machine to itself while it is measured. {@link #REQUESTS}: one trial per block in which
 * every variant receives its own arrival stream at the same time, the streams offset so that their
 * requests alternate; a burst of interference from outside (another tenant, a background job) then
 * falls on every variant alike instead of on whichever trial it happened to hit. That makes
 * differences between variants far more precise on a noisy machine, at a price: the servers share
 * the CPU, so a variant that burns more CPU also slows the others a little and the measured
 * difference is understated, never invented. See docs/statistics.md.
 */
public enum Interleave {
  TRIALS,
  REQUESTS
}
