package dev.djbench.runner;

import dev.djbench.scenario.Deployment;
import dev.djbench.scenario.Experiment;
import dev.djbench.scenario.Variant;
import dev.djbench.sut.app.Preparation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The larger seed of doctor's growth check: the experiment's seed options and the whole-number
 * options of its app's seed command, multiplied by the scale. An option named like a random seed
 * ({@code --seed}, {@code --random-state}) is left alone, since it chooses values rather than how
 * many; {@code --grow} names the options to scale instead.
 *
 * <p>A project whose scenario names no seed command gets djbench's generic filler, the probe's
 * {@code djbench_fill --rows 10} (after its fixtures, if it has any), so that its list pages have
 * rows to list at both sizes.
 */
final class SeedScaling {

  private static final Pattern WHOLE = Pattern.compile("\\d+");
  private static final Pattern INLINE = Pattern.compile("(--[A-Za-z0-9_-]+)=(\\d+)");

  /** The filler's command when a scenario names no seed: rows per model of the project. */
  static final String FILL = "djbench_fill --rows 10";

  /**
   * @param seed the experiment on the scenario's seed (with the filler when it names none)
   * @param seedText the seed's arguments as run ({@code seed --authors 50 --posts 500})
   * @param larger the experiment on the larger seed, when one can be made
   * @param largerText its seed's arguments; empty without one
   * @param reason why there is no larger seed; empty when there is one
   */
  record Plan(
      Experiment seed,
      String seedText,
      Optional<Experiment> larger,
      String largerText,
      String reason) {}

  private SeedScaling() {}

  static Plan of(Experiment given, double scale, List<String> grow) {
    boolean database =
        given.variants().stream()
            .anyMatch(v -> v.deployment().database() == Deployment.Database.APP);
    Experiment experiment =
        !database && given.baseline().app().seedCommand().isBlank() ? filled(given) : given;
    Variant first = experiment.baseline();
    String seedText =
        first.app().seedCommand().isBlank()
            ? ""
            : String.join(" ", Preparation.seedArguments(first.app(), experiment.seed()));
    if (database) {
      return new Plan(
          experiment,
          seedText,
          Optional.empty(),
          "",
          "it runs on the project's own database (database: app), which djbench does not re-seed");
    }
    if (first.app().seedCommand().isBlank()) {
      return new Plan(
          experiment, seedText, Optional.empty(), "", "the project's own database has no seed");
    }
    int[] scaled = {0};
    Map<String, String> seed = new LinkedHashMap<>();
    experiment
        .seed()
        .forEach(
            (k, v) -> {
              String option = "--" + k.replace('_', '-');
              if (WHOLE.matcher(v).matches() && eligible(option, grow)) {
                seed.put(k, times(v, scale));
                scaled[0]++;
              } else {
                seed.put(k, v);
              }
            });
    List<Variant> variants = new ArrayList<>();
    for (Variant v : experiment.variants()) {
      String command = scaleCommand(v.app().seedCommand(), scale, grow, scaled);
      variants.add(
          new Variant(
              v.name(),
              v.app().withSeedCommand(command),
              v.request(),
              v.deployment(),
              v.ownServer()));
    }
    if (scaled[0] == 0) {
      return new Plan(
          experiment,
          seedText,
          Optional.empty(),
          "",
          "its seed ("
              + seedText
              + ") has no whole-number option to scale"
              + (grow.isEmpty()
                  ? "; name the options that set how many rows with --grow"
                  : " among --grow " + String.join(",", grow)));
    }
    Experiment larger =
        new Experiment(
            experiment.id() + "-x" + idPart(scale),
            experiment.technique(),
            experiment.claim(),
            experiment.needs(),
            seed,
            experiment.load(),
            experiment.equivalence(),
            experiment.reset(),
            variants,
            experiment.capacity(),
            experiment.pages(),
            experiment.login());
    String largerText = String.join(" ", Preparation.seedArguments(variants.get(0).app(), seed));
    return new Plan(experiment, seedText, Optional.of(larger), largerText, "");
  }

  private static Experiment filled(Experiment experiment) {
    List<Variant> variants = new ArrayList<>();
    for (Variant v : experiment.variants()) {
      variants.add(
          new Variant(
              v.name(), v.app().withSeedCommand(FILL), v.request(), v.deployment(), v.ownServer()));
    }
    return experiment.withVariants(variants, experiment.pages());
  }

  private static String scaleCommand(
      String command, double scale, List<String> grow, int[] scaled) {
    if (command.isBlank()) {
      return command;
    }
    String[] tokens = command.trim().split("\\s+");
    for (int i = 0; i < tokens.length; i++) {
      Matcher inline = INLINE.matcher(tokens[i]);
      if (inline.matches() && eligible(inline.group(1), grow)) {
        tokens[i] = inline.group(1) + "=" + times(inline.group(2), scale);
        scaled[0]++;
      } else if (tokens[i].startsWith("--")
          && i + 1 < tokens.length
          && WHOLE.matcher(tokens[i + 1]).matches()
          && eligible(tokens[i], grow)) {
        tokens[i + 1] = times(tokens[i + 1], scale);
        scaled[0]++;
        i++;
      }
    }
    return String.join(" ", tokens);
  }

  private static boolean eligible(String option, List<String> grow) {
    String name = option.replaceFirst("^--", "").replace('_', '-').toLowerCase(Locale.ROOT);
    if (!grow.isEmpty()) {
      return grow.stream().anyMatch(g -> g.replace('_', '-').equalsIgnoreCase(name));
    }
    return !name.contains("seed") && !name.contains("random");
  }

  private static String times(String value, double scale) {
    return Long.toString(Math.round(Long.parseLong(value) * scale));
  }

  /** The scale as part of an experiment id ({@code [a-z0-9-]}): {@code 4}, {@code 2-5}. */
  private static String idPart(double v) {
    return v == Math.rint(v)
        ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%s", v).replace('.', '-');
  }
}
