package dev.djbench.sut.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.scenario.Deployment;
import dev.djbench.scenario.ScenarioDefaults;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The overlay's Python: the project's settings first, then the deployment under test. */
class SettingsOverlayTest {

  private static final Path WORK = Path.of("/runs/r1/work/pages_books");

  private static Deployment with(Deployment.Database db, Deployment.CacheBackend cache) {
    Deployment d = ScenarioDefaults.DEPLOYMENT;
    return new Deployment(
        d.server(),
        d.workerClass(),
        d.workers(),
        d.threads(),
        db,
        cache,
        true,
        60,
        Deployment.StaticFiles.WHITENOISE,
        d.nginx(),
        d.nginxCache(),
        d.env());
  }

  @Test
  void itImportsTheProjectAndPutsTheProbeFirstAndEveryAliasOnDjbenchsDatabase() {
    String py =
        SettingsOverlay.render(
            WORK,
            "bookshop.settings",
            with(Deployment.Database.SQLITE, Deployment.CacheBackend.LOCMEM),
            Map.of());
    assertTrue(py.startsWith("# Written by djbench"), py);
    assertTrue(py.contains("from bookshop.settings import *"), py);
    assertTrue(
        py.contains("MIDDLEWARE = [\"djbench_probe.middleware.ProbeMiddleware\"] + _middleware"),
        py);
    assertTrue(py.contains("\"NAME\": \"/runs/r1/work/pages_books/db.sqlite3\""), py);
    assertTrue(py.contains("\"CONN_MAX_AGE\": 60"), py);
    assertTrue(py.contains("DATABASES = {alias: dict(_database) for alias in"), py);
    assertTrue(py.contains("DEBUG = True"), py);
    assertTrue(py.contains("SECURE_SSL_REDIRECT = False"), py);
    assertTrue(py.contains("whitenoise.middleware.WhiteNoiseMiddleware"), py);
    assertTrue(py.contains("STATIC_ROOT = \"/runs/r1/work/pages_books/staticfiles\""), py);
  }

  @Test
  void postgresAndRedisComeFromTheServicesDjbenchStarted() {
    String py =
        SettingsOverlay.render(
            WORK,
            "bookshop.settings",
            with(Deployment.Database.POSTGRES, Deployment.CacheBackend.REDIS),
            Map.of(
                "DJBENCH_PG_HOST", "127.0.0.1",
                "DJBENCH_PG_PORT", "40123",
                "DJBENCH_PG_NAME", "djbench",
                "DJBENCH_PG_USER", "djbench",
                "DJBENCH_PG_PASSWORD", "pw\"quote",
                "DJBENCH_CACHE_URL", "redis://127.0.0.1:40124/0"));
    assertTrue(py.contains("\"ENGINE\": \"django.db.backends.postgresql\""), py);
    assertTrue(py.contains("\"PORT\": \"40123\""), py);
    assertTrue(py.contains("\"PASSWORD\": \"pw\\\"quote\""), py);
    assertTrue(py.contains("\"LOCATION\": \"redis://127.0.0.1:40124/0\""), py);
  }

  @Test
  void aServiceThatWasNotStartedIsAnErrorNotAFallbackToTheProjectsOwn() {
    assertThrows(
        IllegalStateException.class,
        () ->
            SettingsOverlay.render(
                WORK,
                "bookshop.settings",
                with(Deployment.Database.POSTGRES, Deployment.CacheBackend.LOCMEM),
                Map.of()));
  }

  @Test
  void pythonStringsAreQuoted() {
    assertEquals("\"a\\\\b\\\"c\\nd\"", SettingsOverlay.quote("a\\b\"c\nd"));
  }
}
