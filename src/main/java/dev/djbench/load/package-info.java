/**
 * Load generation: a trial spec turned into an open-model Gatling run, and what it measured.
 *
 * <p>May import: measure.
 */
package dev.djbench.load;
