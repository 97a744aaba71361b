package dev.djbench.load;

import dev.djbench.measure.TrialRecorder;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The hand-over point between the harness and the Gatling simulation, which Gatling instantiates
 * itself by reflection and so cannot be given constructor arguments. Only one trial runs at a time
 * in a JVM: a trial is the unit of measurement and two at once would load the machine twice.
 *
 * @param spec what to send
 * @param recorder where the simulation reports each request
 */
public record ActiveTrial(TrialSpec spec, TrialRecorder recorder) {

  private static final AtomicReference<ActiveTrial> CURRENT = new AtomicReference<>();

  /** The trial being run; fails loudly when the simulation is started outside the harness. */
  public static ActiveTrial current() {
    ActiveTrial trial = CURRENT.get();
    if (trial == null) {
      throw new IllegalStateException(
          "no djbench trial is active: the simulation is started by GatlingLoadGenerator, not on its own");
    }
    return trial;
  }

  static void begin(ActiveTrial trial) {
    if (!CURRENT.compareAndSet(null, trial)) {
      throw new IllegalStateException(
          "another trial is already running in this JVM: " + CURRENT.get().spec().name());
    }
  }

  static void end(ActiveTrial trial) {
    CURRENT.compareAndSet(trial, null);
  }
}
