package dev.djbench.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.djbench.plan.Profile;
import dev.djbench.scenario.Scenario;
import dev.djbench.scenario.ScenarioLoader;
import dev.djbench.stats.Defaults;
import dev.djbench.sut.ProviderChoice;
import dev.djbench.sut.process.CpuLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gate's run may stop only when the strictest of Holm's levels would settle every check: its
 * intervals spend α shared by all checks, a suite's spend α whole.
 */
class StoppingAlphaTest {

  @TempDir Path home;

  private RunOptions options(String yaml) throws Exception {
    Files.createDirectories(home.resolve("app"));
    Files.writeString(
        home.resolve("app/manage.py"),
        "os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"shop.settings\")\n");
    Path file = home.resolve("s.yaml");
    Scenario s = new ScenarioLoader(home).parse(file, yaml);
    return RunOptions.forRun(
        s,
        Profile.QUICK,
        1,
        0.05,
        home.resolve("reports"),
        List.of(),
        home,
        ProviderChoice.AUTO,
        Map.of(),
        CpuLayout.Choice.AUTO,
        false,
        dev.djbench.plan.ShardPlan.WHOLE);
  }

  @Test
  void aSuiteSpendsAlphaWhole() throws Exception {
    RunOptions suite =
        options(
            """
            suite: s
            app: app
            experiments:
              - id: a
                variants: {x: GET /a/, y: GET /b/}
            """);
    assertEquals(Defaults.ALPHA, RunExecutor.stoppingAlpha(suite));
  }

  @Test
  void aGateSharesAlphaOverEveryExperimentAndCheck() throws Exception {
    RunOptions loaded =
        options(
            """
            suite: g
            app: app
            gate: {server_p50: 5%, p50: 20%, p90: 20%}
            experiments:
              - id: a
                request: GET /a/
              - id: b
                request: GET /b/
            """);
    var gate = loaded.forGate(loaded.scenario(), Map.of("a", 0.05, "b", 0.2, "c", 0.2));
    assertEquals(Defaults.FAMILY_ALPHA / 6, RunExecutor.stoppingAlpha(gate), 1e-15);
    var nothingGated = loaded.forGate(loaded.scenario(), Map.of());
    assertEquals(Defaults.ALPHA, RunExecutor.stoppingAlpha(nothingGated), "nothing stops early");
  }
}
