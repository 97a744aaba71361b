package dev.djbench.sut.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.scenario.AppSpec;
import dev.djbench.scenario.Deployment;
import dev.djbench.sut.process.TargetException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the app's container is told where its services are and what to run. */
class DjangoContainerTest {

  private static final AppSpec APP =
      new AppSpec(
          Path.of("/src/mysite"),
          "djbench_app.wsgi:application",
          "djbench_app.asgi:application",
          "/healthz",
          "seed",
          "djbench_app.settings",
          java.util.List.of(),
          "");

  @Test
  void loopbackAddressesInTheEnvironmentBecomeTheForwardedHost() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DJBENCH_PG_HOST", "127.0.0.1");
    env.put("DJBENCH_PG_PORT", "5433");
    env.put("DJBENCH_CACHE_URL", "redis://:s3cret@localhost:6380/0");
    env.put("DJBENCH_CELERY_BROKER", "redis://127.0.0.1:6380/1");
    env.put("DJBENCH_UPSTREAM_URL", "http://127.0.0.1:40123");
    env.put("MEMCACHED", "127.0.0.1:11311");
    env.put("ELSEWHERE", "postgres://db.internal:5432/x");
    env.put("DJBENCH_SQLITE_PATH", "/tmp/djbench/db.sqlite3");

    DjangoContainer.Inside inside = DjangoContainer.inside(env);

    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("DJBENCH_PG_HOST", "host.testcontainers.internal");
    expected.put("DJBENCH_PG_PORT", "5433");
    expected.put("DJBENCH_CACHE_URL", "redis://:s3cret@host.testcontainers.internal:6380/0");
    expected.put("DJBENCH_CELERY_BROKER", "redis://host.testcontainers.internal:6380/1");
    expected.put("DJBENCH_UPSTREAM_URL", "http://host.testcontainers.internal:40123");
    expected.put("MEMCACHED", "host.testcontainers.internal:11311");
    expected.put("ELSEWHERE", "postgres://db.internal:5432/x");
    expected.put("DJBENCH_SQLITE_PATH", "/tmp/djbench/db.sqlite3");
    assertEquals(expected, inside.environment());
    assertEquals(Set.of(5433, 6380, 11311, 40123), inside.hostPorts());
  }

  @Test
  void theContainerPreparesThenExecsTheDeploymentsServerOnItsPort() {
    Deployment gthread =
        new Deployment(
            Deployment.Server.GUNICORN,
            Deployment.WorkerClass.GTHREAD,
            3,
            8,
            Deployment.Database.SQLITE,
            Deployment.CacheBackend.LOCMEM,
            false,
            0,
            Deployment.StaticFiles.WHITENOISE,
            false,
            false,
            Map.of());
    Map<String, String> seed = new LinkedHashMap<>();
    seed.put("authors", "50");
    seed.put("title_prefix", "it's");

    List<String> command = DjangoContainer.command(APP, gthread, seed);

    assertEquals(
        List.of(
            "sh",
            "-c",
            "mkdir -p /tmp/djbench && python manage.py migrate --noinput"
                + " && python manage.py seed --authors 50 --title-prefix 'it'\\''s'"
                + " && python manage.py collectstatic --noinput"
                + " && exec python -m gunicorn --bind 0.0.0.0:8000 --workers 3 --worker-class gthread"
                + " --error-logfile - --graceful-timeout 5 --timeout 120 --threads 8"
                + " djbench_app.wsgi:application"),
        command);
  }

  @Test
  void theDevServerNeedsNoStaticStepWhenDjangoServesThem() {
    Deployment runserver =
        new Deployment(
            Deployment.Server.RUNSERVER,
            Deployment.WorkerClass.SYNC,
            1,
            1,
            Deployment.Database.SQLITE,
            Deployment.CacheBackend.LOCMEM,
            false,
            0,
            Deployment.StaticFiles.DJANGO,
            false,
            false,
            Map.of());
    assertEquals(
        "mkdir -p /tmp/djbench && python manage.py migrate --noinput && python manage.py seed"
            + " && exec python manage.py runserver 0.0.0.0:8000 --noreload",
        DjangoContainer.command(APP, runserver, Map.of()).get(2));
  }

  @Test
  void aProjectWithoutADockerfileIsRefusedNamingTheFile(@TempDir Path project) {
    TargetException e = assertThrows(TargetException.class, () -> new AppImage.Cache().of(project));
    assertTrue(
        e.getMessage().contains(project.resolve("Dockerfile") + " does not exist"), e.getMessage());
  }
}
