package dev.djbench.cli;

import dev.djbench.scenario.Scenario;
import dev.djbench.scenario.ScenarioException;
import dev.djbench.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the scenario a command was given (or its default), and checks it is the kind the command
 * runs.
 */
final class Scenarios {

  private Scenarios() {}

  /**
   * A suite for {@code run}. A gate scenario runs as the suite of its pages, each measured on its
   * own; {@code djbench gate} compares two revisions on it.
   */
  static Scenario forRun(Path home, Path given) throws BadInputException, ScenarioException {
    Path file = existing(home, given, "scenarios/techniques.yaml");
    Scenario loaded = new ScenarioLoader(home).load(file);
    return loaded.gate().isPresent() ? loaded.asPageSuite() : loaded;
  }

  /** A gate scenario, for {@code gate} and {@code calibrate}. */
  static Scenario forGate(Path home, Path given) throws BadInputException, ScenarioException {
    Path file = existing(home, given, "scenarios/ci-gate.yaml");
    Scenario loaded = new ScenarioLoader(home).load(file);
    if (loaded.gate().isEmpty()) {
      throw new BadInputException(
          file
              + " is not a gate scenario: it needs a 'gate:' block (metrics and thresholds) "
              + "and experiments with one 'request' each; see docs/ci.md");
    }
    return loaded;
  }

  private static Path existing(Path home, Path given, String defaultName) throws BadInputException {
    Path file = given != null ? given : home.resolve(defaultName);
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(
          "scenario file "
              + file
              + " does not exist; expected a YAML file such as "
              + home.resolve(defaultName));
    }
    return file;
  }
}
