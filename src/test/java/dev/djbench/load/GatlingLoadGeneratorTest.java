package dev.djbench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.djbench.measure.TrialMeasurement;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives a real in-process Gatling run against a small loopback HTTP server. */
class GatlingLoadGeneratorTest {

  private HttpServer server;
  private final AtomicInteger served = new AtomicInteger();

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/ok",
        exchange -> {
          served.incrementAndGet();
          byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
          exchange
              .getResponseHeaders()
              .add(
                  "Server-Timing",
                  "total;dur=2.500, db;dur=1.250;count=7, cache;dur=0.000;hit=1;miss=2");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.createContext(
        "/broken",
        exchange -> {
          exchange.sendResponseHeaders(500, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private TrialSpec spec(String path, double rate, int warmup, int measure) {
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    return new TrialSpec("test", base, "GET", path, Map.of(), "", rate, false, warmup, measure, 5);
  }

  @Test
  void recordsEveryRequestOfTheMeasuredWindowWithItsServerTiming(@TempDir Path work)
      throws Exception {
    TrialMeasurement m = new GatlingLoadGenerator(work).run(spec("/ok", 40, 1, 2), () -> {});

    assertTrue(
        m.warmupRequests() >= 36 && m.warmupRequests() <= 44,
        "warm-up requests: " + m.warmupRequests());
    assertTrue(m.started() >= 76 && m.started() <= 84, "measured requests: " + m.started());
    assertEquals(m.started(), m.completed());
    assertEquals(0, m.errors());
    assertEquals(m.started() + m.warmupRequests(), served.get());
    assertEquals(m.started(), m.histograms().clientLatencyMicros().getTotalCount());
    assertEquals(2500, m.histograms().serverTotalMicros().getValueAtPercentile(50), 5);
    assertEquals(7, m.histograms().dbQueries().getMaxValue());
    assertEquals(m.started(), m.cacheHits());
    assertEquals(2 * m.started(), m.cacheMisses());
    assertEquals(Map.of(200, m.started()), m.statusCounts());
  }

  @Test
  void countsErrorStatusesAndRefusedConnectionsAsErrors(@TempDir Path work) throws Exception {
    TrialMeasurement broken =
        new GatlingLoadGenerator(work).run(spec("/broken", 20, 0, 1), () -> {});
    assertEquals(broken.started(), broken.errors());
    assertEquals(Map.of(500, broken.started()), broken.statusCounts());

    int port = server.getAddress().getPort();
    server.stop(0);
    var refused =
        new TrialSpec(
            "refused",
            URI.create("http://127.0.0.1:" + port),
            "GET",
            "/ok",
            Map.of(),
            "",
            20,
            false,
            0,
            1,
            2);
    TrialMeasurement m = new GatlingLoadGenerator(work).run(refused, () -> {});
    assertTrue(m.started() > 0);
    assertEquals(m.started(), m.connectionFailures());
    assertEquals(m.started(), m.errors());
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
  }

  @Test
  void reportsTheGatlingVersionItRuns() {
    assertTrue(
        GatlingLoadGenerator.version().matches("3\\.\\d+\\.\\d+"), GatlingLoadGenerator.version());
  }
}
