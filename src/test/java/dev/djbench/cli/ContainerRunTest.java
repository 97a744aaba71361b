package dev.djbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.sut.docker.DockerServices;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --services docker} runs the app in containers too: where no Docker engine answers, the run
 * stops before measuring anything, saying why, instead of quietly running the app natively.
 */
class ContainerRunTest {

  private static final String HOME = Path.of("").toAbsolutePath().toString();

  @TempDir Path work;

  @Test
  void withoutAnEngineTheRunStopsNamingTheDockerfileAndTheReason() {
    Assumptions.assumeTrue(
        DockerServices.engineUnavailableReason().isPresent(),
        "a Docker engine answers here: DjangoContainerIT runs the app in a container instead");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    int exit;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit =
          Djbench.execute(
              "--home",
              HOME,
              "run",
              "--services",
              "docker",
              "--only",
              "select-related",
              "--profile",
              "smoke",
              "--reports",
              work.resolve("reports").toString());
    } finally {
      System.setErr(saved);
    }
    String message = err.toString(StandardCharsets.UTF_8);
    assertEquals(3, exit, message);
    assertTrue(
        message.contains("sample-django-app/Dockerfile") && message.contains("no Docker engine"),
        message);
  }
}
