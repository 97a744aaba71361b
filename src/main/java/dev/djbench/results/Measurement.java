package dev.djbench.results;

/**
 * One figure of a page measured on its own: its typical value over the trials and how sure we are
 * of it.
 *
 * @param variant the page (the variant's name)
 * @param metric what was measured: {@code clientLatencyMicros.p50}, {@code dbQueries.mean}…
 * @param value the geometric mean over the valid trials of each trial's own value, in the metric's
 *     unit; NaN when the app did not report it
 * @param lower lower end of its confidence interval (NaN when none could be formed)
 * @param upper upper end (NaN when none could be formed)
 * @param confidenceLevel the interval's level
 * @param trials the valid trials behind it: the interval's sample size
 * @param note why there is no interval, when there is none ({@code not reported}, {@code one
 *     trial}); empty otherwise
 */
public record Measurement(
    String variant,
    String metric,
    double value,
    double lower,
    double upper,
    double confidenceLevel,
    int trials,
    String note) {}
