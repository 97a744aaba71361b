package dev.djbench.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.results.CapacityResult;
import dev.djbench.results.ResultsFixtures;
import dev.djbench.results.TrialResult;
import dev.djbench.scenario.CapacitySpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A capacity search fed probes as a busy machine gives them: a probe that the app passed but the
 * load generator could not keep to its schedule is probed once more, and counts by its repeat; a
 * probe the app failed is not repeated.
 */
class CapacitySearchTest {

  private com.sun.net.httpserver.HttpServer health;

  /** The health check a failed probe waits on before the next: it answers at once. */
  @org.junit.jupiter.api.BeforeEach
  void startHealth() throws Exception {
    health =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 8);
    health.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    health.start();
  }

  @org.junit.jupiter.api.AfterEach
  void stopHealth() {
    health.stop(0);
  }

  /** A probe with a p99 about {@code latencyMicros}, invalid for a lagging load generator. */
  private static TrialResult probe(long latencyMicros, boolean lagged) {
    TrialResult t = ResultsFixtures.trial("naive", 0, latencyMicros, 1);
    return ResultsFixtures.as(
        t,
        t.experiment(),
        !lagged,
        lagged
            ? List.of(
                "the load generator fell behind its schedule: p99 start lag 80.0 ms (limit 25.0 ms)")
            : List.of());
  }

  private final List<Double> rates = new ArrayList<>();
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  private CapacityResult search(List<TrialResult> answers) throws Exception {
    var progress =
        new Progress(
            new PrintStream(console, true, StandardCharsets.UTF_8), false, System::nanoTime);
    // Objective 100 ms; 10/s to 20/s in at most 2 probes.
    var spec = new CapacitySpec(100_000, 0.01, 10, 20, 2);
    return CapacitySearch.run(
        "naive",
        spec,
        (rate, index) -> {
          rates.add(rate);
          return answers.get(rates.size() - 1);
        },
        URI.create("http://127.0.0.1:" + health.getAddress().getPort() + "/"),
        progress);
  }

  @Test
  void aProbeTheAppPassedButTheLoadGeneratorLaggedIsProbedOnceMore() throws Exception {
    CapacityResult result =
        search(List.of(probe(20_000, true), probe(20_000, false), probe(20_000, false)));

    assertEquals(10.0, rates.get(0));
    assertEquals(10.0, rates.get(1), "the same rate again");
    assertTrue(result.lastPassingPerSecond() >= 10, "the repeat held: " + result);
    assertTrue(
        console.toString(StandardCharsets.UTF_8).contains("probing it once more"),
        console.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aProbeTheAppFailedIsNotRepeated() throws Exception {
    CapacityResult result = search(List.of(probe(400_000, true), probe(400_000, true)));

    assertEquals(10.0, rates.get(0));
    assertTrue(rates.size() == 1 || rates.get(1) != 10.0, "not the same rate again: " + rates);
    assertTrue(!(result.lastPassingPerSecond() > 0), "nothing held: " + result);
  }
}
