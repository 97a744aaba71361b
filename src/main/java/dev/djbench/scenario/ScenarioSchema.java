package dev.djbench.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.djbench.analysis.Metric;
import dev.djbench.scenario.Deployment.CacheBackend;
import dev.djbench.scenario.Deployment.Database;
import dev.djbench.scenario.Deployment.Server;
import dev.djbench.scenario.Deployment.StaticFiles;
import dev.djbench.scenario.Deployment.WorkerClass;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The scenario format's definition: every mapping, its keys, and what each key's value may be. The
 * loader's readers take their key sets, number ranges, text patterns and choices from here, and
 * {@link #jsonSchema()} writes {@code schema/scenario.schema.json} from the same definitions, so
 * that what an editor checks and what the loader accepts cannot drift apart. (The loader checks
 * more than a schema can say — that an experiment's variants differ, that an app directory exists,
 * that 'to' is above 'from' — and says so by line and column.)
 */
public final class ScenarioSchema {

  private ScenarioSchema() {}

  /** Where the published schema lives in the djbench home. */
  public static final String FILE = "schema/scenario.schema.json";

  /** Experiment, variant and page names. */
  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

  /** Options of the app's seed command. */
  static final Pattern SEED_OPTION = Pattern.compile("[a-z][a-z0-9_-]*");

  /** Environment variables of a deployment. */
  static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

  /** How arrivals are spaced. */
  static final List<String> ARRIVALS = List.of("constant", "poisson");

  /** What a value may be. */
  sealed interface Value {}

  /** Any non-blank text. */
  record Text() implements Value {}

  /** Text matching a pattern, surrounding spaces allowed (the loader trims), e.g. "40/s". */
  record Matching(Pattern pattern, String example) implements Value {}

  /** A whole number in a range. */
  record WholeNumber(int min, int max) implements Value {}

  /** A number above {@code exclusiveMin}, at most {@code max}. */
  record Number(double exclusiveMin, double max) implements Value {}

  /** True or false. */
  record Bool() implements Value {}

  /** One of a fixed set of words. */
  record Choice(List<String> words) implements Value {}

  /** A list of values, at least {@code minItems} of them. */
  record ListOf(Value item, int minItems) implements Value {}

  /** A mapping of names (matching {@code names}, or any when null) to values. */
  record MapOf(Pattern names, List<String> nameChoice, Value value, int minProperties)
      implements Value {}

  /** A single value: a number, a text or a boolean. */
  record Scalar() implements Value {}

  /** One of several shapes. */
  record AnyOf(List<Value> shapes) implements Value {}

  /** A mapping defined below, by name. */
  record Ref(String mapping) implements Value {}

  /** A key of a mapping. */
  public record Key(String name, Value value, boolean required, String description) {}

  /** A mapping: its keys, no others allowed. */
  public record Mapping(String name, String description, List<Key> keys) {

    /** The names of its keys, for {@link Fields#allowOnly}. */
    String[] names() {
      return keys.stream().map(Key::name).toArray(String[]::new);
    }

    Key key(String name) {
      return keys.stream()
          .filter(k -> k.name().equals(name))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException(this.name + " has no key " + name));
    }

    /** The range of one of its whole-number keys. */
    WholeNumber range(String name) {
      return (WholeNumber) key(name).value();
    }
  }

  private static Key key(String name, Value value, String description) {
    return new Key(name, value, false, description);
  }

  private static Key required(String name, Value value, String description) {
    return new Key(name, value, true, description);
  }

  private static <E extends Enum<E>> Choice choice(Class<E> type) {
    return new Choice(Fields.yamlNames(type));
  }

  private static final Value TEXT = new Text();
  private static final Value REQUEST = new Ref("request");
  private static final Value DEPLOYMENT_REF = new Ref("deployment");
  private static final Value LOAD_REF = new Ref("load");
  private static final Value PERCENT =
      new Matching(Units.PERCENT, "a percentage like '1%' or '0.5%'");
  private static final Value RATE =
      new AnyOf(
          List.of(
              new Matching(Units.RATE, "a rate like '40/s' or '600/min'"),
              new Number(0, Units.MAX_RATE)));
  private static final Value SECONDS =
      new AnyOf(
          List.of(
              new Matching(Units.SECONDS, "whole seconds like '2s' or '1m'"),
              new WholeNumber(0, Integer.MAX_VALUE)));

  static final Mapping DEPLOYMENT =
      new Mapping(
          "deployment",
          "How the app is served: server, workers, database, cache, nginx in front, settings.",
          List.of(
              key("server", choice(Server.class), "the app server"),
              key("worker_class", choice(WorkerClass.class), "Gunicorn's worker class"),
              key("workers", new WholeNumber(1, 64), "worker processes"),
              key("threads", new WholeNumber(1, 256), "threads per worker (gthread)"),
              key("database", choice(Database.class), "the database the app measures on"),
              key("cache", choice(CacheBackend.class), "Django's cache backend"),
              key("debug", new Bool(), "DEBUG"),
              key("conn_max_age", new WholeNumber(0, 86_400), "CONN_MAX_AGE, in seconds"),
              key("static", choice(StaticFiles.class), "how static files are served"),
              key("nginx", new Bool(), "nginx in front of the app server"),
              key("nginx_cache", new Bool(), "nginx's proxy cache (with nginx: true)"),
              key(
                  "env",
                  new MapOf(ENV_NAME, null, new Scalar(), 0),
                  "environment variables of the app's processes")));

  static final Mapping LOAD =
      new Mapping(
          "load",
          "How the load is sent.",
          List.of(
              key(
                  "rate",
                  new AnyOf(List.of(RATE, new Choice(List.of("auto")))),
                  "arrival rate per variant: '40/s', '600/min', or 'auto' (from a capacity probe)"),
              key("arrival", new Choice(ARRIVALS), "constant spacing, or a Poisson process"),
              key("warmup", SECONDS, "warm-up before each measured window"),
              key("timeout", SECONDS, "a request's time limit, at least 1 s"),
              key("max_errors", PERCENT, "the error rate above which a trial is invalid"),
              key(
                  "interleave",
                  choice(Interleave.class),
                  "'trials': variants one after another in each block; 'requests': together"),
              key(
                  "connections",
                  choice(Connections.class),
                  "'new': a new connection per request (a new visitor; the default);"
                      + " 'keep-alive': a pool of kept-alive connections shared by every user")));

  static final Mapping CAPACITY =
      new Mapping(
          "capacity",
          "A capacity search: the highest rate each variant holds within the objective.",
          List.of(
              required(
                  "slo_p99",
                  new Matching(Units.DURATION, "a latency like '500ms' or '1s'"),
                  "the objective on p99 client latency"),
              key("max_errors", PERCENT, "the error rate a rate may have and hold"),
              key("from", RATE, "the first rate probed"),
              key("to", RATE, "the highest rate probed"),
              key("probes", new WholeNumber(2, 30), "how many rates are probed at most")));

  static final Mapping REQUEST_MAPPING =
      new Mapping(
          "request-mapping",
          "A request with a method, a path, and optionally a body and headers.",
          List.of(
              key("method", new Choice(RequestSpec.METHODS), "the HTTP method (default GET)"),
              required(
                  "path",
                  new Matching(Pattern.compile("/\\S*"), "a path like '/books/?page=2'"),
                  "path and query"),
              key("body", TEXT, "the request body"),
              key("headers", new MapOf(null, null, new Scalar(), 0), "extra request headers")));

  static final Mapping VARIANT =
      new Mapping(
          "variant",
          "A variant's own request and deployment, over the experiment's.",
          List.of(
              key("request", REQUEST, "the request it measures"),
              key("deployment", DEPLOYMENT_REF, "its deployment, over the experiment's")));

  static final Mapping LOGIN =
      new Mapping(
          "login",
          "The user whose session the requests carry.",
          List.of(required("username", TEXT, "an existing user's name")));

  static final Mapping EXPERIMENT =
      new Mapping(
          "experiment",
          "One comparison (variants or a matrix), or pages measured each on its own.",
          List.of(
              required(
                  "id",
                  new Matching(ID, "lower-case letters, digits and dashes, like 'select-related'"),
                  "the experiment's name"),
              key("technique", TEXT, "what is compared, for reports"),
              key("claim", TEXT, "the claim under test, for reports"),
              key(
                  "needs",
                  new ListOf(new Choice(Need.yamlNames()), 0),
                  "what it needs beyond the app; skipped, with the reason, where it is missing"),
              key(
                  "seed",
                  new MapOf(SEED_OPTION, null, new Scalar(), 0),
                  "options of the app's seed command, e.g. {posts: 500}"),
              key("equivalence", choice(Equivalence.class), "how the variants' answers must agree"),
              key("reset", REQUEST, "a request sent before each trial"),
              key("request", REQUEST, "the request every variant measures"),
              key("deployment", DEPLOYMENT_REF, "the deployment, over the defaults"),
              key("load", LOAD_REF, "load settings, over the defaults"),
              key(
                  "variants",
                  new MapOf(
                      ID, null, new AnyOf(List.of(new Ref("request-line"), new Ref("variant"))), 1),
                  "named variants: a request line each, or a mapping with request/deployment"),
              key(
                  "pages",
                  new MapOf(ID, null, REQUEST, 1),
                  "pages measured each on its own, by name"),
              key(
                  "login",
                  new AnyOf(List.of(TEXT, new Ref("login"))),
                  "the user whose session the requests carry"),
              key(
                  "matrix",
                  new MapOf(null, matrixKeys(), new ListOf(new Scalar(), 1), 1),
                  "deployment keys and their values: a variant per combination"),
              key("capacity", new Ref("capacity"), "a capacity search instead of fixed rates")));

  static final Mapping APP =
      new Mapping(
          "app",
          "The Django project measured: its directory (path), or a deployment at a URL.",
          List.of(
              key("path", TEXT, "its directory (where manage.py is), from this file's"),
              key(
                  "url",
                  TEXT,
                  "instead of path: the origin of a deployment djbench did not start,"
                      + " http(s)://host[:port]"),
              key("settings", TEXT, "its settings module (default: what manage.py names)"),
              key("wsgi", TEXT, "its WSGI application (default: from the settings)"),
              key("asgi", TEXT, "its ASGI application"),
              key("health", TEXT, "the path that answers when it is up (default /)"),
              key("seed_command", TEXT, "the management command that fills its database"),
              key("fixtures", new ListOf(TEXT, 0), "fixtures loaded before each experiment"),
              key("python", TEXT, "the Python interpreter that runs it")));

  static final Mapping DEFAULTS =
      new Mapping(
          "defaults",
          "Deployment and load settings every experiment starts from.",
          List.of(
              key("deployment", DEPLOYMENT_REF, "the deployment of every experiment"),
              key("load", LOAD_REF, "the load settings of every experiment")));

  static final Mapping GATE =
      new Mapping("gate", "The regression gate's thresholds, per metric.", gateKeys());

  static final Mapping SCENARIO =
      new Mapping(
          "scenario",
          "A djbench scenario file: a suite of experiments on one Django project.",
          List.of(
              required("suite", TEXT, "the suite's name"),
              key(
                  "app",
                  new AnyOf(List.of(TEXT, new Ref("app"))),
                  "the project: its directory, or a mapping with 'path' (default: the reference app)"),
              key("defaults", new Ref("defaults"), "settings every experiment starts from"),
              key("gate", new Ref("gate"), "thresholds for djbench gate"),
              required(
                  "experiments",
                  new ListOf(new Ref("experiment"), 1),
                  "the experiments, measured in this order")));

  /** Every mapping below the top one, by name, in the order the schema lists them. */
  static final List<Mapping> DEFINITIONS =
      List.of(
          APP,
          DEFAULTS,
          GATE,
          EXPERIMENT,
          VARIANT,
          LOGIN,
          REQUEST_MAPPING,
          CAPACITY,
          LOAD,
          DEPLOYMENT);

  private static List<String> matrixKeys() {
    List<String> keys = new ArrayList<>();
    for (Key k : DEPLOYMENT.keys()) {
      if (!k.name().equals("env")) {
        keys.add(k.name());
      }
    }
    return keys;
  }

  private static List<Key> gateKeys() {
    List<Key> keys = new ArrayList<>();
    for (String metric : Metric.yamlKeys()) {
      keys.add(
          key(
              metric,
              new AnyOf(List.of(PERCENT, new Choice(List.of("auto")))),
              "the threshold δ on this metric, e.g. '5%', or 'auto' (calibrated)"));
    }
    return keys;
  }

  /**
   * The JSON Schema (draft-07, which editors support widely) of scenario files, as published in
   * {@link #FILE}.
   */
  public static ObjectNode jsonSchema() {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode root = json.objectNode();
    root.put("$schema", "http://json-schema.org/draft-07/schema#");
    root.put("title", "djbench scenario");
    root.put(
        "$comment",
        "Generated from dev.djbench.scenario.ScenarioSchema, the definitions the loader reads"
            + " with; do not edit. Regenerate: DJBENCH_WRITE_GOLDEN=1 mvn test"
            + " -Dtest=ScenarioSchemaTest");
    mapping(SCENARIO, root);
    ObjectNode defs = root.putObject("definitions");
    for (Mapping m : DEFINITIONS) {
      mapping(m, defs.putObject(m.name()));
    }
    defs.set(
        "request-line",
        value(
            new Matching(
                RequestSpec.LINE,
                "a request line like 'GET /path?query' ("
                    + String.join(", ", RequestSpec.METHODS)
                    + ")")));
    ObjectNode request = defs.putObject("request");
    request.put(
        "description", "A request line like 'GET /books/', or a mapping with method and path.");
    ArrayNode anyOf = request.putArray("anyOf");
    anyOf.addObject().put("$ref", "#/definitions/request-line");
    anyOf.addObject().put("$ref", "#/definitions/request-mapping");
    return root;
  }

  private static void mapping(Mapping m, ObjectNode out) {
    out.put("description", m.description());
    out.put("type", "object");
    ObjectNode properties = out.putObject("properties");
    List<String> required = new ArrayList<>();
    for (Key k : m.keys()) {
      ObjectNode property = value(k.value());
      property.put("description", k.description());
      properties.set(k.name(), property);
      if (k.required()) {
        required.add(k.name());
      }
    }
    if (!required.isEmpty()) {
      ArrayNode list = out.putArray("required");
      required.forEach(list::add);
    }
    out.put("additionalProperties", false);
  }

  private static ObjectNode value(Value v) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode out = json.objectNode();
    if (v instanceof Text) {
      out.put("type", "string");
      out.put("pattern", "\\S");
    } else if (v instanceof Matching m) {
      out.put("type", "string");
      out.put("pattern", "^\\s*(?:" + m.pattern().pattern() + ")\\s*$");
      out.put("$comment", m.example());
    } else if (v instanceof WholeNumber n) {
      out.put("type", "integer");
      out.put("minimum", n.min());
      out.put("maximum", n.max());
    } else if (v instanceof Number n) {
      out.put("type", "number");
      out.put("exclusiveMinimum", n.exclusiveMin());
      out.put("maximum", n.max());
    } else if (v instanceof Bool) {
      out.put("type", "boolean");
    } else if (v instanceof Choice c) {
      ArrayNode words = out.putArray("enum");
      c.words().forEach(words::add);
    } else if (v instanceof ListOf l) {
      out.put("type", "array");
      out.set("items", value(l.item()));
      if (l.minItems() > 0) {
        out.put("minItems", l.minItems());
      }
    } else if (v instanceof MapOf m) {
      out.put("type", "object");
      if (m.names() != null) {
        out.putObject("propertyNames").put("pattern", "^(?:" + m.names().pattern() + ")$");
      } else if (m.nameChoice() != null) {
        ArrayNode names = out.putObject("propertyNames").putArray("enum");
        m.nameChoice().forEach(names::add);
      }
      out.set("additionalProperties", value(m.value()));
      if (m.minProperties() > 0) {
        out.put("minProperties", m.minProperties());
      }
    } else if (v instanceof Scalar) {
      out.putArray("type").add("string").add("number").add("boolean");
    } else if (v instanceof AnyOf a) {
      ArrayNode shapes = out.putArray("anyOf");
      a.shapes().forEach(shape -> shapes.add(value(shape)));
    } else if (v instanceof Ref r) {
      out.put("$ref", "#/definitions/" + r.mapping());
    }
    return out;
  }

  /** The mappings by name, for tests. */
  static Map<String, Mapping> byName() {
    Map<String, Mapping> all = new LinkedHashMap<>();
    all.put(SCENARIO.name(), SCENARIO);
    DEFINITIONS.forEach(m -> all.put(m.name(), m));
    return all;
  }
}
