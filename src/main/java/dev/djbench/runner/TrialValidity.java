package dev.djbench.runner;

import dev.djbench.measure.TrialMeasurement;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a trial measured what it was meant to: the open model held (the load arrived at the rate
 * asked, and the injector kept to its schedule), the server answered, and few enough answers were
 * errors. A trial that fails any rule is kept in the results with its reasons but never enters a
 * comparison.
 */
public final class TrialValidity {

  /** Achieved rate may differ from the target by this share (evenly spaced arrivals). */
  public static final double RATE_TOLERANCE = 0.02;

  /**
   * ... or by this many requests, whichever is larger: the window's edges fall between two
   * arrivals, so a short trial can gain or lose one at each edge without the injector having missed
   * its rate.
   */
  public static final int EDGE_REQUESTS = 2;

  /** The injector's 99th-percentile lag behind its schedule may not exceed this. */
  public static final long MAX_START_LAG_P99_MICROS = 25_000;

  private TrialValidity() {}

  /**
   * The reasons {@code m} is invalid; empty when it is valid.
   *
   * @param poisson whether arrivals were Poisson: then the count itself is random, so the rate is
   *     allowed three standard deviations of a Poisson count, and the schedule lag cannot be judged
   * @param maxErrorFraction the experiment's error limit
   */
  public static List<String> reasons(TrialMeasurement m, boolean poisson, double maxErrorFraction) {
    return reasons(m, poisson, maxErrorFraction, !poisson);
  }

  /**
   * The reasons {@code m} is invalid, with the schedule lag judged or not: a merged trial of a
   * distributed run judges each part's lag on its own ({@link PartMerge}), since one part's lag is
   * not diluted by the others' being on time.
   *
   * @param judgeLag whether a p99 start lag over {@link #MAX_START_LAG_P99_MICROS} invalidates
   */
  static List<String> reasons(
      TrialMeasurement m, boolean poisson, double maxErrorFraction, boolean judgeLag) {
    List<String> reasons = new ArrayList<>();
    double expected = m.targetRatePerSecond() * m.measuredSeconds();
    double tolerance =
        poisson
            ? Math.max(RATE_TOLERANCE * expected, 3 * Math.sqrt(expected)) + 1
            : Math.max(RATE_TOLERANCE * expected, EDGE_REQUESTS);
    if (Math.abs(m.started() - expected) > tolerance) {
      reasons.add(
          String.format(
              java.util.Locale.ROOT,
              "achieved rate %.2f/s is off the target %.2f/s by more than %.0f%% (%d requests, expected %.0f)",
              m.achievedRatePerSecond(),
              m.targetRatePerSecond(),
              100 * tolerance / expected,
              m.started(),
              expected));
    }
    if (judgeLag && m.histograms().startLagMicros().getTotalCount() > 0) {
      long lagP99 = m.histograms().startLagMicros().getValueAtPercentile(99);
      if (lagP99 > MAX_START_LAG_P99_MICROS) {
        reasons.add(
            String.format(
                java.util.Locale.ROOT,
                "the load generator fell behind its schedule: p99 start lag %.1f ms (limit %.1f ms)",
                lagP99 / 1000.0,
                MAX_START_LAG_P99_MICROS / 1000.0));
      }
    }
    if (m.unfinished() > 0) {
      reasons.add(m.unfinished() + " requests had no answer when the trial ended");
    }
    if (m.started() > 0) {
      double errorFraction = m.errors() / (double) m.started();
      if (errorFraction > maxErrorFraction) {
        reasons.add(
            String.format(
                java.util.Locale.ROOT,
                "%.1f%% of requests failed (limit %.1f%%): %s",
                100 * errorFraction,
                100 * maxErrorFraction,
                m.failureMessages()));
      }
    } else {
      reasons.add("no request was sent in the measured window");
    }
    return reasons;
  }
}
