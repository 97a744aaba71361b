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

  /**
   * A suite for {@code run}, whose deployment at a URL (if it is one) is on loopback or named in
   * {@code allowRemote}: checked before any request is sent.
   */
  static Scenario forRun(Path home, Path given, java.util.List<String> allowRemote)
      throws BadInputException, ScenarioException {
    Scenario loaded = forRun(home, given);
    if (loaded.app().remote()) {
      try {
        dev.djbench.sut.UrlTarget.checkAllowed(
            java.net.URI.create(loaded.app().url()), allowRemote);
      } catch (IllegalArgumentException e) {
        throw new BadInputException(loaded.file() + ": app.url " + e.getMessage());
      }
    }
    return loaded;
  }

  /**
   * A suite for {@code inject}: {@link #forRun(Path, Path, java.util.List)}, or with both URLs a
   * gate scenario whose baseline and candidate are the deployments at them, each on loopback or
   * named in {@code allowRemote}.
   */
  static Scenario forInject(
      Path home,
      Path given,
      java.util.List<String> allowRemote,
      String baselineUrl,
      String candidateUrl)
      throws BadInputException, ScenarioException {
    if (baselineUrl == null && candidateUrl == null) {
      return forRun(home, given, allowRemote);
    }
    if (baselineUrl == null || candidateUrl == null) {
      throw new BadInputException(
          (baselineUrl == null ? "--candidate-url" : "--baseline-url")
              + " needs "
              + (baselineUrl == null ? "--baseline-url" : "--candidate-url")
              + ": a gate of deployments compares the two");
    }
    Scenario loaded = gateScenario(home, given);
    String baseline = origin("--baseline-url", baselineUrl, allowRemote);
    String candidate = origin("--candidate-url", candidateUrl, allowRemote);
    if (baseline.equals(candidate)) {
      throw new BadInputException(
          "--baseline-url and --candidate-url are both "
              + baseline
              + ": a gate compares two deployments (to measure one, list its pages as variants and"
              + " use djbench inject without them)");
    }
    return loaded.atGateUrls(baseline, candidate);
  }

  private static String origin(String option, String value, java.util.List<String> allowRemote)
      throws BadInputException {
    String origin =
        ScenarioLoader.origin(value)
            .orElseThrow(
                () ->
                    new BadInputException(
                        option + " " + value + ": expected " + ScenarioLoader.ORIGIN_EXPECTED));
    try {
      dev.djbench.sut.UrlTarget.checkAllowed(java.net.URI.create(origin), allowRemote);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(option + " " + e.getMessage());
    }
    return origin;
  }

  /**
   * Refuses a deployment at a URL for a command that starts the app itself ({@code command}: a
   * gate, a calibration, the doctor).
   */
  static Scenario startedByDjbench(Scenario loaded, String command, String why)
      throws BadInputException {
    if (loaded.app().remote()) {
      throw new BadInputException(
          loaded.file()
              + ": app.url "
              + loaded.app().url()
              + " is a deployment djbench did not start, and djbench "
              + command
              + " "
              + why
              + "; measure it with djbench run");
    }
    return loaded;
  }

  /** A gate scenario, for {@code gate} and {@code calibrate}. */
  static Scenario forGate(Path home, Path given) throws BadInputException, ScenarioException {
    return startedByDjbench(
        gateScenario(home, given),
        "gate",
        "starts each revision (or each side of a calibration) from its checkout");
  }

  /** The scenario given (or the default gate's), refused unless it has a gate block. */
  private static Scenario gateScenario(Path home, Path given)
      throws BadInputException, ScenarioException {
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
