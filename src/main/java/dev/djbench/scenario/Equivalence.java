package dev.djbench.scenario;

/**
 * How the variants of an experiment must agree before they are timed: an optimization that changes
 * the answer is broken, not fast.
 */
public enum Equivalence {
  /** Same status and the same body once runs of white space are folded. */
  SAME,
  /**
   * Same status, and every other variant's body (folded) is a prefix of the baseline's: pagination.
   */
  PREFIX,
  /**
   * Same status, and each JSON item of the other variant is a projection of the baseline's item.
   */
  PROJECTION,
  /** Same status only: the bodies differ by design (a queued task against a sent one, say). */
  STATUS
}
