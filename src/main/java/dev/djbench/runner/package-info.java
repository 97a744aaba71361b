/**
 * The orchestrator: runs a scenario's experiments, each by its plan, trial by trial, on the system
 * under test, journaling every trial and writing results when the run ends, however it ends.
 *
 * <p>May import: analysis, doctor, gate, load, measure, plan, results, scenario, stats, sut and its
 * subpackages.
 */
package dev.djbench.runner;
