package dev.djbench.scenario;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.djbench.analysis.Metric;
import dev.djbench.scenario.Deployment.CacheBackend;
import dev.djbench.scenario.Deployment.Database;
import dev.djbench.scenario.Deployment.Server;
import dev.djbench.scenario.Deployment.StaticFiles;
import dev.djbench.scenario.Deployment.WorkerClass;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a scenario file into an immutable {@link Scenario}, applying {@link ScenarioDefaults}.
 *
 * <p>Every problem found is reported at once, each with the file, line, column, the value and what
 * was expected; nothing of a file with a problem is used.
 */
public final class ScenarioLoader {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern SEED_OPTION = Pattern.compile("[a-z][a-z0-9_-]*");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");
  private static final String[] DEPLOYMENT_KEYS = {
    "server",
    "worker_class",
    "workers",
    "threads",
    "database",
    "cache",
    "debug",
    "conn_max_age",
    "static",
    "nginx",
    "nginx_cache",
    "env"
  };

  /**
   * Components an experiment may name in {@code needs}: services djbench starts and Python packages
   * it checks.
   */
  public static final List<String> KNOWN_NEEDS =
      List.of(
          "postgres",
          "redis",
          "memcached",
          "nginx",
          "celery",
          "upstream",
          "uvicorn",
          "gevent",
          "whitenoise",
          "djangorestframework",
          "psycopg2",
          "redis-py",
          "pymemcache",
          "django-redis");

  private final Path home;

  /**
   * @param home the djbench installation, where the reference app lives
   */
  public ScenarioLoader(Path home) {
    this.home = home;
  }

