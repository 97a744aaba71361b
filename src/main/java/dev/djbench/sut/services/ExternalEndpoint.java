package dev.djbench.sut.services;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/**
 * A service the user runs, named by URL: {@code postgres://user:password@host:port/database},
 * {@code redis://[:password@]host[:port]}, {@code memcached://host[:port]}, {@code
 * http://host:port} (upstream).
 *
 * @param kind the service
 * @param url the URL as given
 * @param host the host name or address
 * @param port the port (the service's default when the URL has none)
 * @param user the user, when the URL names one
 * @param password the password (decoded), when the URL has one
 * @param database the PostgreSQL database, when the kind is postgres
 */
public record ExternalEndpoint(
    ServiceKind kind,
    URI url,
    String host,
    int port,
    Optional<String> user,
    Optional<String> password,
    Optional<String> database) {

  private static final Map<ServiceKind, Integer> DEFAULT_PORTS =
      Map.of(ServiceKind.POSTGRES, 5432, ServiceKind.REDIS, 6379, ServiceKind.MEMCACHED, 11211);

  /**
   * Parses the URL of an external {@code kind}.
   *
   * @throws IllegalArgumentException naming the value and the form expected, also for nginx and
   *     celery, which djbench always runs itself
   */
  public static ExternalEndpoint parse(ServiceKind kind, String value) {
    String expected = expectedForm(kind);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "external " + kind.yamlName() + " URL is empty: expected " + expected);
    }
    URI url;
    try {
      url = new URI(value.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "external "
              + kind.yamlName()
              + " URL '"
              + value
              + "' is not a URL ("
              + e.getReason()
              + "): expected "
              + expected,
          e);
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme();
    if (!schemeMatches(kind, scheme)) {
      throw new IllegalArgumentException(
          "external "
              + kind.yamlName()
              + " URL '"
              + value
              + "' has scheme '"
              + scheme
              + "': expected "
              + expected);
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      throw new IllegalArgumentException(
          "external "
              + kind.yamlName()
              + " URL '"
              + value
              + "' names no host (or the port is not a number): expected "
              + expected);
    }
    int port = url.getPort() > 0 ? url.getPort() : defaultPort(kind, scheme);
    String path = url.getPath() == null ? "" : url.getPath();
    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    if (url.getUserInfo() != null) {
      String info = url.getUserInfo();
      int colon = info.indexOf(':');
      user = Optional.of(colon < 0 ? info : info.substring(0, colon)).filter(u -> !u.isEmpty());
      password = colon < 0 ? Optional.empty() : Optional.of(info.substring(colon + 1));
    }
    Optional<String> database = Optional.empty();
    switch (kind) {
      case POSTGRES:
        if (user.isEmpty() || path.length() <= 1 || path.indexOf('/', 1) >= 0) {
          throw new IllegalArgumentException(
              "external postgres URL '"
                  + value
                  + "' must name a user and a database: expected "
                  + expected);
        }
        database = Optional.of(path.substring(1));
        break;
      case REDIS:
        if (path.length() > 1) {
          throw new IllegalArgumentException(
              "external redis URL '"
                  + value
                  + "' names a database ('"
                  + path
                  + "'): expected "
                  + expected
                  + "; djbench uses database 0 for the cache and 1 for the Celery broker");
        }
        break;
      case MEMCACHED:
        if (path.length() > 1 || url.getUserInfo() != null) {
          throw new IllegalArgumentException(
              "external memcached URL '"
                  + value
                  + "' has a path or credentials: expected "
                  + expected);
        }
        break;
      default:
        break;
    }
    return new ExternalEndpoint(kind, url, url.getHost(), port, user, password, database);
  }

  /**
   * The URL form expected for {@code kind}, for messages.
   *
   * @throws IllegalArgumentException for nginx and celery, which cannot be external
   */
  public static String expectedForm(ServiceKind kind) {
    switch (kind) {
      case POSTGRES:
        return "postgres://user:password@host:port/database";
      case REDIS:
        return "redis://host:port or redis://:password@host:port";
      case MEMCACHED:
        return "memcached://host:port";
      case UPSTREAM:
        return "http://host:port (a server answering GET /delay/<ms>)";
      default:
        throw new IllegalArgumentException(
            kind.yamlName()
                + " cannot be external: djbench runs it itself, next to"
                + " the app it serves");
    }
  }

  private static boolean schemeMatches(ServiceKind kind, String scheme) {
    switch (kind) {
      case POSTGRES:
        return scheme.equals("postgres") || scheme.equals("postgresql");
      case REDIS:
        return scheme.equals("redis");
      case MEMCACHED:
        return scheme.equals("memcached");
      default:
        return scheme.equals("http") || scheme.equals("https");
    }
  }

  private static int defaultPort(ServiceKind kind, String scheme) {
    if (kind == ServiceKind.UPSTREAM) {
      return scheme.equals("https") ? 443 : 80;
    }
    return DEFAULT_PORTS.get(kind);
  }

  /** The app's environment for this endpoint. */
  public Map<String, String> appEnvironment() {
    switch (kind) {
      case POSTGRES:
        return AppEnvironment.postgres(
            host, port, database.orElseThrow(), user.orElseThrow(), password.orElse(""));
      case REDIS:
        return AppEnvironment.redis(
            host,
            port,
            Optional.ofNullable(url.getRawUserInfo())
                .map(info -> info.contains(":") ? info.substring(info.indexOf(':') + 1) : info)
                .filter(p -> !p.isEmpty()));
      case MEMCACHED:
        return AppEnvironment.memcached(host, port);
      default:
        return AppEnvironment.upstream(url);
    }
  }

  /** The URL with the password masked, for reports and logs. */
  public String redacted() {
    return url.getRawUserInfo() == null || password.isEmpty()
        ? url.toString()
        : url.toString().replace(url.getRawUserInfo(), user.orElse("") + ":***");
  }
}
