package dev.djbench.load;

import dev.djbench.measure.TrialMeasurement;
import java.util.List;

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
  default TrialMeasurement run(TrialSpec spec, Runnable onWindowOpen) throws LoadException {
    return runTogether(List.of(spec), List.of(onWindowOpen)).get(0);
  }

  /**
   * Runs several arrival streams at once, each at its own spec's rate, and measures each apart.
   * With {@code n} streams, stream {@code i} starts {@code i / n} of its gap between arrivals after
   * the first, so that streams at the same rate alternate request by request.
   *
   * @param specs one per stream, at least one; their names must differ
   * @param onWindowOpen one per stream, called as that stream's measured window opens
   * @return one measurement per stream, in the order of {@code specs}
   * @throws LoadException when the generator itself could not run
   */
  List<TrialMeasurement> runTogether(List<TrialSpec> specs, List<Runnable> onWindowOpen)
      throws LoadException;
}
