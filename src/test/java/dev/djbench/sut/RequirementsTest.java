package dev.djbench.sut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.scenario.Need;
import dev.djbench.scenario.ScenarioLoader;
import dev.djbench.sut.process.PythonEnv;
import dev.djbench.sut.services.ServiceKind;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What an experiment needs, derived from the one list of needs and from its deployments. */
class RequirementsTest {

  private static final Path HOME = Path.of("").toAbsolutePath();

  @Test
  void everyPythonNeedIsAmongTheModulesTheInterpreterIsAskedAbout() {
    for (Need need : Need.values()) {
      need.pythonModule()
          .ifPresent(
              module ->
                  assertTrue(
                      PythonEnv.VERSIONS_SCRIPT.contains("'" + module + "'"),
                      need + ": " + module + " is not asked for"));
    }
  }

  @Test
  void everyServiceNeedIsAServiceKindAndEveryServiceKindANeed() {
    for (ServiceKind kind : ServiceKind.values()) {
      assertTrue(Need.byYamlName(kind.yamlName()).isPresent(), kind.yamlName());
    }
  }

  @Test
  void deploymentsAndNeedsImplyServicesAndPackages() throws Exception {
    var experiment =
        new ScenarioLoader(HOME)
            .parse(
                HOME.resolve("scenarios/requirements-test.yaml"),
                """
                suite: requirements
                app: ../sample-django-app
                experiments:
                  - id: offload
                    needs: [celery]
                    variants:
                      a: {request: GET /a/, deployment: {database: postgres, cache: memcached}}
                      b: {request: GET /b/, deployment: {worker_class: uvicorn, nginx: true}}
                """)
            .experiments()
            .get(0);
    assertEquals(
        EnumSet.of(
            ServiceKind.POSTGRES,
            ServiceKind.MEMCACHED,
            ServiceKind.NGINX,
            ServiceKind.CELERY,
            ServiceKind.REDIS),
        Requirements.services(experiment));
    assertEquals(
        Set.of(Need.CELERY, Need.REDIS_PY, Need.PSYCOPG2, Need.PYMEMCACHE, Need.UVICORN),
        Requirements.pythonModules(experiment));
  }
}
