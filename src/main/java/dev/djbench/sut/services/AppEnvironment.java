package dev.djbench.sut.services;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The environment variables through which the reference Django app finds each service. */
public final class AppEnvironment {

  public static final String DATABASE = "DJBENCH_DATABASE";
  public static final String PG_HOST = "DJBENCH_PG_HOST";
  public static final String PG_PORT = "DJBENCH_PG_PORT";
  public static final String PG_NAME = "DJBENCH_PG_NAME";
  public static final String PG_USER = "DJBENCH_PG_USER";
  public static final String PG_PASSWORD = "DJBENCH_PG_PASSWORD";
  public static final String CACHE_URL = "DJBENCH_CACHE_URL";
  public static final String CELERY_BROKER = "DJBENCH_CELERY_BROKER";
  public static final String UPSTREAM_URL = "DJBENCH_UPSTREAM_URL";

  private AppEnvironment() {}

  public static Map<String, String> postgres(
      String host, int port, String database, String user, String password) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(DATABASE, "postgres");
    env.put(PG_HOST, host);
    env.put(PG_PORT, Integer.toString(port));
    env.put(PG_NAME, database);
    env.put(PG_USER, user);
    env.put(PG_PASSWORD, password);
    return env;
  }

  /**
   * Redis serves two roles: database 0 is the Django cache, database 1 the Celery broker, so they
   * never mix.
   */
  public static Map<String, String> redis(
      String host, int port, Optional<String> urlEncodedPassword) {
    String authority = urlEncodedPassword.map(p -> ":" + p + "@").orElse("") + host + ":" + port;
    Map<String, String> env = new LinkedHashMap<>();
    env.put(CACHE_URL, "redis://" + authority + "/0");
    env.put(CELERY_BROKER, "redis://" + authority + "/1");
    return env;
  }

  public static Map<String, String> memcached(String host, int port) {
    return Map.of(CACHE_URL, host + ":" + port);
  }

  static Map<String, String> upstream(URI baseUrl) {
    String url = baseUrl.toString();
    return Map.of(UPSTREAM_URL, url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
  }
}
