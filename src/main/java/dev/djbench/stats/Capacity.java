package dev.djbench.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Capacity at an SLO: a bounded search for the highest arrival rate at which a probe passes, i.e.
 * {@code p99Micros <= sloP99Micros} and {@code errorFraction < maxErrorFraction}.
 *
 * <p>Search: probe {@code lowRatePerSec}; then double the rate (capped at {@code highRatePerSec})
 * until a probe fails; then bisect the bracket [last passing, first failing] until its width is at
 * most {@code relativeResolution * lastPassing} or {@code maxProbes} probes have been made. The
 * search assumes that passing is monotone in the rate (passes below a knee, fails above it) and is
 * deterministic for a deterministic probe function; with real, noisy probes the bracket is what was
 * observed, not a confidence interval.
 */
public final class Capacity {

  /**
   * What one probe measured.
   *
   * @param p99Micros 99th-percentile latency in microseconds, {@code >= 0} and finite
   * @param errorFraction fraction of failed requests, in [0, 1]
   * @throws IllegalArgumentException if an argument is outside its range
   */
  public record ProbeResult(double p99Micros, double errorFraction) {
    public ProbeResult {
      if (!(p99Micros >= 0) || !Double.isFinite(p99Micros)) {
        throw new IllegalArgumentException("p99Micros must be >= 0 and finite, was " + p99Micros);
      }
      if (!(errorFraction >= 0 && errorFraction <= 1)) {
        throw new IllegalArgumentException("errorFraction must be in [0, 1], was " + errorFraction);
      }
    }
  }

  /**
   * One probe made by the search.
   *
   * @param ratePerSec arrival rate probed, requests per second
   * @param result what the probe measured
   * @param passed whether it met the SLO
   */
  public record Probe(double ratePerSec, ProbeResult result, boolean passed) {
    public Probe {
      Args.positiveFinite("ratePerSec", ratePerSec);
      Args.notNull("result", result);
    }
  }

  /** How the search ended. */
  public enum Outcome {
    /** A passing and a failing rate were found; capacity lies in the bracket. */
    BRACKETED,
    /** Even the high bound passed: capacity is at least {@code highRatePerSec}. */
    ABOVE_RANGE,
    /** The low bound failed: capacity is below {@code lowRatePerSec} (reported as 0). */
    BELOW_RANGE,
    /** The probe budget ran out before any rate failed. */
    BUDGET_EXHAUSTED
  }

  /**
   * Search result.
   *
   * @param outcome how the search ended
   * @param capacityPerSec highest passing rate seen (the bracket's lower end), 0 if none passed
   * @param lastPassingPerSec lower end of the bracket, 0 if no rate passed
   * @param firstFailingPerSec upper end of the bracket (lowest failing rate seen), +infinity if
   *     none failed
   * @param probes every probe in the order made
   */
  public record Result(
      Outcome outcome,
      double capacityPerSec,
      double lastPassingPerSec,
      double firstFailingPerSec,
      List<Probe> probes) {
    public Result {
      Args.notNull("outcome", outcome);
      probes = List.copyOf(Args.notNull("probes", probes));
    }
  }

  private final double sloP99Micros;
  private final double maxErrorFraction;
  private final double lowRatePerSec;
  private final double highRatePerSec;
  private final int maxProbes;
  private final double relativeResolution;

  /**
   * @param sloP99Micros p99 latency objective in microseconds, &gt; 0 and finite
   * @param maxErrorFraction a probe passes only with an error fraction strictly below this, in (0,
   *     1], e.g. 0.01
   * @param lowRatePerSec lowest rate to probe, &gt; 0 and finite
   * @param highRatePerSec highest rate to probe, finite and {@code >= lowRatePerSec}
   * @param maxProbes probe budget, {@code >= 2}
   * @param relativeResolution stop bisecting when the bracket is at most this fraction of its lower
   *     end, in (0, 1)
   * @throws IllegalArgumentException if an argument is outside its range
   */
  public Capacity(
      double sloP99Micros,
      double maxErrorFraction,
      double lowRatePerSec,
      double highRatePerSec,
      int maxProbes,
      double relativeResolution) {
    this.sloP99Micros = Args.positiveFinite("sloP99Micros", sloP99Micros);
    if (!(maxErrorFraction > 0 && maxErrorFraction <= 1)) {
      throw new IllegalArgumentException(
          "maxErrorFraction must be in (0, 1], was " + maxErrorFraction);
    }
    this.maxErrorFraction = maxErrorFraction;
    this.lowRatePerSec = Args.positiveFinite("lowRatePerSec", lowRatePerSec);
    Args.positiveFinite("highRatePerSec", highRatePerSec);
    if (highRatePerSec < lowRatePerSec) {
      throw new IllegalArgumentException(
          "highRatePerSec must be >= lowRatePerSec=" + lowRatePerSec + ", was " + highRatePerSec);
    }
    this.highRatePerSec = highRatePerSec;
    this.maxProbes = Args.atLeast("maxProbes", maxProbes, 2);
    this.relativeResolution = Args.level("relativeResolution", relativeResolution);
  }

  /** Whether a probe result meets the SLO. */
  public boolean passes(ProbeResult result) {
    Args.notNull("result", result);
    return result.p99Micros() <= sloP99Micros && result.errorFraction() < maxErrorFraction;
  }

  /**
   * Runs the search.
   *
   * @param probe runs a probe at the given rate (requests per second); must not return null
   * @throws IllegalArgumentException if {@code probe} is null
   * @throws IllegalStateException if {@code probe} returns null
   */
  public Result search(DoubleFunction<ProbeResult> probe) {
    Args.notNull("probe", probe);
    List<Probe> probes = new ArrayList<>();
    if (!run(probe, lowRatePerSec, probes)) {
      return new Result(Outcome.BELOW_RANGE, 0, 0, lowRatePerSec, probes);
    }
    double pass = lowRatePerSec;
    double fail = Double.POSITIVE_INFINITY;
    while (fail == Double.POSITIVE_INFINITY) {
      if (pass >= highRatePerSec) {
        return new Result(Outcome.ABOVE_RANGE, pass, pass, fail, probes);
      }
      if (probes.size() >= maxProbes) {
        return new Result(Outcome.BUDGET_EXHAUSTED, pass, pass, fail, probes);
      }
      double rate = Math.min(2 * pass, highRatePerSec);
      if (run(probe, rate, probes)) {
        pass = rate;
      } else {
        fail = rate;
      }
    }
    while (probes.size() < maxProbes && fail - pass > relativeResolution * pass) {
      double rate = 0.5 * (pass + fail);
      if (run(probe, rate, probes)) {
        pass = rate;
      } else {
        fail = rate;
      }
    }
    return new Result(Outcome.BRACKETED, pass, pass, fail, probes);
  }

  private boolean run(DoubleFunction<ProbeResult> probe, double ratePerSec, List<Probe> probes) {
    ProbeResult result = probe.apply(ratePerSec);
    if (result == null) {
      throw new IllegalStateException("probe returned null at " + ratePerSec + " requests/s");
    }
    boolean passed = passes(result);
    probes.add(new Probe(ratePerSec, result, passed));
    return passed;
  }
}
