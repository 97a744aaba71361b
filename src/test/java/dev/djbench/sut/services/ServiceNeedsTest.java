package dev.djbench.sut.services;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.djbench.scenario.Deployment;
import dev.djbench.scenario.Deployment.CacheBackend;
import dev.djbench.scenario.Deployment.Database;
import dev.djbench.scenario.Deployment.Server;
import dev.djbench.scenario.Deployment.StaticFiles;
import dev.djbench.scenario.Deployment.WorkerClass;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceNeedsTest {

  private static Deployment deployment(
      Database database, CacheBackend cache, StaticFiles statics, boolean nginx) {
    return new Deployment(
        Server.GUNICORN,
        WorkerClass.SYNC,
        2,
        1,
        database,
        cache,
        false,
        0,
        statics,
        nginx,
        false,
        Map.of());
  }

  @Test
  void aPlainSqliteDeploymentNeedsNothing() {
    assertEquals(
        EnumSet.noneOf(ServiceKind.class),
        ServiceNeeds.of(
            deployment(Database.SQLITE, CacheBackend.LOCMEM, StaticFiles.DJANGO, false)));
  }

  @Test
  void databaseCacheAndNginxEachBringTheirService() {
    assertEquals(
        EnumSet.of(ServiceKind.POSTGRES, ServiceKind.REDIS),
        ServiceNeeds.of(
            deployment(Database.POSTGRES, CacheBackend.REDIS, StaticFiles.WHITENOISE, false)));
    assertEquals(
        EnumSet.of(ServiceKind.MEMCACHED, ServiceKind.NGINX),
        ServiceNeeds.of(
            deployment(Database.SQLITE, CacheBackend.MEMCACHED, StaticFiles.DJANGO, true)));
    assertEquals(
        EnumSet.of(ServiceKind.NGINX),
        ServiceNeeds.of(deployment(Database.SQLITE, CacheBackend.DUMMY, StaticFiles.NGINX, false)));
  }
}
