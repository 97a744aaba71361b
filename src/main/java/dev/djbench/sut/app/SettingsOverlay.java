package dev.djbench.sut.app;

import dev.djbench.scenario.Deployment;
import dev.djbench.scenario.Deployment.StaticFiles;
import dev.djbench.sut.process.TargetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The settings module djbench writes for one deployment of a project: it imports the project's own
 * settings, unchanged, and then applies the deployment. Every process of the deployment (migrate,
 * the seed, collectstatic, the server) runs with it as {@code DJANGO_SETTINGS_MODULE}, so that:
 *
 * <ul>
 *   <li>the probe is installed and first in {@code MIDDLEWARE}: any project is measured as deeply
 *       as the reference app;
 *   <li>every database alias points at djbench's own database (a fresh SQLite file in the run's
 *       work folder, or the PostgreSQL djbench started), never at the one the project's settings
 *       name;
 *   <li>every cache alias is the deployment's cache;
 *   <li>{@code DEBUG}, {@code CONN_MAX_AGE} and the static files are as the deployment says;
 *   <li>loopback is an allowed host, and HTTPS redirects and secure-only cookies are off, so that a
 *       page is measured and not a redirect.
 * </ul>
 */
public final class SettingsOverlay {

  /** The module's name, as {@code DJANGO_SETTINGS_MODULE} names it. */
  public static final String MODULE = "djbench_overlay_settings";

  private static final String PROBE_MIDDLEWARE = "djbench_probe.middleware.ProbeMiddleware";

  private SettingsOverlay() {}

