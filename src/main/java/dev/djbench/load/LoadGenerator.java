package dev.djbench.load;

import dev.djbench.measure.TrialMeasurement;

/** Sends one trial's load and returns what it measured. */
public interface LoadGenerator {

  /**
   * Runs the trial to the end; blocks until every request has answered, failed or timed out.
   *
   * @param onWindowOpen called once when the first request of the measured window starts (after
   *     warm-up), so that server-side sampling can cover the same window; must return quickly
   * @throws LoadException when the generator itself could not run (not when the server answered
   *     badly)
   */
  TrialMeasurement run(TrialSpec spec, Runnable onWindowOpen) throws LoadException;
}
