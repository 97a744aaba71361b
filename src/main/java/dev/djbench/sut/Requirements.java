package dev.djbench.sut;

import dev.djbench.scenario.Deployment;
import dev.djbench.scenario.Deployment.WorkerClass;
import dev.djbench.scenario.Experiment;
import dev.djbench.scenario.Need;
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
  static Set<Need> pythonModules(Experiment experiment) {
    Set<Need> needs = new LinkedHashSet<>();
    for (String name : experiment.needs()) {
      Need.byYamlName(name).filter(n -> n.pythonModule().isPresent()).ifPresent(needs::add);
    }
    if (needs.contains(Need.CELERY)) {
      needs.add(Need.REDIS_PY); // the broker's client
    }
    for (Variant v : experiment.variants()) {
      Deployment d = v.deployment();
      switch (d.database()) {
        case POSTGRES -> needs.add(Need.PSYCOPG2);
        case SQLITE, APP -> {}
      }
      switch (d.cache()) {
        case REDIS -> needs.add(Need.DJANGO_REDIS);
        case MEMCACHED -> needs.add(Need.PYMEMCACHE);
        default -> {}
      }
      if (d.workerClass() == WorkerClass.UVICORN) {
        needs.add(Need.UVICORN);
      }
      if (d.workerClass() == WorkerClass.GEVENT) {
        needs.add(Need.GEVENT);
      }
      if (d.staticFiles() == Deployment.StaticFiles.WHITENOISE) {
        needs.add(Need.WHITENOISE);
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
    for (Need need : pythonModules(experiment)) {
      String module = need.pythonModule().orElseThrow();
      if ("missing".equals(pythonVersions.getOrDefault(module, "missing"))) {
        return Optional.of(
            "needs the Python package "
                + module
                + ", which the app's interpreter lacks; install: "
                + "apt-get install "
                + need.debianPackage().orElseThrow()
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