  /**
   * Writes the overlay into {@code workDirectory} (which goes first on the deployment's {@code
   * PYTHONPATH}).
   *
   * @param settingsModule the project's settings module
   * @param services the services' environment (the {@code DJBENCH_PG_*} and {@code
   *     DJBENCH_CACHE_URL} variables of the services started)
   * @return the file written
   * @throws TargetException when the file cannot be written
   */
  public static Path write(
      Path workDirectory, String settingsModule, Deployment d, Map<String, String> services)
      throws TargetException {
    Path file = workDirectory.resolve(MODULE + ".py");
    try {
      Files.writeString(
          file, render(workDirectory, settingsModule, d, services), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TargetException(
          "cannot write the settings overlay " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  /** The overlay's Python source. */
  static String render(
      Path workDirectory, String settingsModule, Deployment d, Map<String, String> services) {
    StringBuilder py = new StringBuilder();
    py.append("# Written by djbench for one deployment. The project's settings are imported\n")
        .append("# unchanged; what follows is the deployment under test.\n")
        .append("from ")
        .append(settingsModule)
        .append(" import *  # noqa: F401,F403\n")
        .append("import ")
        .append(settingsModule)
        .append(" as _project\n\n")
        .append("_installed = list(getattr(_project, \"INSTALLED_APPS\", []))\n")
        .append("if not any(a.split(\".\")[0] == \"djbench_probe\" for a in _installed):\n")
        .append("    _installed.append(\"djbench_probe\")\n")
        .append("INSTALLED_APPS = _installed\n")
        .append("_middleware = [m for m in getattr(_project, \"MIDDLEWARE\", []) if m != ")
        .append(quote(PROBE_MIDDLEWARE))
        .append("]\n");
    if (d.staticFiles() == StaticFiles.WHITENOISE) {
      py.append("if \"whitenoise.middleware.WhiteNoiseMiddleware\" not in _middleware:\n")
          .append(
              "    _at = [i + 1 for i, m in enumerate(_middleware) if m.endswith(\"SecurityMiddleware\")]\n")
          .append(
              "    _middleware.insert(_at[0] if _at else 0, \"whitenoise.middleware.WhiteNoiseMiddleware\")\n");
    }
    py.append("MIDDLEWARE = [").append(quote(PROBE_MIDDLEWARE)).append("] + _middleware\n\n");

    if (d.database() == Deployment.Database.APP) {
      py.append("# database: app - the project's own DATABASES, as its settings name them.\n\n");
    } else {
      py.append("# Every alias is djbench's own database, never the one the project names.\n")
          .append("_database = ")
          .append(database(workDirectory, d, services))
          .append(
              "\nDATABASES = {alias: dict(_database) for alias in getattr(_project, \"DATABASES\","
                  + " {}) or {\"default\": None}}\n")
          .append("DATABASES.setdefault(\"default\", dict(_database))\n\n");
    }

    py.append("_cache = ")
        .append(cache(d, services))
        .append("\n")
        .append(
            "CACHES = {alias: dict(_cache, KEY_PREFIX=alias) for alias in getattr(_project, \"CACHES\", {}) or {\"default\": None}}\n")
        .append("CACHES.setdefault(\"default\", dict(_cache, KEY_PREFIX=\"default\"))\n\n");

    py.append("DEBUG = ")
        .append(d.debug() ? "True" : "False")
        .append("\n")
        .append(
            "ALLOWED_HOSTS = list(getattr(_project, \"ALLOWED_HOSTS\", [])) + [\"127.0.0.1\", \"localhost\", \"[::1]\"]\n")
        .append("SECURE_SSL_REDIRECT = False\n")
        .append("SECURE_HSTS_SECONDS = 0\n")
        .append("SESSION_COOKIE_SECURE = False\n")
        .append("CSRF_COOKIE_SECURE = False\n")
        .append("STATIC_ROOT = ")
        .append(quote(workDirectory.resolve("staticfiles").toString()))
        .append("\n")
        .append("MEDIA_ROOT = ")
        .append(quote(workDirectory.resolve("media").toString()))
        .append("\n");
    return py.toString();
  }

  private static String database(Path workDirectory, Deployment d, Map<String, String> services) {
    String common = "\"CONN_MAX_AGE\": " + d.connMaxAgeSeconds();
    return switch (d.database()) {
      case SQLITE ->
          "{\"ENGINE\": \"django.db.backends.sqlite3\", \"NAME\": "
              + quote(workDirectory.resolve("db.sqlite3").toString())
              + ", "
              + common
              // Several workers write to one file: wait for the lock rather than fail.
              + ", \"OPTIONS\": {\"timeout\": 20}}";
      case POSTGRES ->
          "{\"ENGINE\": \"django.db.backends.postgresql\", \"HOST\": "
              + quote(required(services, "DJBENCH_PG_HOST"))
              + ", \"PORT\": "
              + quote(required(services, "DJBENCH_PG_PORT"))
              + ", \"NAME\": "
              + quote(required(services, "DJBENCH_PG_NAME"))
              + ", \"USER\": "
              + quote(required(services, "DJBENCH_PG_USER"))
              + ", \"PASSWORD\": "
              + quote(required(services, "DJBENCH_PG_PASSWORD"))
              + ", "
              + common
              + "}";
      case APP -> throw new IllegalArgumentException("database: app keeps the project's own");
    };
  }

  private static String cache(Deployment d, Map<String, String> services) {
    return switch (d.cache()) {
      case LOCMEM ->
          "{\"BACKEND\": \"django.core.cache.backends.locmem.LocMemCache\", \"LOCATION\": \"djbench\"}";
      case DUMMY -> "{\"BACKEND\": \"django.core.cache.backends.dummy.DummyCache\"}";
      case REDIS ->
          "{\"BACKEND\": \"django_redis.cache.RedisCache\", \"LOCATION\": "
              + quote(required(services, "DJBENCH_CACHE_URL"))
              + ", \"OPTIONS\": {\"CLIENT_CLASS\": \"django_redis.client.DefaultClient\"}}";
      case MEMCACHED ->
          "{\"BACKEND\": \"django.core.cache.backends.memcached.PyMemcacheCache\", \"LOCATION\": "
              + quote(required(services, "DJBENCH_CACHE_URL"))
              + "}";
    };
  }

  private static String required(Map<String, String> services, String name) {
    String value = services.get(name);
    if (value == null) {
      throw new IllegalStateException(
          name + " is missing: the deployment's service was not started before its app");
    }
    return value;
  }

  /** A Python string literal. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
