package dev.djbench.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an experiment may name under {@code needs}: a service djbench starts, or a Python package it
 * checks the app's interpreter for. The one list of them; the scenario loader, the requirement
 * check and the docs all read it.
 */
public enum Need {
  POSTGRES(null, null),
  REDIS(null, null),
  MEMCACHED(null, null),
  NGINX(null, null),
  /** A Celery worker (a service) that needs the celery module (a package). */
  CELERY("celery", "python3-celery"),
  UPSTREAM(null, null),
  UVICORN("uvicorn", "python3-uvicorn"),
  GEVENT("gevent", "python3-gevent"),
  WHITENOISE("whitenoise", "python3-whitenoise"),
  DJANGORESTFRAMEWORK("rest_framework", "python3-djangorestframework"),
  PSYCOPG2("psycopg2", "python3-psycopg2"),
  REDIS_PY("redis", "python3-redis"),
  PYMEMCACHE("pymemcache", "python3-pymemcache"),
  DJANGO_REDIS("django_redis", "python3-django-redis");

  private final String pythonModule;
  private final String debianPackage;

  Need(String pythonModule, String debianPackage) {
    this.pythonModule = pythonModule;
    this.debianPackage = debianPackage;
  }

  /** How a scenario writes it: {@code postgres}, {@code redis-py}, {@code django-redis}… */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The module the app's interpreter must import; empty for a service alone. */
  public Optional<String> pythonModule() {
    return Optional.ofNullable(pythonModule);
  }

  /** The Debian package that provides the module; empty for a service alone. */
  public Optional<String> debianPackage() {
    return Optional.ofNullable(debianPackage);
  }

  /** The need a scenario calls {@code yamlName}. */
  public static Optional<Need> byYamlName(String yamlName) {
    return Arrays.stream(values()).filter(n -> n.yamlName().equals(yamlName)).findFirst();
  }

  /** Every name a scenario may use, in this order. */
  public static List<String> yamlNames() {
    return Arrays.stream(values()).map(Need::yamlName).toList();
  }
}
