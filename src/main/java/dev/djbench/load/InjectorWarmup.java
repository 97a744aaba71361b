package dev.djbench.load;

import com.sun.net.httpserver.HttpServer;
import dev.djbench.measure.TrialMeasurement;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs the load generator's request path hot before the first measured trial.
 *
 * <p>Gatling's request path (a virtual user, its session, a connection, the checks) is a deep stack
 * of code that the JVM interprets until it has run often enough to be compiled. At the rates of a
 * Django trial (tens of requests a second) that takes minutes, and until then every request carries
 * a millisecond or more of the injector's own time: on one endpoint of known latency the first
 * trial of a JVM read a p50 2 ms above a warm one (see docs/PERFORMANCE.md, "Client latency against
 * wrk"). Trials early in a run would measure a colder injector than later ones.
 *
 * <p>So, once per JVM, djbench sends {@value #REQUESTS_PER_SECOND} requests a second for {@value
 * #SECONDS} seconds through the same simulation to an endpoint of its own on loopback, which
 * answers at once with a {@code Server-Timing} header like the probe's, and discards what was
 * measured. No request of it reaches the app under test.
 */
final class InjectorWarmup {

  static final int REQUESTS_PER_SECOND = 2000;
  static final int SECONDS = 5;

  private static final byte[] BODY = "ok".getBytes(StandardCharsets.US_ASCII);

  private InjectorWarmup() {}

  /**
   * Sends the warm-up load through {@code generator}.
   *
   * @return what the warm-up measured, for a caller that wants to check it
   * @throws LoadException when the endpoint cannot be opened or the generator fails
   */
  static TrialMeasurement run(LoadGenerator generator) throws LoadException {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    } catch (IOException e) {
      throw new LoadException(
          "cannot open the load generator's warm-up endpoint on loopback: " + e.getMessage(), e);
    }
    ExecutorService threads =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "djbench-warmup-endpoint");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(threads);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange
                .getResponseHeaders()
                .add(
                    "Server-Timing",
                    "total;dur=0.100, db;dur=0.000;count=0;repeat=0, dbgroups;dur=0.000;count=0;"
                        + "db=0.000, cache;dur=0.000;hit=0;miss=0, template;dur=0.000");
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(BODY);
            }
          }
        });
    server.start();
    try {
      URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
      var spec =
          new TrialSpec(
              "injector-warmup",
              base,
              "GET",
              "/",
              Map.of(),
              "",
              REQUESTS_PER_SECOND,
              false,
              0,
              SECONDS,
              10,
              0);
      return generator.runTogether(List.of(spec), List.of(() -> {})).get(0);
    } finally {
      server.stop(0);
      threads.shutdownNow();
    }
  }
}
