package dev.djbench.sut.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.scenario.ScenarioDefaults;
import dev.djbench.sut.process.CpuLayout;
import dev.djbench.sut.process.LoopbackHttp;
import dev.djbench.sut.process.TargetException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference app in a container built from its Dockerfile, run only where a Docker engine
 * answers; elsewhere every test is skipped, saying why. The image installs requirements.txt with
 * pip, so the engine needs a package index too.
 */
class DjangoContainerIT {

  private static final Path HOME = Path.of("").toAbsolutePath();

  @TempDir Path run;

  @BeforeEach
  void requireEngine() {
    Optional<String> reason = DockerServices.engineUnavailableReason();
    Assumptions.assumeTrue(reason.isEmpty(), () -> reason.orElse(""));
  }

  @Test
  void theAppAnswersFromItsContainerAndIsGoneAfterClose() throws Exception {
    AppImage image = new AppImage.Cache().of(HOME.resolve(ScenarioDefaults.REFERENCE_APP));
    assertFalse(image.versions().getOrDefault("django", "missing").equals("missing"));
    DjangoContainer app =
        DjangoContainer.start(
            "container-it",
            image,
            ScenarioDefaults.referenceApp(HOME),
            ScenarioDefaults.DEPLOYMENT,
            Map.of("authors", "5", "posts", "20"),
            run.resolve("work"),
            run.resolve("logs"),
            Map.of(),
            Duration.ofSeconds(60),
            CpuLayout.choose(CpuLayout.Choice.SHARED, CpuLayout.available()));
    try (app) {
      HttpResponse<String> page =
          LoopbackHttp.client(Duration.ofSeconds(5))
              .send(
                  HttpRequest.newBuilder(
                          app.baseUrl().resolve("/techniques/select-related/optimized/?limit=5"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, page.statusCode());
      assertTrue(
          page.headers().firstValue("Server-Timing").orElse("").contains("db;dur="),
          "the app's Server-Timing header comes through");
      app.checkAlive();
    }
    assertThrows(TargetException.class, app::checkAlive, "the container is stopped");
    assertTrue(
        Files.exists(run.resolve("logs/container-it.container.log")), "the container log is kept");
  }
}
