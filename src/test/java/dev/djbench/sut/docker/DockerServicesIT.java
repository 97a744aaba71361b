package dev.djbench.sut.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.sut.services.AppEnvironment;
import dev.djbench.sut.services.FrontProxy;
import dev.djbench.sut.services.Memcached;
import dev.djbench.sut.services.Probes;
import dev.djbench.sut.services.Service;
import dev.djbench.sut.services.ServiceKind;
import dev.djbench.sut.services.UpstreamServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container provider, run only where a Docker engine answers; elsewhere every test is skipped,
 * saying why.
 */
class DockerServicesIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir Path run;

  /** Per test, not per class, so that each test is reported as skipped with the reason. */
  @BeforeEach
  void requireEngine() {
    Optional<String> reason = DockerServices.engineUnavailableReason();
    Assumptions.assumeTrue(reason.isEmpty(), () -> reason.orElse(""));
  }

  private DockerServices docker() {
    return new DockerServices(run.resolve("logs"), Duration.ofMinutes(2));
  }

  @Test
  void postgresContainerAcceptsTheAppUser() throws Exception {
    try (Service postgres = docker().start(ServiceKind.POSTGRES)) {
      assertEquals("djbench", postgres.appEnvironment().get(AppEnvironment.PG_USER));
      postgres.checkAlive();
      assertTrue(postgres.describe().endsWith("(docker)"), postgres.describe());
    }
  }

  @Test
  void redisContainerAnswersSetAndGet() throws Exception {
    try (Service redis = docker().start(ServiceKind.REDIS)) {
      URI url = URI.create(redis.appEnvironment().get(AppEnvironment.CACHE_URL));
      assertEquals(
          "+OK",
          Probes.redis(url.getHost(), url.getPort(), Optional.empty(), TIMEOUT, "SET", "k", "v"));
      assertEquals(
          "v", Probes.redis(url.getHost(), url.getPort(), Optional.empty(), TIMEOUT, "GET", "k"));
    }
    assertTrue(Files.exists(run.resolve("logs/redis.docker.log")), "the container's log is kept");
  }

  @Test
  void memcachedContainerStoresAValue() throws Exception {
    try (Service memcached = docker().start(ServiceKind.MEMCACHED)) {
      String hostPort = memcached.appEnvironment().get(AppEnvironment.CACHE_URL);
      int port = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
      assertEquals("STORED", Memcached.set(port, "k", "v"));
      assertEquals("v", Memcached.get(port, "k"));
    }
  }

  @Test
  void nginxContainerProxiesToAnAppOnThisMachine() throws Exception {
    try (UpstreamServer upstream = UpstreamServer.start();
        FrontProxy nginx = docker().startNginx(upstream.baseUrl(), Optional.empty(), false)) {
      HttpResponse<String> response = Probes.httpGet(nginx.baseUrl().resolve("/delay/10"), TIMEOUT);
      assertEquals(200, response.statusCode());
      assertEquals("{\"delay_ms\": 10}", response.body());
    }
  }
}
