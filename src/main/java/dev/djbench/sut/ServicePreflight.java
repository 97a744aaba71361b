package dev.djbench.sut;

import dev.djbench.scenario.Experiment;
import dev.djbench.sut.process.TargetException;
import dev.djbench.sut.services.Service;
import dev.djbench.sut.services.ServiceKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Starts, before the first trial, every shared service (PostgreSQL, Redis, memcached) that the
 * run's experiments need. They are started once per run and reused anyway; starting them first
 * means that one which cannot come up stops the run at once, naming the service, the experiments
 * that need it and the cause, instead of after the experiments before it were measured.
 */
public final class ServicePreflight {

  private ServicePreflight() {}

  /** The shared services {@code experiments} need, each with the ids of the experiments. */
  static Map<ServiceKind, List<String>> sharedNeeds(List<Experiment> experiments) {
    Map<ServiceKind, List<String>> needs = new EnumMap<>(ServiceKind.class);
    for (Experiment experiment : experiments) {
      for (ServiceKind kind : Requirements.services(experiment)) {
        if (isShared(kind)) {
          needs.computeIfAbsent(kind, k -> new ArrayList<>()).add(experiment.id());
        }
      }
    }
    return needs;
  }

  /**
   * Starts each service of {@link #sharedNeeds}; they stay running in {@code services} for the run.
   *
   * @param progress takes one line per service started
   * @throws TargetException when one does not come up: which one, needed by which experiments, and
   *     why
   */
  public static void start(
      List<Experiment> experiments, ServiceSet services, Consumer<String> progress)
      throws TargetException {
    for (Map.Entry<ServiceKind, List<String>> need : sharedNeeds(experiments).entrySet()) {
      ServiceKind kind = need.getKey();
      try {
        Service service = services.acquire(kind);
        progress.accept("service " + kind.yamlName() + ": " + service.describe());
      } catch (TargetException e) {
        throw new TargetException(
            kind.yamlName()
                + " could not start, and "
                + String.join(", ", need.getValue())
                + (need.getValue().size() == 1 ? " needs" : " need")
                + " it; nothing was measured: "
                + e.getMessage(),
            e);
      }
    }
  }

  private static boolean isShared(ServiceKind kind) {
    return switch (kind) {
      case POSTGRES, REDIS, MEMCACHED -> true;
      case NGINX, CELERY, UPSTREAM -> false;
    };
  }
}
