/**
 * Measurement: HdrHistogram recording of each request, Server-Timing parsing, and CPU and memory of
 * the server's processes read from /proc, and this machine's clock against a target's ({@link
 * dev.djbench.measure.ClockOffset}).
 *
 * <p>May import: results.
 */
package dev.djbench.measure;
