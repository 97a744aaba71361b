package dev.djbench.scenario;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.djbench.analysis.Metric;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a scenario file into an immutable {@link Scenario}, applying {@link ScenarioDefaults}.
 *
 * <p>Every problem found is reported at once, each with the file, line, column, the value and what
 * was expected; nothing of a file with a problem is used.
 */
public final class ScenarioLoader {

  private final Path home;

  /**
   * @param home the djbench installation, where the reference app lives
   */
  public ScenarioLoader(Path home) {
    this.home = home;
  }

  /**
   * The largest scenario file read: 1 MiB. A suite of a hundred experiments is some 30 kB, and the
   * YAML parser spends about a second per megabyte on a long comment line, so a larger file is a
   * mistake (a log pasted in, a generated file gone wrong) better named than waited for.
   */
  public static final long MAX_BYTES = 1L << 20;

  /**
   * The longest line read: 64 KiB characters. The YAML parser (SnakeYAML) reads a token into a
   * window that it copies whole each time it grows by a kilobyte, so one token's time grows with
   * the square of its length: a megabyte-long comment line takes a second, where a megabyte of
   * short lines takes tens of milliseconds. With lines bounded, the loader's time grows in
   * proportion to the file's size (docs/PERFORMANCE.md, "The scenario loader").
   */
  public static final int MAX_LINE_CHARS = 1 << 16;

