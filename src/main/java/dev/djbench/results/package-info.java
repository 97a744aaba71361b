/**
 * Result records and their versioned JSON form: trials, experiments, comparisons, the gate, the
 * machine; the append-only journal of a run; the merge of a suite's shards; an injector part's
 * files ({@code part.json} and its HdrHistogram log).
 *
 * <p>May import: nothing of djbench.
 */
package dev.djbench.results;
