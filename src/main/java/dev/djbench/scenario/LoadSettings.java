package dev.djbench.scenario;

import java.util.OptionalInt;

/**
 * How load is applied in an experiment's trials.
 *
 * @param ratePerSecond the open-model arrival rate, &gt; 0
 * @param poisson Poisson arrivals (exponential gaps) instead of evenly spaced ones
 * @param warmupSeconds warm-up before each trial's measured window; empty to use the profile's
 * @param timeoutSeconds how long one request may take before it counts as failed, &gt;= 1
 * @param maxErrorFraction a trial with a larger share of errors is invalid, from 0 to 1
 * @param interleave whether the variants of a block run one after another or together
 * @param autoRate {@code rate: auto}: the rate is chosen when the experiment runs, from a capacity
 *     probe of its slowest variant; {@code ratePerSecond} is then the rate inherited from the level
 *     above, which only the doctor uses
 * @param connections a new connection per request, or a shared pool of kept-alive ones
 */
public record LoadSettings(
    double ratePerSecond,
    boolean poisson,
    OptionalInt warmupSeconds,
    int timeoutSeconds,
    double maxErrorFraction,
    Interleave interleave,
    boolean autoRate,
    Connections connections) {

  public LoadSettings {
    java.util.Objects.requireNonNull(connections, "connections");
    java.util.Objects.requireNonNull(interleave, "interleave");
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("ratePerSecond must be > 0, was " + ratePerSecond);
    }
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException("timeoutSeconds must be >= 1, was " + timeoutSeconds);
    }
    if (!(maxErrorFraction >= 0 && maxErrorFraction <= 1)) {
      throw new IllegalArgumentException(
          "maxErrorFraction must be in [0, 1], was " + maxErrorFraction);
    }
  }
}
