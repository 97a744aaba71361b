/**
 * Load generation: a trial spec turned into an open-model Gatling run, and what it measured; one
 * injector's share of a schedule several send together ({@link dev.djbench.load.ArrivalShare}).
 *
 * <p>May import: measure.
 */
package dev.djbench.load;
