/**
 * The CI gate: thresholds per metric (from the scenario or this machine's calibration), the
 * evaluation of a same-run or stored-baseline comparison with Holm's correction, and the saved
 * calibration file.
 *
 * <p>May import: analysis, results, scenario, stats.
 */
package dev.djbench.gate;
