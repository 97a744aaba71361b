/**
 * Scenario files: YAML read into immutable records, with every problem reported at its file, line
 * and column, and the defaults in one place ({@link dev.djbench.scenario.ScenarioDefaults}).
 *
 * <p>May import: analysis.
 */
package dev.djbench.scenario;
