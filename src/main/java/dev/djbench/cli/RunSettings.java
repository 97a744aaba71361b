package dev.djbench.cli;

import dev.djbench.plan.Profile;
import dev.djbench.runner.RunOptions;
import dev.djbench.scenario.Deployment;
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

  @Option(
      names = "--allow-writes-to-app-database",
      description =
          "with 'database: app', let djbench migrate and seed the database the project's own"
              + " settings name (refused unless it is on this machine)")
  boolean allowAppDatabaseWrites;

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
   * @param shard the share of them this run measures
   */
  RunOptions options(
      Scenario scenario,
      Path home,
      ServiceOptions services,
      double threshold,
      List<String> only,
      dev.djbench.plan.ShardPlan shard)
      throws BadInputException {
    for (var experiment : scenario.experiments()) {
      for (var variant : experiment.variants()) {
        boolean writes =
            !variant.app().seedCommand().isEmpty() || !variant.app().fixtures().isEmpty();
        if (variant.deployment().database() == Deployment.Database.APP
            && writes
            && !allowAppDatabaseWrites) {
          throw new BadInputException(
              scenario.file()
                  + ": "
                  + experiment.id()
                  + " runs on 'database: app', the project's own database, and its app has a"
                  + " seed_command or fixtures that would write to it; pass"
                  + " --allow-writes-to-app-database (a database on this machine only), or measure"
                  + " on djbench's own database (database: sqlite or postgres)");
        }
      }
    }
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
        services.cpuLayout(),
        allowAppDatabaseWrites,
        shard);
  }
}
