package dev.djbench.sut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.scenario.Scenario;
import dev.djbench.scenario.ScenarioLoader;
import dev.djbench.sut.process.Ports;
import dev.djbench.sut.process.PythonEnv;
import dev.djbench.sut.process.TargetException;
import dev.djbench.sut.services.ServiceKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared services a run needs are started before its first trial, and one that cannot come up
 * is named with the experiments that need it.
 */
class ServicePreflightIT {

  private static final Path HOME = Path.of("").toAbsolutePath();

  @TempDir Path run;

  private static Scenario scenario() throws Exception {
    return new ScenarioLoader(HOME)
        .parse(
            HOME.resolve("scenarios/preflight-test.yaml"),
            """
            suite: preflight
            app: ../sample-django-app
            experiments:
              - {id: on-sqlite, variants: {a: GET /techniques/select-related/naive/, b: GET /techniques/select-related/optimized/}}
              - id: on-postgres
                variants: {a: GET /techniques/select-related/naive/, b: GET /techniques/select-related/optimized/}
                deployment: {database: postgres}
              - id: on-redis
                variants: {a: GET /techniques/select-related/naive/, b: GET /techniques/select-related/optimized/}
                deployment: {cache: redis}
              - id: also-on-postgres
                variants: {a: GET /techniques/select-related/naive/, b: GET /techniques/select-related/optimized/}
                deployment: {database: postgres, cache: redis}
            """);
  }

  private ServiceSet services(
      Map<ServiceKind, String> urls, ProviderChoice choice, Duration startupTimeout) {
    return new ServiceSet(
        new ServiceSet.Settings(
            choice,
            run.resolve("work"),
            run.resolve("logs"),
            urls,
            new PythonEnv(Path.of("/usr/bin/python3")),
            startupTimeout));
  }

  @Test
  void sharedNeedsListEachSharedServiceWithTheExperimentsThatNeedIt() throws Exception {
    assertEquals(
        Map.of(
            ServiceKind.POSTGRES, List.of("on-postgres", "also-on-postgres"),
            ServiceKind.REDIS, List.of("on-redis", "also-on-postgres")),
        ServicePreflight.sharedNeeds(scenario().experiments()));
  }

  @Test
  void aServiceThatCannotComeUpIsNamedWithTheExperimentsThatNeedItBeforeAnyTrial()
      throws Exception {
    // Nothing listens on this port: the "service" the user named does not answer.
    String deadUrl = "postgres://djbench:pw@127.0.0.1:" + Ports.freeLoopbackPort() + "/djbench";
    var console = new ByteArrayOutputStream();
    try (ServiceSet set =
        services(
            Map.of(ServiceKind.POSTGRES, deadUrl, ServiceKind.REDIS, "redis://127.0.0.1:1"),
            ProviderChoice.EXTERNAL,
            Duration.ofSeconds(2))) {
      TargetException e =
          assertThrows(
              TargetException.class,
              () ->
                  ServicePreflight.start(
                      scenario().experiments(),
                      set,
                      new PrintStream(console, true, StandardCharsets.UTF_8)::println));
      assertTrue(
          e.getMessage()
              .startsWith(
                  "postgres could not start, and on-postgres, also-on-postgres need it;"
                      + " nothing was measured: "),
          e.getMessage());
      assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
      assertEquals(List.of(), set.started(), "nothing is left running");
    }
  }

  @Test
  void localServicesStartFirstAndStayForTheRun() throws Exception {
    var console = new ByteArrayOutputStream();
    try (ServiceSet set = services(Map.of(), ProviderChoice.LOCAL, Duration.ofSeconds(60))) {
      ServicePreflight.start(
          scenario().experiments(),
          set,
          new PrintStream(console, true, StandardCharsets.UTF_8)::println);
      assertEquals(
          List.of(ServiceKind.POSTGRES, ServiceKind.REDIS),
          set.started().stream().map(s -> s.kind()).toList());
      String out = console.toString(StandardCharsets.UTF_8);
      assertTrue(out.contains("service postgres: postgres "), out);
      assertTrue(out.contains("service redis: "), out);
    }
  }
}
