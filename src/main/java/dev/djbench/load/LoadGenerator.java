package dev.djbench.load;

import dev.djbench.measure.TrialMeasurement;

/** Sends one trial's load and returns what it measured. */
public interface LoadGenerator {

  /**
   * Runs the trial to the end; blocks until every request has answered, failed or timed out.
   *
   * @throws LoadException when the generator itself could not run (not when the server answered badly)
   */
  TrialMeasurement run(TrialSpec spec) throws LoadException;
}
