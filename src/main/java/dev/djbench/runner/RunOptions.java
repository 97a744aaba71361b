package dev.djbench.runner;

import dev.djbench.analysis.Metric;
import dev.djbench.plan.Profile;
import dev.djbench.plan.ShardPlan;
import dev.djbench.scenario.Scenario;
import dev.djbench.sut.ProviderChoice;
import dev.djbench.sut.process.CpuLayout;
import dev.djbench.sut.services.ServiceKind;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a run needs, resolved and checked.
 *
 * @param scenario the suite
 * @param profile trial length and block counts
 * @param seed seeds the block orders and the bootstrap
 * @param threshold the practical threshold δ of verdicts, a fraction in [0, 1)
 * @param reportsDirectory where the run's folder is created
 * @param only experiment ids to run; empty for all
 * @param home the djbench installation
 * @param gated the metrics that decide when an experiment has enough blocks, with their thresholds
 * @param services where backing services come from ({@code --services})
 * @param serviceUrls services the user runs, by kind ({@code --service-url})
 * @param cpuLayout how CPUs are shared between the app server and the load generator
 * @param allowAppDatabaseWrites whether a {@code database: app} deployment may migrate and seed the
 *     project's own database ({@code --allow-writes-to-app-database}; on loopback only)
 * @param shard the share of the selected experiments this run measures ({@code --shard K/N});
 *     {@link ShardPlan#WHOLE} for all of them
 */
public record RunOptions(
    Scenario scenario,
    Profile profile,
    long seed,
    double threshold,
    Path reportsDirectory,
    List<String> only,
    Path home,
    java.util.Map<String, Double> gated,
    ProviderChoice services,
    java.util.Map<ServiceKind, String> serviceUrls,
    CpuLayout.Choice cpuLayout,
    boolean allowAppDatabaseWrites,
    ShardPlan shard) {

  /** Options of a plain run: client and server p50 decide, at {@code threshold}. */
  public static RunOptions forRun(
      Scenario scenario,
      Profile profile,
      long seed,
      double threshold,
      Path reports,
      List<String> only,
      Path home,
      ProviderChoice services,
      java.util.Map<ServiceKind, String> serviceUrls,
      CpuLayout.Choice cpuLayout,
      boolean allowAppDatabaseWrites,
      ShardPlan shard) {
    java.util.Map<String, Double> gated = new java.util.LinkedHashMap<>();
    Metric.RUN_GATING.forEach(m -> gated.put(m.key(), threshold));
    return new RunOptions(
        scenario,
        profile,
        seed,
        threshold,
        reports,
        only,
        home,
        gated,
        services,
        serviceUrls,
        cpuLayout,
        allowAppDatabaseWrites,
        shard);
  }

  /**
   * These options for a gate's or a calibration's run of {@code gateScenario} (its two sides in
   * place): every experiment, stopping early only on the {@code stopOn} metrics, in the gate's
   * shape of the profile ({@link Profile#forGate()}).
   */
  public RunOptions forGate(Scenario gateScenario, java.util.Map<String, Double> stopOn) {
    return new RunOptions(
        gateScenario,
        profile.forGate(),
        seed,
        threshold,
        reportsDirectory,
        List.of(),
        home,
        stopOn,
        services,
        serviceUrls,
        cpuLayout,
        allowAppDatabaseWrites,
        ShardPlan.WHOLE);
  }

  public RunOptions {
    only = List.copyOf(only);
    gated = java.util.Map.copyOf(gated);
    serviceUrls = java.util.Map.copyOf(serviceUrls);
    shard = shard == null ? ShardPlan.WHOLE : shard;
    if (!(threshold >= 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be in [0, 1), was " + threshold);
    }
  }
}
