/**
 * Measurement: HdrHistogram recording of each request, Server-Timing parsing, and CPU and memory of
 * the server's processes read from /proc.
 *
 * <p>May import: results.
 */
package dev.djbench.measure;
