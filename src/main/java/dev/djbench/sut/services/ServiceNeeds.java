package dev.djbench.sut.services;

import dev.djbench.scenario.Deployment;
import java.util.EnumSet;
import java.util.Set;

/**
 * The services a deployment implies by its own fields (a scenario may name more, such as celery or
 * upstream).
 */
public final class ServiceNeeds {

  private ServiceNeeds() {}

  /**
   * postgres for {@code database: postgres}, redis or memcached for that cache backend, nginx when
   * nginx fronts the app or serves its static files.
   */
  public static Set<ServiceKind> of(Deployment deployment) {
    Set<ServiceKind> kinds = EnumSet.noneOf(ServiceKind.class);
    if (deployment.database() == Deployment.Database.POSTGRES) {
      kinds.add(ServiceKind.POSTGRES);
    }
    if (deployment.cache() == Deployment.CacheBackend.REDIS) {
      kinds.add(ServiceKind.REDIS);
    }
    if (deployment.cache() == Deployment.CacheBackend.MEMCACHED) {
      kinds.add(ServiceKind.MEMCACHED);
    }
    if (deployment.nginx() || deployment.staticFiles() == Deployment.StaticFiles.NGINX) {
      kinds.add(ServiceKind.NGINX);
    }
    return kinds;
  }
}
