package dev.djbench.runner;

import dev.djbench.results.CapacityResult;
import dev.djbench.scenario.CapacitySpec;
import dev.djbench.scenario.Deployment;
import dev.djbench.scenario.Deployment.Server;
import dev.djbench.scenario.Deployment.WorkerClass;
import dev.djbench.scenario.Experiment;
import dev.djbench.scenario.Variant;
import dev.djbench.stats.Median;
import dev.djbench.sut.ExperimentServers;
import dev.djbench.sut.process.TargetException;
import java.io.IOException;
import java.util.Map;

/**
 * {@code load: {rate: auto}}: the experiment's rate from a quick capacity probe of its slowest
 * variant, so that as many requests as the machine allows go into every trial and a tail percentile
 * becomes estimable where it can (a p99 needs 1,000 requests in a trial).
 *
 * <ol>
 *   <li>Each variant answers {@value #WARM} requests that are discarded, then {@value #TIMED} one
 *       at a time; the variant with the highest median time is the slowest.
 *   <li>That variant's capacity is searched ({@link CapacitySearch}: doubling, then bisection; each
 *       probe a full trial) from {@code workers × threads / (4 × median)} up to 32 times that, at
 *       most {@value #PROBES} probes. A rate holds while its p99 stays within {@value #KNEE} times
 *       the unloaded median (at least {@value #MIN_OBJECTIVE_MILLIS} ms), errors stay under the
 *       experiment's limit and the load generator keeps the schedule: past that, requests queue.
 *   <li>The experiment runs at half the highest rate that held, in whole requests a second: a load
 *       with room below the knee, where every variant keeps its schedule.
 * </ol>
 *
 * The probe's figures are kept in the experiment's result as a capacity of the slowest variant; its
 * trials are not compared and not journaled.
 */
final class AutoRate {

  static final int WARM = 2;
  static final int TIMED = 5;
  static final int PROBES = 8;
  static final double KNEE = 10;
  static final long MIN_OBJECTIVE_MILLIS = 25;

  /** The chosen rate, and the probe it came from. */
  record Choice(double ratePerSecond, String variant, long medianMicros, CapacityResult probe) {}

  private AutoRate() {}

  /** Times each variant unloaded and returns the slowest, with its median time in microseconds. */
  static Map.Entry<Variant, Long> slowest(Experiment experiment, ExperimentServers running)
      throws TargetException {
    Variant slowest = null;
    long slowestMicros = -1;
    for (Variant variant : experiment.variants()) {
      double[] micros = new double[TIMED];
      for (int i = 0; i < WARM + TIMED; i++) {
        long start = System.nanoTime();
        var response = EquivalenceCheck.fetch(running.of(variant), variant.request(), Map.of());
        long took = (System.nanoTime() - start) / 1000;
        if (response.status() >= 500) {
          throw new TargetException(
              "rate: auto could not time "
                  + experiment.id()
                  + "/"
                  + variant.name()
                  + ": "
                  + variant.request()
                  + " answered "
                  + response.status());
        }
        if (i >= WARM) {
          micros[i - WARM] = took;
        }
      }
      long median = Math.round(Median.of(micros));
      if (median > slowestMicros) {
        slowest = variant;
        slowestMicros = median;
      }
    }
    return Map.entry(slowest, Math.max(1, slowestMicros));
  }

  /**
   * The capacity search of the slowest variant, for a server that works on {@code concurrency}
   * requests at once.
   */
  static CapacitySpec spec(long medianMicros, int concurrency, double maxErrorFraction) {
    double perSecond = 1e6 / medianMicros;
    double from = Math.max(1, Math.floor(concurrency * perSecond / 4));
    long objective = Math.max(MIN_OBJECTIVE_MILLIS * 1000, Math.round(KNEE * medianMicros));
    double errors = maxErrorFraction > 0 && maxErrorFraction < 1 ? maxErrorFraction : 0.01;
    return new CapacitySpec(objective, errors, from, 32 * from, PROBES);
  }

  /**
   * The rate of a search's result: half the highest rate that held, at least 1/s; half the top of
   * the range when even that held.
   *
   * @throws TargetException when not even the lowest rate held
   */
  static double rateOf(String experiment, CapacityResult result) throws TargetException {
    double held = result.lastPassingPerSecond();
    if (!(held > 0)) {
      throw new TargetException(
          "rate: auto found no rate that "
              + experiment
              + "/"
              + result.variant()
              + " holds: at "
              + result.probes().get(0).ratePerSecond()
              + "/s its p99 was "
              + result.probes().get(0).p99Micros() / 1000.0
              + " ms against an objective of "
              + result.sloP99Micros() / 1000.0
              + " ms; set load.rate for this experiment");
    }
    return Math.max(1, Math.floor(held / 2));
  }

  /** Requests the variant's server works on at once, at most: processes × threads. */
  static int concurrency(Deployment d) {
    if (d.server() == Server.RUNSERVER) {
      return 1;
    }
    return d.workers() * (d.workerClass() == WorkerClass.GTHREAD ? d.threads() : 1);
  }

  static Choice choose(
      Experiment experiment,
      ExperimentServers running,
      java.util.function.Function<Variant, CapacitySearch.Prober> probers,
      Progress progress)
      throws TargetException, IOException {
    var slowest = slowest(experiment, running);
    Variant variant = slowest.getKey();
    long median = slowest.getValue();
    int concurrency = concurrency(variant.deployment());
    CapacitySpec spec = spec(median, concurrency, experiment.load().maxErrorFraction());
    progress.say(
        "  [%s] rate: auto: %s is the slowest variant (median %.1f ms unloaded); probing its"
            + " capacity from %.0f/s, p99 objective %.0f ms",
        experiment.id(),
        variant.name(),
        median / 1000.0,
        spec.fromRatePerSecond(),
        spec.sloP99Micros() / 1000.0);
    CapacityResult result =
        CapacitySearch.run(
            variant.name(),
            spec,
            probers.apply(variant),
            running.of(variant).baseUrl().resolve(variant.app().healthPath()),
            progress);
    double rate = rateOf(experiment.id(), result);
    progress.say(
        "  [%s] rate: auto: %s held %.1f/s (%s); measuring every variant at %.0f/s",
        experiment.id(), variant.name(), result.lastPassingPerSecond(), result.outcome(), rate);
    return new Choice(rate, variant.name(), median, result);
  }
}
