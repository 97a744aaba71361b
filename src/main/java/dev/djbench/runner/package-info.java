/**
 * The orchestrator: runs a scenario's experiments, each by its plan, trial by trial, on the system
 * under test, journaling every trial and writing results when the run ends, however it ends; one
 * injector's part of a distributed run ({@link dev.djbench.runner.InjectRun}) and the merge of the
 * parts ({@link dev.djbench.runner.PartMerge}).
 *
 * <p>May import: analysis, doctor, gate, load, measure, plan, results, scenario, stats, sut and its
 * subpackages.
 */
package dev.djbench.runner;
