package dev.djbench.sut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.sut.process.PythonEnv;
import dev.djbench.sut.services.ServiceKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceChoiceTest {

  @TempDir Path run;

  @Test
  void kindsHaveYamlNamesAndInstallCommands() {
    assertEquals("postgres", ServiceKind.POSTGRES.yamlName());
    assertEquals(ServiceKind.MEMCACHED, ServiceKind.fromYamlName("Memcached"));
    assertEquals(
        "apt-get install redis-server (or run ./djbench setup)",
        ServiceKind.REDIS.installCommand());
    assertEquals("python3-celery", ServiceKind.CELERY.debianPackage());
    assertEquals("", ServiceKind.UPSTREAM.installCommand());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ServiceKind.fromYamlName("mysql"));
    assertTrue(
        e.getMessage().contains("'mysql'") && e.getMessage().contains("postgres, redis"),
        e.getMessage());
  }

  @Test
  void providerChoiceParsesTheCommandLineSpelling() {
    assertEquals(ProviderChoice.AUTO, ProviderChoice.parse("auto"));
    assertEquals(ProviderChoice.EXTERNAL, ProviderChoice.parse(" External "));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ProviderChoice.parse("k8s"));
    assertEquals("--services 'k8s': expected auto, local, docker or external", e.getMessage());
  }

  @Test
  void externalChoiceWithoutAUrlIsUnavailableWithTheFormExpected() {
    try (ServiceSet set =
        set(ProviderChoice.EXTERNAL, Map.of(ServiceKind.REDIS, "redis://127.0.0.1:1"))) {
      assertEquals(Optional.of(ServiceSet.Source.EXTERNAL), set.sourceOf(ServiceKind.REDIS));
      assertEquals(
          Optional.of(
              "no URL given for postgres with --services external (expected"
                  + " postgres://user:password@host:port/database)"),
          set.unavailableReason(ServiceKind.POSTGRES));
      assertEquals(Optional.of(ServiceSet.Source.IN_PROCESS), set.sourceOf(ServiceKind.UPSTREAM));
    }
  }

  @Test
  void aMalformedExternalUrlFailsWhenTheSetIsCreated() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> set(ProviderChoice.AUTO, Map.of(ServiceKind.MEMCACHED, "memcache://h:1")));
    assertTrue(e.getMessage().contains("'memcache://h:1'"), e.getMessage());
  }

  @Test
  void nginxAndCeleryAreNotSharedServices() {
    try (ServiceSet set = set(ProviderChoice.LOCAL, Map.of())) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> set.acquire(ServiceKind.NGINX));
      assertTrue(e.getMessage().contains("startNginx"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> set.acquire(ServiceKind.CELERY));
    }
  }

  @Test
  void settingsCheckTheStartupTimeout() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new ServiceSet.Settings(
                    ProviderChoice.AUTO,
                    run,
                    run,
                    Map.of(),
                    new PythonEnv(Path.of("/usr/bin/python3")),
                    Duration.ZERO));
    assertTrue(e.getMessage().contains("PT0S"), e.getMessage());
  }

  private ServiceSet set(ProviderChoice choice, Map<ServiceKind, String> urls) {
    return new ServiceSet(
        new ServiceSet.Settings(
            choice,
            run.resolve("work"),
            run.resolve("logs"),
            urls,
            new PythonEnv(Path.of("/usr/bin/python3")),
            Duration.ofSeconds(30)));
  }
}
