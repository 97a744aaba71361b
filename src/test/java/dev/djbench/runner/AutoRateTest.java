package dev.djbench.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.results.CapacityResult;
import dev.djbench.scenario.Deployment;
import dev.djbench.scenario.ScenarioDefaults;
import dev.djbench.sut.process.TargetException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AutoRateTest {

  @Test
  void theSearchStartsAtAQuarterOfWhatTheWorkersCouldServeUnloaded() {
    // 20 ms a request, 2 workers: 100/s if nothing queued; the search starts at 25/s.
    var spec = AutoRate.spec(20_000, 2, 0.01);
    assertEquals(25.0, spec.fromRatePerSecond());
    assertEquals(800.0, spec.toRatePerSecond());
    assertEquals(200_000, spec.sloP99Micros(), "10 × the unloaded median");
    assertEquals(0.01, spec.maxErrorFraction());
    // A 1 ms page: the objective is never tighter than 25 ms.
    assertEquals(25_000, AutoRate.spec(1_000, 2, 0.01).sloP99Micros());
    // A page slower than its workers can serve once a second still starts at 1/s.
    assertEquals(1.0, AutoRate.spec(5_000_000, 1, 0).fromRatePerSecond());
    assertEquals(0.01, AutoRate.spec(5_000_000, 1, 0).maxErrorFraction(), "0% is not a limit");
  }

  private static Deployment deployment(Deployment.Server server, Deployment.WorkerClass worker) {
    Deployment base = ScenarioDefaults.DEPLOYMENT;
    return new Deployment(
        server,
        worker,
        3,
        4,
        base.database(),
        base.cache(),
        false,
        0,
        base.staticFiles(),
        false,
        false,
        Map.of());
  }

  @Test
  void concurrencyCountsThreadsOnlyForGthreadAndOneForRunserver() {
    assertEquals(
        ScenarioDefaults.DEPLOYMENT.workers(), AutoRate.concurrency(ScenarioDefaults.DEPLOYMENT));
    assertEquals(
        12,
        AutoRate.concurrency(
            deployment(Deployment.Server.GUNICORN, Deployment.WorkerClass.GTHREAD)));
    assertEquals(
        3,
        AutoRate.concurrency(deployment(Deployment.Server.GUNICORN, Deployment.WorkerClass.SYNC)));
    assertEquals(
        1,
        AutoRate.concurrency(deployment(Deployment.Server.RUNSERVER, Deployment.WorkerClass.SYNC)));
  }

  private static CapacityResult held(double lastPassing, double firstFailing) {
    return new CapacityResult(
        "naive",
        "bracketed",
        lastPassing,
        lastPassing,
        firstFailing,
        200_000,
        0.01,
        List.of(new CapacityResult.Probe(25, 40_000, 0, lastPassing > 0, 0)));
  }

  @Test
  void theRateIsHalfWhatHeldInWholeRequests() throws Exception {
    assertEquals(45.0, AutoRate.rateOf("e", held(90.6, 100)));
    assertEquals(1.0, AutoRate.rateOf("e", held(1.5, 3)), "never below 1/s");
  }

  @Test
  void noRateThatHeldIsAnErrorThatSaysWhatToDo() {
    var e = assertThrows(TargetException.class, () -> AutoRate.rateOf("slow", held(0, 25)));
    assertTrue(
        e.getMessage().contains("slow/naive") && e.getMessage().contains("set load.rate"),
        e.getMessage());
  }
}