  public Scenario load(Path file) throws ScenarioException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ScenarioException(
          List.of(
              new ScenarioException.Problem(
                  file, 0, 0, "", "cannot read the scenario file: " + e.getMessage())));
    }
    return parse(file, text);
  }

  /**
   * Parses {@code text} as if read from {@code file} (which names it in messages and anchors
   * relative paths).
   */
  public Scenario parse(Path file, String text) throws ScenarioException {
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
    top.allowOnly("suite", "app", "defaults", "gate", "experiments");
    String suite = top.string("suite", true).orElse("");
    AppSpec app = app(top, file, problems);
    Fields defaults = top.child("defaults", "the defaults");
    defaults.allowOnly("deployment", "load");
    Deployment baseDeployment =
        overlay(defaults.child("deployment", "a deployment"), ScenarioDefaults.DEPLOYMENT);
    LoadSettings baseLoad = load(defaults.child("load", "load settings"), ScenarioDefaults.LOAD);
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
        experiment(fields, app, gateSpec.isPresent(), baseDeployment, baseLoad, problems)
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
    problems.throwIfAny();
    return new Scenario(file, suite, app, experiments, gateSpec);
  }

  private static GateSpec gate(Fields f, Problems problems) {
    f.allowOnly(Metric.yamlKeys().toArray(String[]::new));
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
          .map(
              dir ->
                  new AppSpec(
                      dir,
                      reference.wsgiApplication(),
                      reference.asgiApplication(),
                      reference.healthPath(),
                      reference.seedCommand()))
          .orElse(reference);
    }
    Fields fields = top.child("app", "the app: a directory, or a mapping with 'path'");
    fields.allowOnly("path", "wsgi", "asgi", "health", "seed_command");
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
    return new AppSpec(
        dir.orElse(reference.directory()),
        fields.string("wsgi", false).orElse(reference.wsgiApplication()),
        fields.string("asgi", false).orElse(reference.asgiApplication()),
        fields.string("health", false).orElse(reference.healthPath()),
        fields.has("seed_command") ? fields.string("seed_command", false).orElse("") : "");
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

  private Optional<Experiment> experiment(
      Fields f,
      AppSpec app,
      boolean gate,
      Deployment baseDeployment,
      LoadSettings baseLoad,
      Problems problems) {
    if (!f.present()) {
      return Optional.empty();
    }
    f.allowOnly(
        "id",
        "technique",
        "claim",
        "needs",
        "seed",
        "equivalence",
        "reset",
        "request",
        "deployment",
        "load",
        "variants",
        "matrix",
        "capacity");
    Optional<String> id = f.string("id", true);
    if (id.isPresent() && !ID.matcher(id.get()).matches()) {
      problems.add(
          f.pointer("id"),
          f.raw("id"),
          "lower-case letters, digits and dashes, like 'select-related'");
    }
    String technique = f.string("technique", false).orElse(id.orElse(""));
    String claim = f.string("claim", false).orElse("");
    List<String> needs = f.stringList("needs");
    for (int i = 0; i < needs.size(); i++) {
      if (!KNOWN_NEEDS.contains(needs.get(i))) {
        problems.add(
            f.pointer("needs") + "/" + i,
            f.raw("needs").get(i),
            "one of: " + String.join(", ", KNOWN_NEEDS));
      }
    }
    Map<String, String> seed = f.scalarMap("seed");
    seed.keySet().stream()
        .filter(k -> !SEED_OPTION.matcher(k).matches())
        .forEach(
            k ->
                problems.add(
                    f.pointer("seed") + "/" + k,
                    JsonNodeFactory.instance.textNode(k),
                    "a seed option name such as 'posts' (lower case)"));
    // Two revisions may change a page on purpose; a gate only insists that both answer with the
    // same status.
    Equivalence equivalence =
        f.choice("equivalence", Equivalence.class)
            .orElse(gate ? Equivalence.STATUS : Equivalence.SAME);
    Optional<RequestSpec> sharedRequest = request(f, "request", problems);
    Optional<RequestSpec> reset = request(f, "reset", problems);
    Deployment deployment = overlay(f.child("deployment", "a deployment"), baseDeployment);
    LoadSettings load = load(f.child("load", "load settings"), baseLoad);

    List<Variant> variants = new ArrayList<>();
    boolean hasVariants = f.has("variants");
    boolean hasMatrix = f.has("matrix");
    if (gate) {
      // A gate measures one request on two checkouts: the variants are the baseline and the
      // candidate.
      if (hasVariants || hasMatrix) {
        problems.addMessage(
            f.pointer(hasVariants ? "variants" : "matrix"),
            "a gate scenario's experiments have one "
                + "'request' and no variants or matrix: the gate compares the baseline and candidate checkouts");
      } else if (sharedRequest.isEmpty()) {
        problems.addMessage(
            f.pointer(),
            "missing 'request': each experiment of a gate scenario names the request it measures");
      } else {
        variants.add(new Variant(GateSpec.BASELINE, app, sharedRequest.get(), deployment));
        variants.add(new Variant(GateSpec.CANDIDATE, app, sharedRequest.get(), deployment));
      }
    } else if (hasVariants == hasMatrix) {
      problems.addMessage(
          f.pointer(),
          hasVariants
              ? "both 'variants' and 'matrix' are given; expected one of them"
              : "missing 'variants' (named variants) or 'matrix' (deployment values to combine)");
    } else if (hasVariants) {
      variants.addAll(namedVariants(f, app, sharedRequest, deployment, problems));
    } else {
      variants.addAll(matrixVariants(f, app, sharedRequest, deployment, problems));
    }
    JsonNode declared = f.raw(hasVariants ? "variants" : "matrix");
    if (!gate && hasVariants && declared.isObject() && declared.size() == 1) {
      problems.addMessage(
          f.pointer("variants"), "only one variant; expected at least two to compare");
    }
    if (!gate && hasMatrix && variants.size() == 1) {
      problems.addMessage(
          f.pointer("matrix"),
          "the matrix makes only one variant; expected at least two to compare");
    }
    if (id.isEmpty() || variants.size() < 2) {
      return Optional.empty();
    }
    Optional<CapacitySpec> capacity =
        f.has("capacity")
            ? capacity(f.child("capacity", "a capacity search"), load)
            : Optional.empty();
    if (gate && capacity.isPresent()) {
      problems.addMessage(
          f.pointer("capacity"),
          "a gate compares fixed-rate trials; capacity searches belong in 'run' scenarios");
    }
    return Optional.of(
        new Experiment(
            id.get(), technique, claim, needs, seed, load, equivalence, reset, variants, capacity));
  }

  private List<Variant> namedVariants(
      Fields f,
      AppSpec app,
      Optional<RequestSpec> sharedRequest,
      Deployment deployment,
      Problems problems) {
    List<Variant> out = new ArrayList<>();
    JsonNode node = f.raw("variants");
    if (!node.isObject()) {
      problems.add(
          f.pointer("variants"), node, "a mapping of variant names to requests or settings");
      return out;
    }
    node.fieldNames()
        .forEachRemaining(
            name -> {
              String pointer = f.pointer("variants") + "/" + name;
              JsonNode value = node.get(name);
              if (!ID.matcher(name).matches()) {
                problems.addMessage(
                    pointer,
                    "variant name '" + name + "': expected lower-case letters, digits and dashes");
              }
              Optional<RequestSpec> request;
              Deployment variantDeployment = deployment;
              if (value.isTextual()) {
                request = RequestSpec.parseLine(value.asText());
                if (request.isEmpty()) {
                  problems.add(pointer, value, "a request like 'GET /path?query'");
                }
              } else {
                Fields v =
                    Fields.of(
                        value,
                        pointer,
                        problems,
                        "a request line or a mapping with 'request'/'deployment'");
                v.allowOnly("request", "deployment");
                request = request(v, "request", problems).or(() -> sharedRequest);
                variantDeployment = overlay(v.child("deployment", "a deployment"), deployment);
                if (request.isEmpty() && v.present() && !v.has("request")) {
                  problems.addMessage(
                      pointer, "no request: set 'request' here or on the experiment");
                }
              }
              Deployment resolved = variantDeployment;
              request.ifPresent(r -> out.add(new Variant(name, app, r, resolved)));
            });
    return out;
  }

  private List<Variant> matrixVariants(
      Fields f,
      AppSpec app,
      Optional<RequestSpec> sharedRequest,
      Deployment deployment,
      Problems problems) {
    List<Variant> out = new ArrayList<>();
    JsonNode node = f.raw("matrix");
    if (!node.isObject() || node.isEmpty()) {
      problems.add(f.pointer("matrix"), node, "a mapping of deployment keys to lists of values");
      return out;
    }
    if (sharedRequest.isEmpty()) {
      problems.addMessage(f.pointer(), "a matrix needs the experiment's 'request'");
    }
    // Expand the cartesian product in key order: each combination is a deployment overlay of its
    // own.
    List<Map<String, JsonNode>> combinations = new ArrayList<>();
    combinations.add(new LinkedHashMap<>());
    List<String> pointers = new ArrayList<>();
    for (var it = node.fields(); it.hasNext(); ) {
      var entry = it.next();
      String pointer = f.pointer("matrix") + "/" + entry.getKey();
      if (!List.of(DEPLOYMENT_KEYS).contains(entry.getKey()) || entry.getKey().equals("env")) {
        problems.addMessage(
            pointer,
            "unknown matrix key '"
                + entry.getKey()
                + "'; expected a deployment key: "
                + String.join(
                    ", ", List.of(DEPLOYMENT_KEYS).subList(0, DEPLOYMENT_KEYS.length - 1)));
        continue;
      }
      if (!entry.getValue().isArray() || entry.getValue().isEmpty()) {
        problems.add(pointer, entry.getValue(), "a non-empty list of values");
        continue;
      }
      pointers.add(pointer);
      List<Map<String, JsonNode>> next = new ArrayList<>();
      for (Map<String, JsonNode> partial : combinations) {
        for (JsonNode value : entry.getValue()) {
          Map<String, JsonNode> extended = new LinkedHashMap<>(partial);
          extended.put(entry.getKey(), value);
          next.add(extended);
        }
      }
      combinations = next;
    }
    if (!problems.isEmpty() || sharedRequest.isEmpty()) {
      return out;
    }
    for (Map<String, JsonNode> combination : combinations) {
      ObjectNode overlayNode = JsonNodeFactory.instance.objectNode();
      combination.forEach(overlayNode::set);
      Deployment resolved =
          overlay(
              Fields.of(overlayNode, f.pointer("matrix"), problems, "a deployment"), deployment);
      StringBuilder name = new StringBuilder();
      combination.forEach(
          (k, v) ->
              name.append(name.length() == 0 ? "" : ",").append(k).append('=').append(v.asText()));
      out.add(new Variant(name.toString(), app, sharedRequest.get(), resolved));
    }
    return out;
  }

  private static Optional<RequestSpec> request(Fields f, String key, Problems problems) {
    JsonNode value = f.raw(key);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (value.isTextual()) {
      Optional<RequestSpec> parsed = RequestSpec.parseLine(value.asText());
      if (parsed.isEmpty()) {
        problems.add(
            f.pointer(key),
            value,
            "a request like 'GET /path?query' (GET, POST, PUT, PATCH, DELETE, HEAD)");
      }
      return parsed;
    }
    Fields r = f.child(key, "a request line or a mapping with method and path");
    r.allowOnly("method", "path", "body", "headers");
    String method = r.string("method", false).orElse("GET");
    Optional<String> path = r.string("path", true);
    Optional<RequestSpec> line = path.flatMap(p -> RequestSpec.parseLine(method + " " + p));
    if (path.isPresent() && line.isEmpty()) {
      problems.add(
          r.pointer(),
          value,
          "a method among GET, POST, PUT, PATCH, DELETE, HEAD and a path starting with /");
    }
    Map<String, String> headers = r.scalarMap("headers");
    String body = r.string("body", false).orElse("");
    return line.map(l -> new RequestSpec(l.method(), l.path(), body, headers));
  }

  private static Optional<CapacitySpec> capacity(Fields f, LoadSettings load) {
    f.allowOnly("slo_p99", "max_errors", "from", "to", "probes");
    Optional<Long> slo =
        f.has("slo_p99")
            ? f.parsed("slo_p99", Units::micros, "a latency like '500ms' or '1s'")
            : Optional.empty();
    if (!f.has("slo_p99")) {
      f.reject("slo_p99", "the objective on p99 latency, e.g. slo_p99: 500ms (required)");
    }
    double maxErrors =
        f.parsed(
                "max_errors",
                v -> Units.fraction(v).filter(x -> x > 0 && x < 1),
                "a percentage above 0 and below 100 like '1%'")
            .orElse(ScenarioDefaults.MAX_ERROR_FRACTION);
    double from =
        f.parsed("from", Units::ratePerSecond, "a rate like '5/s'")
            .orElse(ScenarioDefaults.CAPACITY_FROM);
    double to =
        f.parsed("to", Units::ratePerSecond, "a rate like '400/s'")
            .orElse(ScenarioDefaults.CAPACITY_TO);
    int probes = f.integer("probes", 2, 30).orElse(ScenarioDefaults.CAPACITY_PROBES);
    if (!(to > from)) {
      f.reject("to", "a rate above 'from' (" + from + "/s)");
      return Optional.empty();
    }
    return slo.map(micros -> new CapacitySpec(micros, maxErrors, from, to, probes));
  }

  private static LoadSettings load(Fields f, LoadSettings base) {
    f.allowOnly("rate", "arrival", "warmup", "timeout", "max_errors", "interleave");
    double rate =
        f.parsed(
                "rate",
                Units::ratePerSecond,
                "a rate like '40/s' or '600/min' (above 0, at most 100000/s)")
            .orElse(base.ratePerSecond());
    boolean poisson =
        f.string("arrival", false)
            .map(
                a -> {
                  if (!a.equals("constant") && !a.equals("poisson")) {
                    f.reject("arrival", "'constant' or 'poisson'");
                  }
                  return a.equals("poisson");
                })
            .orElse(base.poisson());
    OptionalInt warmup =
        f.parsed("warmup", Units::wholeSeconds, "whole seconds like '2s' or '1m'")
            .map(OptionalInt::of)
            .orElse(base.warmupSeconds());
    int timeout =
        f.parsed(
                "timeout",
                v -> Units.wholeSeconds(v).filter(s -> s >= 1),
                "whole seconds, at least 1, like '10s'")
            .orElse(base.timeoutSeconds());
    double maxErrors =
        f.parsed("max_errors", Units::fraction, "a percentage like '1%'")
            .orElse(base.maxErrorFraction());
    Interleave interleave = f.choice("interleave", Interleave.class).orElse(base.interleave());
    return new LoadSettings(rate, poisson, warmup, timeout, maxErrors, interleave);
  }

  private static Deployment overlay(Fields f, Deployment base) {
    f.allowOnly(DEPLOYMENT_KEYS);
    Server server = f.choice("server", Server.class).orElse(base.server());
    WorkerClass workerClass =
        f.choice("worker_class", WorkerClass.class).orElse(base.workerClass());
    int workers = f.integer("workers", 1, 64).orElse(base.workers());
    int threads = f.integer("threads", 1, 256).orElse(base.threads());
    Database database = f.choice("database", Database.class).orElse(base.database());
    CacheBackend cache = f.choice("cache", CacheBackend.class).orElse(base.cache());
    boolean debug = f.bool("debug").orElse(base.debug());
    int connMaxAge = f.integer("conn_max_age", 0, 86_400).orElse(base.connMaxAgeSeconds());
    StaticFiles staticFiles = f.choice("static", StaticFiles.class).orElse(base.staticFiles());
    boolean nginx = f.bool("nginx").orElse(base.nginx());
    boolean nginxCache = f.bool("nginx_cache").orElse(base.nginxCache());
    Map<String, String> env = new LinkedHashMap<>(base.env());
    Map<String, String> added = f.scalarMap("env");
    added.keySet().stream()
        .filter(k -> !ENV_NAME.matcher(k).matches())
        .forEach(
            k ->
                f.child("env", "")
                    .reject(
                        k,
                        "an environment variable name in upper case, like DJBENCH_PER_SITE_CACHE"));
    env.putAll(added);
    if (nginxCache && !nginx) {
      f.reject("nginx_cache", "nginx_cache only together with 'nginx: true'");
    }
    return new Deployment(
        server,
        workerClass,
        workers,
        threads,
        database,
        cache,
        debug,
        connMaxAge,
        staticFiles,
        nginx,
        nginxCache,
        env);
  }
}
