package dev.djbench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.djbench.scenario.Deployment.CacheBackend;
import dev.djbench.scenario.Deployment.Database;
import dev.djbench.scenario.Deployment.Server;
import dev.djbench.scenario.Deployment.StaticFiles;
import dev.djbench.scenario.Deployment.WorkerClass;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Reads the settings an experiment or a variant is made of: a request line, load settings, a
 * capacity search and a deployment overlay, each onto the defaults it refines.
 */
final class SettingsReader {

  static final String[] DEPLOYMENT_KEYS = ScenarioSchema.DEPLOYMENT.names();
  private static final Pattern ENV_NAME = ScenarioSchema.ENV_NAME;

  private SettingsReader() {}

  static Optional<RequestSpec> request(Fields f, String key, Problems problems) {
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
    r.allowOnly(ScenarioSchema.REQUEST_MAPPING.names());
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

  static Optional<CapacitySpec> capacity(Fields f, LoadSettings load) {
    f.allowOnly(ScenarioSchema.CAPACITY.names());
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
    int probes =
        f.integer("probes", ScenarioSchema.CAPACITY.range("probes"))
            .orElse(ScenarioDefaults.CAPACITY_PROBES);
    if (!(to > from)) {
      f.reject("to", "a rate above 'from' (" + from + "/s)");
      return Optional.empty();
    }
    return slo.map(micros -> new CapacitySpec(micros, maxErrors, from, to, probes));
  }

  static LoadSettings load(Fields f, LoadSettings base) {
    f.allowOnly(ScenarioSchema.LOAD.names());
    var rawRate = f.raw("rate");
    boolean autoRate =
        rawRate == null || rawRate.isNull()
            ? base.autoRate()
            : rawRate.isTextual() && rawRate.asText().trim().equals("auto");
    double rate =
        autoRate
            ? base.ratePerSecond()
            : f.parsed(
                    "rate",
                    Units::ratePerSecond,
                    "a rate like '40/s' or '600/min' (above 0, at most 100000/s), or 'auto'")
                .orElse(base.ratePerSecond());
    boolean poisson =
        f.string("arrival", false)
            .map(
                a -> {
                  if (!ScenarioSchema.ARRIVALS.contains(a)) {
                    f.reject("arrival", "one of: " + String.join(", ", ScenarioSchema.ARRIVALS));
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
    Connections connections = f.choice("connections", Connections.class).orElse(base.connections());
    return new LoadSettings(
        rate, poisson, warmup, timeout, maxErrors, interleave, autoRate, connections);
  }

  static Deployment overlay(Fields f, Deployment base) {
    f.allowOnly(DEPLOYMENT_KEYS);
    Server server = f.choice("server", Server.class).orElse(base.server());
    WorkerClass workerClass =
        f.choice("worker_class", WorkerClass.class).orElse(base.workerClass());
    int workers =
        f.integer("workers", ScenarioSchema.DEPLOYMENT.range("workers")).orElse(base.workers());
    int threads =
        f.integer("threads", ScenarioSchema.DEPLOYMENT.range("threads")).orElse(base.threads());
    Database database = f.choice("database", Database.class).orElse(base.database());
    CacheBackend cache = f.choice("cache", CacheBackend.class).orElse(base.cache());
    boolean debug = f.bool("debug").orElse(base.debug());
    int connMaxAge =
        f.integer("conn_max_age", ScenarioSchema.DEPLOYMENT.range("conn_max_age"))
            .orElse(base.connMaxAgeSeconds());
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
