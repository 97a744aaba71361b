/**
 * The Gatling simulation that runs one trial: it reads the trial spec the harness wrote, drives the
 * open-model arrival schedule, and records every request.
 *
 * <p>May import: load, measure.
 */
package dev.djbench.simulation;
