package dev.djbench.sut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.sut.process.PythonEnv;
import dev.djbench.sut.process.TargetException;
import dev.djbench.sut.services.AppEnvironment;
import dev.djbench.sut.services.LocalServices;
import dev.djbench.sut.services.Service;
import dev.djbench.sut.services.ServiceKind;
import dev.djbench.sut.services.TestProcesses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's service set with real services: lazy start, reuse, environment, external endpoints,
 * teardown.
 */
class ServiceSetIT {

  @TempDir Path run;

  private ServiceSet set(ProviderChoice choice, Map<ServiceKind, String> urls) {
    return new ServiceSet(
        new ServiceSet.Settings(
            choice,
            run.resolve("work"),
            run.resolve("logs"),
            urls,
            new PythonEnv(Path.of("/usr/bin/python3")),
            Duration.ofSeconds(60)));
  }

  @Test
  void autoStartsEachServiceOnceGivesTheAppItsEnvironmentAndStopsEverything() throws Exception {
    List<Long> seen;
    try (ServiceSet set = set(ProviderChoice.AUTO, Map.of())) {
      for (ServiceKind kind :
          List.of(
              ServiceKind.REDIS,
              ServiceKind.MEMCACHED,
              ServiceKind.NGINX,
              ServiceKind.CELERY,
              ServiceKind.UPSTREAM)) {
        assertEquals(Optional.empty(), set.unavailableReason(kind), kind.yamlName());
      }
      assertEquals(Optional.of(ServiceSet.Source.LOCAL), set.sourceOf(ServiceKind.REDIS));
      assertEquals(Optional.of(ServiceSet.Source.IN_PROCESS), set.sourceOf(ServiceKind.UPSTREAM));

      Map<String, String> env =
          set.environmentFor(
              EnumSet.of(ServiceKind.REDIS, ServiceKind.MEMCACHED, ServiceKind.UPSTREAM));
      Service redis = set.acquire(ServiceKind.REDIS);
      Service memcached = set.acquire(ServiceKind.MEMCACHED);
      assertSame(redis, set.acquire(ServiceKind.REDIS), "started once per run, then reused");
      assertEquals(3, set.started().size());
      // One cache per deployment: with both, memcached is the cache and redis the broker.
      assertEquals(
          memcached.appEnvironment().get(AppEnvironment.CACHE_URL),
          env.get(AppEnvironment.CACHE_URL));
      assertEquals(
          redis.appEnvironment().get(AppEnvironment.CELERY_BROKER),
          env.get(AppEnvironment.CELERY_BROKER));
      assertTrue(
          env.get(AppEnvironment.UPSTREAM_URL).startsWith("http://127.0.0.1:"), env.toString());
      seen = set.processes();
      assertTrue(seen.size() >= 2, seen.toString());
    }
    TestProcesses.assertAllGone("services of the set", seen);
  }

  @Test
  void externalServicesAreCheckedAndMappedButNeverStopped() throws Exception {
    LocalServices local =
        new LocalServices(run.resolve("own"), run.resolve("own-logs"), Duration.ofSeconds(60));
    try (Service postgres = local.start(ServiceKind.POSTGRES);
        Service redis = local.start(ServiceKind.REDIS)) {
      Map<String, String> pg = postgres.appEnvironment();
      String pgUrl =
          "postgres://djbench:djbench@127.0.0.1:" + pg.get(AppEnvironment.PG_PORT) + "/djbench";
      String redisUrl = redis.appEnvironment().get(AppEnvironment.CACHE_URL).replace("/0", "");
      try (ServiceSet set =
          set(
              ProviderChoice.EXTERNAL,
              Map.of(ServiceKind.POSTGRES, pgUrl, ServiceKind.REDIS, redisUrl))) {
        Map<String, String> env =
            set.environmentFor(EnumSet.of(ServiceKind.POSTGRES, ServiceKind.REDIS));
        assertEquals(
            pg,
            Map.of(
                AppEnvironment.DATABASE, env.get(AppEnvironment.DATABASE),
                AppEnvironment.PG_HOST, env.get(AppEnvironment.PG_HOST),
                AppEnvironment.PG_PORT, env.get(AppEnvironment.PG_PORT),
                AppEnvironment.PG_NAME, env.get(AppEnvironment.PG_NAME),
                AppEnvironment.PG_USER, env.get(AppEnvironment.PG_USER),
                AppEnvironment.PG_PASSWORD, env.get(AppEnvironment.PG_PASSWORD)));
        assertEquals(
            redis.appEnvironment().get(AppEnvironment.CACHE_URL),
            env.get(AppEnvironment.CACHE_URL));
        assertTrue(set.acquire(ServiceKind.POSTGRES).describe().endsWith("(external)"));
        assertTrue(set.acquire(ServiceKind.POSTGRES).processes().isEmpty());
      }
      postgres.checkAlive();
      redis.checkAlive();
    }
  }

  @Test
  void anExternalPostgresThatRefusesTheLoginFailsNamingTheUrlWithoutItsPassword() throws Exception {
    LocalServices local =
        new LocalServices(run.resolve("own"), run.resolve("own-logs"), Duration.ofSeconds(60));
    try (Service postgres = local.start(ServiceKind.POSTGRES)) {
      String port = postgres.appEnvironment().get(AppEnvironment.PG_PORT);
      try (ServiceSet set =
          set(
              ProviderChoice.EXTERNAL,
              Map.of(
                  ServiceKind.POSTGRES,
                  "postgres://djbench:topsecret@127.0.0.1:" + port + "/nosuchdb"))) {
        TargetException e =
            assertThrows(TargetException.class, () -> set.acquire(ServiceKind.POSTGRES));
        assertTrue(
            e.getMessage().contains("djbench:***@127.0.0.1:" + port + "/nosuchdb"), e.getMessage());
        assertTrue(e.getMessage().contains("nosuchdb"), e.getMessage());
        assertTrue(!e.getMessage().contains("topsecret"), e.getMessage());
      }
    }
  }
}
