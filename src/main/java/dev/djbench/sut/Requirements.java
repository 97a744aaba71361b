package dev.djbench.sut;

import dev.djbench.scenario.Deployment;
import dev.djbench.scenario.Deployment.WorkerClass;
import dev.djbench.scenario.Experiment;
import dev.djbench.scenario.Variant;
import dev.djbench.sut.services.ServiceKind;
import dev.djbench.sut.services.ServiceNeeds;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an experiment needs that this machine may lack. A missing part makes the experiment skipped,
 * with the reason and the command that installs it — never silently dropped, never faked.
 */
public final class Requirements {

  /**
   * Python modules by the component names scenarios use, with the Debian package that provides
   * each.
   */
  private static final Map<String, String[]> PYTHON =
      Map.of(
          "uvicorn", new String[] {"uvicorn", "python3-uvicorn"},
          "gevent", new String[] {"gevent", "python3-gevent"},
          "whitenoise", new String[] {"whitenoise", "python3-whitenoise"},
          "djangorestframework", new String[] {"rest_framework", "python3-djangorestframework"},
          "celery", new String[] {"celery", "python3-celery"},
          "psycopg2", new String[] {"psycopg2", "python3-psycopg2"},
          "redis-py", new String[] {"redis", "python3-redis"},
          "pymemcache", new String[] {"pymemcache", "python3-pymemcache"},
          "django-redis", new String[] {"django_redis", "python3-django-redis"});

  private Requirements() {}

  /**
   * The services an experiment needs: those its {@code needs} names and those its deployments
   * imply.
   */
  public static Set<ServiceKind> services(Experiment experiment) {
    Set<ServiceKind> kinds = EnumSet.noneOf(ServiceKind.class);
    for (String need : experiment.needs()) {
      serviceKind(need).ifPresent(kinds::add);
    }
    for (Variant v : experiment.variants()) {
      kinds.addAll(ServiceNeeds.of(v.deployment()));
    }
    if (kinds.contains(ServiceKind.CELERY)) {
      kinds.add(ServiceKind.REDIS); // the broker
    }
    return kinds;
  }

  /**
   * The services one variant's app server is configured with (nginx and Celery belong to the server
   * itself).
   */
  public static Set<ServiceKind> services(Experiment experiment, Variant variant) {
    Set<ServiceKind> kinds = EnumSet.copyOf(ServiceNeeds.of(variant.deployment()));
    kinds.addAll(services(experiment));
    kinds.removeIf(
        k ->
            k == ServiceKind.NGINX
                && !ServiceNeeds.of(variant.deployment()).contains(ServiceKind.NGINX));
    return kinds;
  }

  private static Optional<ServiceKind> serviceKind(String need) {
    try {
      return Optional.of(ServiceKind.fromYamlName(need));
    } catch (IllegalArgumentException notAService) {
      return Optional.empty();
    }
  }

  /**
   * The Python modules an experiment needs: those its {@code needs} names and those its deployments
   * imply.
   */
  static Set<String> pythonModules(Experiment experiment) {
    Set<String> needs = new LinkedHashSet<>();
    for (String need : experiment.needs()) {
      if (PYTHON.containsKey(need)) {
        needs.add(need);
      }
    }
    if (experiment.needs().contains("celery")) {
      needs.add("celery");
      needs.add("redis-py");
    }
    for (Variant v : experiment.variants()) {
      Deployment d = v.deployment();
      switch (d.database()) {
        case POSTGRES -> needs.add("psycopg2");
        case SQLITE -> {}
      }
      switch (d.cache()) {
        case REDIS -> needs.add("django-redis");
        case MEMCACHED -> needs.add("pymemcache");
        default -> {}
      }
      if (d.workerClass() == WorkerClass.UVICORN) {
        needs.add("uvicorn");
      }
      if (d.workerClass() == WorkerClass.GEVENT) {
        needs.add("gevent");
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
   * @param services the run's services, which know what this machine can provide
   */
  public static Optional<String> missing(
      Experiment experiment, Map<String, String> pythonVersions, ServiceSet services) {
    for (String need : pythonModules(experiment)) {
      String[] python = PYTHON.get(need);
      if ("missing".equals(pythonVersions.getOrDefault(python[0], "missing"))) {
        return Optional.of(
            "needs the Python package "
                + python[0]
                + ", which the app's interpreter lacks; install: "
                + "apt-get install "
                + python[1]
                + " (or ./djbench setup)");
      }
    }
    for (ServiceKind kind : services(experiment)) {
      Optional<String> reason = services.unavailableReason(kind);
      if (reason.isPresent()) {
        return reason;
      }
    }
    return Optional.empty();
  }
}
