/**
 * Statistics for djbench comparisons: how much faster or slower a change made the app, and how sure
 * we are.
 *
 * <p>The unit is the block (one run of every variant, in random order), never the pooled request.
 * {@link dev.djbench.stats.BootstrapRatio} estimates the geometric mean of per-block ratios B/A
 * with a bootstrap interval, and {@link dev.djbench.stats.UnpairedBootstrap} the ratio of geometric
 * means of two independent sets of trials (a stored run against a new one); {@link
 * dev.djbench.stats.VerdictRule} turns the interval into a three-way verdict; {@link
 * dev.djbench.stats.SequentialPlan} and {@link dev.djbench.stats.SequentialComparison} add blocks
 * until a verdict is reached with the error rate controlled over looks; {@link
 * dev.djbench.stats.Holm} gates several comparisons together; {@link dev.djbench.stats.Calibration}
 * derives the threshold from A/A runs; and {@link dev.djbench.stats.Capacity} searches the highest
 * rate that meets a latency SLO. See {@code docs/statistics.md}.
 *
 * <p>May import: nothing of djbench.
 */
package dev.djbench.stats;