  public Scenario load(Path file) throws ScenarioException {
    String text;
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new ScenarioException(
            List.of(
                new ScenarioException.Problem(
                    file,
                    0,
                    0,
                    "",
                    String.format(
                        java.util.Locale.ROOT,
                        "the file is %,d bytes; a scenario file may have at most %,d bytes (1 MiB)",
                        size,
                        MAX_BYTES))));
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ScenarioException(
          List.of(
              new ScenarioException.Problem(
                  file, 0, 0, "", "cannot read the scenario file: " + e.getMessage())));
    }
    return parse(file, text);
  }

  /** Refuses a text with a line over {@link #MAX_LINE_CHARS}, naming every such line (up to 5). */
  static void refuseLongLines(Path file, String text) throws ScenarioException {
    List<ScenarioException.Problem> problems = new ArrayList<>();
    int line = 1;
    int start = 0;
    for (int i = 0; i <= text.length() && problems.size() < 5; i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        int length = i - start;
        if (length > MAX_LINE_CHARS) {
          problems.add(
              new ScenarioException.Problem(
                  file,
                  line,
                  1,
                  "",
                  String.format(
                      java.util.Locale.ROOT,
                      "line %d is %,d characters long; a scenario file's lines may have at most"
                          + " %,d. Break it up: a long comment into several comment lines, a long"
                          + " string into a quoted string over several lines or a block scalar"
                          + " ('>' or '|')",
                      line,
                      length,
                      MAX_LINE_CHARS)));
        }
        line++;
        start = i + 1;
      }
    }
    if (!problems.isEmpty()) {
      throw new ScenarioException(problems);
    }
  }

  /**
   * Parses {@code text} as if read from {@code file} (which names it in messages and anchors
   * relative paths).
   */
  public Scenario parse(Path file, String text) throws ScenarioException {
    refuseLongLines(file, text);
    JsonNode root;
    YamlLocations locations;
    try {
      root = new YAMLMapper().readTree(text);
      locations = YamlLocations.index(text);
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      throw new ScenarioException(
          List.of(
              new ScenarioException.Problem(
                  file,
                  at == null ? 0 : at.getLineNr(),
                  at == null ? 0 : at.getColumnNr(),
                  "",
                  "not valid YAML: " + e.getOriginalMessage())));
    } catch (IOException e) {
      throw new ScenarioException(
          List.of(new ScenarioException.Problem(file, 0, 0, "", e.getMessage())));
    }
    Problems problems = new Problems(file, locations);
    if (root == null || root.isMissingNode()) {
      problems.addMessage(
          "", "the file is empty; expected a mapping with 'suite' and 'experiments'");
      problems.throwIfAny();
    }
    Fields top = Fields.of(root, "", problems, "a scenario");
    top.allowOnly(ScenarioSchema.SCENARIO.names());
    String suite = top.string("suite", true).orElse("");
    AppSpec app = app(top, file, problems);
    Fields defaults = top.child("defaults", "the defaults");
    defaults.allowOnly(ScenarioSchema.DEFAULTS.names());
    Deployment baseDeployment =
        SettingsReader.overlay(
            defaults.child("deployment", "a deployment"), ScenarioDefaults.DEPLOYMENT);
    LoadSettings baseLoad =
        SettingsReader.load(defaults.child("load", "load settings"), ScenarioDefaults.LOAD);
    Optional<GateSpec> gateSpec =
        top.has("gate")
            ? Optional.of(gate(top.child("gate", "gate thresholds"), problems))
            : Optional.empty();

    List<Experiment> experiments = new ArrayList<>();
    JsonNode list = top.raw("experiments");
    if (list == null || list.isNull()) {
      problems.addMessage("", "missing required key 'experiments'");
    } else if (!list.isArray() || list.isEmpty()) {
      problems.add("/experiments", list, "a non-empty list of experiments");
    } else {
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        Fields fields = Fields.of(list.get(i), "/experiments/" + i, problems, "an experiment");
        ExperimentReader.experiment(
                fields, app, gateSpec.isPresent(), baseDeployment, baseLoad, problems)
            .ifPresent(
                e -> {
                  if (!ids.add(e.id())) {
                    problems.add(
                        fields.pointer("id"),
                        fields.raw("id"),
                        "an id not used by another experiment");
                  }
                  experiments.add(e);
                });
      }
    }
    if (app.remote()) {
      urlTargetProblems(root, problems);
    }
    problems.throwIfAny();
    return new Scenario(file, suite, app, experiments, gateSpec);
  }

  private static GateSpec gate(Fields f, Problems problems) {
    f.allowOnly(ScenarioSchema.GATE.names());
    java.util.Map<String, java.util.OptionalDouble> thresholds = new LinkedHashMap<>();
    for (String key : Metric.yamlKeys()) {
      JsonNode value = f.raw(key);
      if (value == null || value.isNull()) {
        continue;
      }
      if (value.isTextual() && value.asText().equals("auto")) {
        thresholds.put(key, java.util.OptionalDouble.empty());
        continue;
      }
      f.parsed(
              key,
              v -> Units.fraction(v).filter(x -> x < 1),
              "a percentage below 100% like '5%', or 'auto' (the " + "calibrated δ)")
          .ifPresent(x -> thresholds.put(key, java.util.OptionalDouble.of(x)));
    }
    if (f.present() && thresholds.isEmpty() && problems.isEmpty()) {
      problems.addMessage(
          f.pointer(),
          "no metric to gate on; expected some of: " + String.join(", ", Metric.yamlKeys()));
    }
    return new GateSpec(thresholds);
  }

  private AppSpec app(Fields top, Path file, Problems problems) {
    AppSpec reference = ScenarioDefaults.referenceApp(home);
    JsonNode value = top.raw("app");
    if (value == null || value.isNull()) {
      return reference;
    }
    Path base = file.toAbsolutePath().getParent();
    if (value.isTextual()) {
      return checkedDirectory(
              base.resolve(value.asText()).normalize(), top.pointer("app"), value, problems)
          .map(dir -> project(dir, reference, Optional.empty(), top.pointer("app"), problems))
          .orElse(reference);
    }
    Fields fields = top.child("app", "the app: a directory, or a mapping with 'path' or 'url'");
    fields.allowOnly(ScenarioSchema.APP.names());
    if (fields.has("url")) {
      return urlTarget(fields, base, problems);
    }
    Optional<Path> dir =
        fields
            .string("path", true)
            .flatMap(
                p ->
                    checkedDirectory(
                        base.resolve(p).normalize(),
                        fields.pointer("path"),
                        fields.raw("path"),
                        problems));
    if (dir.isEmpty()) {
      return reference;
    }
    AppSpec found =
        project(
            dir.get(),
            reference,
            fields.string("settings", false),
            fields.pointer("path"),
            problems);
    return new AppSpec(
        found.directory(),
        fields.string("wsgi", false).orElse(found.wsgiApplication()),
        fields.string("asgi", false).orElse(found.asgiApplication()),
        fields.string("health", false).orElse(found.healthPath()),
        fields.has("seed_command")
            ? fields.string("seed_command", false).orElse("")
            : found.seedCommand(),
        found.settingsModule(),
        fields.stringList("fixtures"),
        fields.string("python", false).map(p -> base.resolve(p).normalize().toString()).orElse(""));
  }

  /** The keys of {@code app} that a deployment at a URL can have besides {@code url}. */
  private static final Set<String> URL_TARGET_KEYS = Set.of("url", "health");

  /**
   * {@code app: {url: …}}: a deployment djbench did not start. Its URL is an origin, {@code
   * http(s)://host[:port]}, since each request names its own path; the keys that start, migrate or
   * seed a project have nothing to act on.
   */
  private static AppSpec urlTarget(Fields fields, Path base, Problems problems) {
    for (String key : ScenarioSchema.APP.names()) {
      if (!URL_TARGET_KEYS.contains(key) && fields.has(key)) {
        problems.addAtKey(
            fields.pointer(key),
            "'"
                + key
                + "' cannot be given with 'url': djbench does not start, migrate or seed a"
                + " deployment at a URL; give 'path' for a project djbench starts, or 'url' alone");
      }
    }
    String text = fields.string("url", true).orElse("");
    java.util.Optional<String> normalized = origin(text);
    if (normalized.isEmpty()) {
      problems.add(fields.pointer("url"), fields.raw("url"), ORIGIN_EXPECTED);
      return AppSpec.atUrl(base, "http://127.0.0.1", "/");
    }
    return AppSpec.atUrl(base, normalized.get(), fields.string("health", false).orElse("/"));
  }

  /** What a deployment's URL must be, for messages about one that is not. */
  public static final String ORIGIN_EXPECTED =
      "the origin of a deployment, http(s)://host[:port] (no path, query or credentials: each"
          + " request names its own path)";

  /**
   * {@code text} as the origin of a deployment, {@code http(s)://host[:port]} with scheme and host
   * in lower case; empty when it is not one (a path, a query, credentials, another scheme).
   */
  public static java.util.Optional<String> origin(String text) {
    java.net.URI uri;
    try {
      uri = new java.net.URI(text.trim());
    } catch (java.net.URISyntaxException e) {
      return java.util.Optional.empty();
    }
    boolean origin =
        uri.getScheme() != null
            && (uri.getScheme().equalsIgnoreCase("http")
                || uri.getScheme().equalsIgnoreCase("https"))
            && uri.getHost() != null
            && uri.getRawUserInfo() == null
            && (uri.getRawPath() == null
                || uri.getRawPath().isEmpty()
                || uri.getRawPath().equals("/"))
            && uri.getRawQuery() == null
            && uri.getRawFragment() == null;
    if (!origin) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        uri.getScheme().toLowerCase(java.util.Locale.ROOT)
            + "://"
            + uri.getRawAuthority().toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * What a scenario of a deployment at a URL cannot ask for: djbench starts no server there, so a
   * deployment, a matrix of them, a seed or a login (made in the app's own database) have nothing
   * to act on. Each is named at its line.
   */
  private static void urlTargetProblems(JsonNode root, Problems problems) {
    String why =
        " cannot apply to a deployment at a URL (app.url): djbench does not start, configure or"
            + " seed it; measure it as it is deployed, or give app.path for a project djbench starts";
    JsonNode defaults = root.get("defaults");
    if (defaults != null && defaults.has("deployment")) {
      problems.addAtKey("/defaults/deployment", "'deployment'" + why);
    }
    JsonNode list = root.get("experiments");
    if (list == null || !list.isArray()) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode e = list.get(i);
      for (String key : List.of("deployment", "matrix", "seed", "login")) {
        if (e.has(key)) {
          problems.addAtKey("/experiments/" + i + "/" + key, "'" + key + "'" + why);
        }
      }
      JsonNode variants = e.get("variants");
      if (variants != null && variants.isObject()) {
        var names = variants.fieldNames();
        while (names.hasNext()) {
          String name = names.next();
          JsonNode v = variants.get(name);
          if (v.isObject() && v.has("deployment")) {
            problems.addAtKey(
                "/experiments/" + i + "/variants/" + name + "/deployment", "'deployment'" + why);
          }
        }
      }
    }
  }

  /**
   * The project in {@code dir}: what its manage.py says (or the settings module given), with no
   * seed command and {@code /} as health check; or, for the reference app (any copy or revision of
   * it, known by its settings module), the reference app's spec at {@code dir}.
   */
  private static AppSpec project(
      Path dir, AppSpec reference, Optional<String> settings, String pointer, Problems problems) {
    ProjectLayout layout;
    if (settings.isPresent()) {
      layout = ProjectLayout.of(dir, settings.get());
    } else {
      ProjectLayout.Result found = ProjectLayout.discover(dir);
      if (found.layout().isEmpty()) {
        problems.addMessage(pointer, found.problem());
        return reference;
      }
      layout = found.layout().get();
    }
    if (layout.settingsModule().equals(reference.settingsModule())) {
      return reference.at(dir);
    }
    return new AppSpec(
        dir,
        layout.wsgiApplication(),
        layout.asgiApplication(),
        ScenarioDefaults.PROJECT_HEALTH_PATH,
        "",
        layout.settingsModule(),
        List.of(),
        "");
  }

  private static Optional<Path> checkedDirectory(
      Path dir, String pointer, JsonNode value, Problems problems) {
    if (!Files.isRegularFile(dir.resolve("manage.py"))) {
      problems.add(
          pointer,
          value,
          "a Django project directory (with manage.py), relative to the scenario file; "
              + dir
              + " has no manage.py");
      return Optional.empty();
    }
    return Optional.of(dir);
  }
}
