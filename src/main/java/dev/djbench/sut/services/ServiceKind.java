package dev.djbench.sut.services;

import java.util.Locale;

/**
 * The backing services a Django deployment under test may need, with their scenario (YAML) names
 * and the Debian package that provides each one natively.
 */
public enum ServiceKind {
  /** PostgreSQL, the database of {@code database: postgres}. */
  POSTGRES("postgresql", "initdb/postgres (PostgreSQL server)"),
  /** Redis, as Django cache backend and as Celery broker. */
  REDIS("redis-server", "redis-server"),
  /** memcached, as Django cache backend. */
  MEMCACHED("memcached", "memcached"),
  /** nginx in front of the app server (static files, proxy cache). */
  NGINX("nginx-light", "nginx"),
  /** A Celery worker running the app's own tasks. */
  CELERY("python3-celery", "the celery module for the app's Python"),
  /**
   * A slow HTTP upstream answering {@code GET /delay/<ms>}; runs inside the harness, needs no
   * package.
   */
  UPSTREAM("", "nothing (in-process)");

  private final String debianPackage;
  private final String needs;

  ServiceKind(String debianPackage, String needs) {
    this.debianPackage = debianPackage;
    this.needs = needs;
  }

  /** The name used in scenario files and on the command line, e.g. {@code postgres}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The Debian package that provides it natively; empty for {@link #UPSTREAM}. */
  public String debianPackage() {
    return debianPackage;
  }

  /** What has to be installed, in words, for messages ("redis-server"). */
  public String needs() {
    return needs;
  }

  /** The command that installs it on Debian, or an empty string when nothing needs installing. */
  public String installCommand() {
    return debianPackage.isEmpty()
        ? ""
        : "apt-get install " + debianPackage + " (or run ./djbench setup)";
  }

  /**
   * The kind named {@code name} (case-insensitive YAML name).
   *
   * @throws IllegalArgumentException naming the value and the accepted names
   */
  public static ServiceKind fromYamlName(String name) {
    for (ServiceKind kind : values()) {
      if (kind.yamlName().equalsIgnoreCase(name == null ? "" : name.strip())) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown service '"
            + name
            + "': expected one of postgres, redis,"
            + " memcached, nginx, celery, upstream");
  }
}
