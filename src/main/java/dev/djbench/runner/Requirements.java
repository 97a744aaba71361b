package dev.djbench.runner;

import dev.djbench.scenario.Deployment;
import dev.djbench.scenario.Deployment.WorkerClass;
import dev.djbench.scenario.Experiment;
import dev.djbench.scenario.Variant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an experiment needs that this machine may lack. A missing part makes the experiment skipped, with the
 * reason and the command that installs it — never silently dropped, never faked.
 */
final class Requirements {

  /** Python modules by the component names scenarios use, with the Debian package that provides each. */
  private static final Map<String, String[]> PYTHON = Map.of(
      "uvicorn", new String[] {"uvicorn", "python3-uvicorn"},
      "gevent", new String[] {"gevent", "python3-gevent"},
      "whitenoise", new String[] {"whitenoise", "python3-whitenoise"},
      "djangorestframework", new String[] {"rest_framework", "python3-djangorestframework"},
      "celery", new String[] {"celery", "python3-celery"},
      "psycopg2", new String[] {"psycopg2", "python3-psycopg2"},
      "redis-py", new String[] {"redis", "python3-redis"},
      "pymemcache", new String[] {"pymemcache", "python3-pymemcache"},
      "django-redis", new String[] {"django_redis", "python3-django-redis"});

  /** Services started by djbench's service providers, with the Debian package of each. */
  private static final Map<String, String> SERVICES = Map.of(
      "postgres", "postgresql", "redis", "redis-server", "memcached", "memcached", "nginx", "nginx-light");

  private Requirements() {}

  /** Every component the experiment needs: its {@code needs} and what its deployments imply. */
  static Set<String> of(Experiment experiment) {
    Set<String> needs = new LinkedHashSet<>(experiment.needs());
    for (Variant v : experiment.variants()) {
      Deployment d = v.deployment();
      switch (d.database()) {
        case POSTGRES -> {
          needs.add("postgres");
          needs.add("psycopg2");
        }
        case SQLITE -> { }
      }
      switch (d.cache()) {
        case REDIS -> {
          needs.add("redis");
          needs.add("django-redis");
        }
        case MEMCACHED -> {
          needs.add("memcached");
          needs.add("pymemcache");
        }
        default -> { }
      }
      if (d.workerClass() == WorkerClass.UVICORN) {
        needs.add("uvicorn");
      }
      if (d.workerClass() == WorkerClass.GEVENT) {
        needs.add("gevent");
      }
      if (d.nginx() || d.staticFiles() == Deployment.StaticFiles.NGINX) {
        needs.add("nginx");
      }
      if (d.staticFiles() == Deployment.StaticFiles.WHITENOISE) {
        needs.add("whitenoise");
      }
    }
    return needs;
  }

  /**
   * Why the experiment cannot run here, or empty when it can.
   *
   * @param pythonVersions what the app's interpreter has ({@code module → version or "missing"})
   */
  static Optional<String> missing(Experiment experiment, Map<String, String> pythonVersions) {
    for (String need : of(experiment)) {
      String[] python = PYTHON.get(need);
      if (python != null) {
        if ("missing".equals(pythonVersions.getOrDefault(python[0], "missing"))) {
          return Optional.of("needs the Python package " + python[0] + ", which the app's interpreter lacks; install: "
              + "apt-get install " + python[1] + " (or ./djbench setup)");
        }
        continue;
      }
      String service = SERVICES.get(need);
      if (service != null) {
        return Optional.of("needs " + need + ", a service this run has no provider for; install: apt-get install "
            + service + " (or ./djbench setup)");
      }
      return Optional.of("needs '" + need + "', which djbench does not know how to provide");
    }
    return Optional.empty();
  }
}
