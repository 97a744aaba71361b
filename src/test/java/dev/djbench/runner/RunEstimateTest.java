package dev.djbench.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.djbench.plan.Profile;
import dev.djbench.scenario.Experiment;
import dev.djbench.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunEstimateTest {

  @TempDir Path home;

  private List<Experiment> experiments() throws Exception {
    Files.createDirectories(home.resolve("app"));
    Files.writeString(
        home.resolve("app/manage.py"),
        "os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"shop.settings\")\n");
    return new ScenarioLoader(home)
        .parse(
            home.resolve("s.yaml"),
            """
            suite: s
            app: app
            experiments:
              - id: together
                load: {interleave: requests}
                variants: {x: GET /a/, y: GET /b/}
              - id: apart
                variants: {x: GET /a/, y: GET /b/, z: GET /c/}
              - id: capacity
                variants: {x: GET /a/, y: GET /b/}
                capacity: {slo_p99: 250ms, probes: 8}
            """)
        .experiments();
  }

  @Test
  void theUnitIsTheLeastTrialsThePlanRuns() throws Exception {
    var e = experiments();
    assertEquals(3, RunEstimate.units(e.get(0), Profile.QUICK), "3 blocks of one trial");
    assertEquals(9, RunEstimate.units(e.get(1), Profile.QUICK), "3 blocks of three trials");
    assertEquals(8, RunEstimate.units(e.get(2), Profile.QUICK), "half of 8 probes, 2 variants");
  }

  @Test
  void beforeAnythingRanAUnitIsPricedFromTheProfileThenFromWhatItCost() throws Exception {
    var e = experiments();
    long start = 1_000_000_000L;
    var estimate = new RunEstimate(Profile.QUICK, start);
    // 20 units at 2 s warm-up + 3 s trial + 1.5 s start-up.
    assertEquals(Duration.ofMillis(130_000), estimate.left(e, start));
    estimate.done(e.get(0));
    // The first experiment's 3 units took 30 s: 10 s a unit for the 17 left.
    long now = start + 30_000_000_000L;
    assertEquals(Duration.ofSeconds(170), estimate.left(e.subList(1, 3), now));
    assertEquals(
        "2 of 3, 0:30 elapsed, about 2:50 left", estimate.line(2, 3, e.subList(1, 3), now));
  }

  @Test
  void clocksReadAsMinutesOrHours() {
    assertEquals("0:05", RunEstimate.clock(Duration.ofSeconds(5)));
    assertEquals("12:00", RunEstimate.clock(Duration.ofMinutes(12)));
    assertEquals("1:02:03", RunEstimate.clock(Duration.ofSeconds(3723)));
  }
}
