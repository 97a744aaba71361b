/**
 * Analysis of measured trials: the {@link dev.djbench.analysis.Metric}s every report and gate
 * speaks of, and {@link dev.djbench.analysis.Comparisons} of a variant against the baseline, per
 * metric, over blocks.
 *
 * <p>May import: results, stats.
 */
package dev.djbench.analysis;
