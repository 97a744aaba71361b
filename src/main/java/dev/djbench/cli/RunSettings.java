package dev.djbench.cli;

import dev.djbench.plan.Profile;
import dev.djbench.runner.RunOptions;
import dev.djbench.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every measuring command shares: the profile, the seed, and where run folders go. */
final class RunSettings {

  @Option(
      names = {"-p", "--profile"},
      paramLabel = "PROFILE",
      defaultValue = "quick",
      description = "smoke, quick or full: trial length and blocks (default: ${DEFAULT-VALUE})")
  String profile;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "seed of the block orders (default: random, recorded)")
  Long seed;

  @Option(
      names = "--reports",
      paramLabel = "DIR",
      description = "where run folders (and calibration.json) go (default: reports/ in the home)")
  Path reports;

  Profile profile() throws BadInputException {
    return Options.profile(profile);
  }

  /**
   * The seed given, or a fresh random one (recorded in the results, so the run can be replayed).
   */
  long seed() {
    return seed != null ? seed : new java.security.SecureRandom().nextLong() >>> 1;
  }

  Path reports(Path home) {
    return reports != null ? reports : home.resolve("reports");
  }

  /**
   * The options of a run of {@code scenario} with these settings and {@code services}, its seed
   * drawn once.
   *
   * @param threshold δ of the run's verdicts
   * @param only the experiments to run; empty for all
   */
  RunOptions options(
      Scenario scenario, Path home, ServiceOptions services, double threshold, List<String> only)
      throws BadInputException {
    return RunOptions.forRun(
        scenario,
        profile(),
        seed(),
        threshold,
        reports(home),
        only,
        home,
        services.choice(),
        services.urls(),
        services.cpuLayout());
  }
}
