/**
 * Result records and their versioned JSON form: trials, experiments, comparisons, the gate, the
 * machine; the append-only journal of a run.
 *
 * <p>May import: nothing of djbench.
 */
package dev.djbench.results;
