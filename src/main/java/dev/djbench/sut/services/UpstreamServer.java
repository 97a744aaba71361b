package dev.djbench.sut.services;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.djbench.sut.process.Readiness;
import dev.djbench.sut.process.TargetException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A deliberately slow HTTP upstream inside the harness, standing in for a third-party API the app
 * calls: {@code GET /delay/<ms>} answers {@code {"delay_ms": ms}} after sleeping that long. Each
 * request gets its own thread (a cached pool), so concurrent delayed requests overlap instead of
 * queueing behind each other.
 */
public final class UpstreamServer implements Service {

  /** The longest delay a request may ask for, in milliseconds. */
  public static final int MAX_DELAY_MS = 60_000;

  private static final String PREFIX = "/delay/";

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicLong requests = new AtomicLong();

  private UpstreamServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts the server on a free port of 127.0.0.1 and checks that it answers {@code GET /delay/0}.
   *
   * @throws TargetException when it cannot bind or does not answer
   */
  public static UpstreamServer start() throws TargetException {
    HttpServer server;
    try {
      // A backlog of 1024: a load test may open many connections at once.
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    } catch (IOException e) {
      throw new TargetException(
          "cannot start the upstream HTTP server on 127.0.0.1: " + e.getMessage(), e);
    }
    ExecutorService executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "djbench-upstream");
              thread.setDaemon(true);
              return thread;
            });
    UpstreamServer upstream = new UpstreamServer(server, executor);
    server.createContext("/", upstream::handle);
    server.setExecutor(executor);
    server.start();
    try {
      Readiness.await(
          "upstream on " + upstream.baseUrl(),
          Duration.ofSeconds(10),
          Optional.empty(),
          upstream::probe);
    } catch (TargetException e) {
      upstream.close();
      throw e;
    }
    return upstream;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      String path = exchange.getRequestURI().getPath();
      if (!"GET".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, "{\"error\": \"only GET\"}");
        return;
      }
      if (!path.startsWith(PREFIX)) {
        respond(exchange, 404, "{\"error\": \"expected GET /delay/<ms>\"}");
        return;
      }
      int delayMillis = parseDelayMillis(path.substring(PREFIX.length()));
      if (delayMillis < 0) {
        respond(
            exchange,
            400,
            "{\"error\": \"delay must be an integer from 0 to " + MAX_DELAY_MS + " ms\"}");
        return;
      }
      if (delayMillis > 0) {
        Thread.sleep(delayMillis);
      }
      respond(exchange, 200, "{\"delay_ms\": " + delayMillis + "}");
    } catch (InterruptedException e) {
      // Shutting down: the connection is closed without an answer.
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The delay in milliseconds named by {@code text}, or -1 when it is not an integer from 0 to the
   * maximum.
   */
  static int parseDelayMillis(String text) {
    if (text.isEmpty() || text.length() > 6 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    int value = Integer.parseInt(text);
    return value <= MAX_DELAY_MS ? value : -1;
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private void probe() throws IOException, InterruptedException {
    int status = Probes.httpGet(baseUrl().resolve("/delay/0"), Duration.ofSeconds(2)).statusCode();
    if (status != 200) {
      throw new IOException("GET /delay/0 answered status " + status);
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Requests answered (or refused) so far. */
  public long requestCount() {
    return requests.get();
  }

  @Override
  public ServiceKind kind() {
    return ServiceKind.UPSTREAM;
  }

  @Override
  public Map<String, String> appEnvironment() {
    return AppEnvironment.upstream(baseUrl());
  }

  /** Empty: the server runs inside the harness, whose CPU is not the system under test's. */
  @Override
  public List<Long> processes() {
    return List.of();
  }

  @Override
  public void checkAlive() throws TargetException {
    try {
      probe();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetException("interrupted while checking the upstream server");
    } catch (IOException e) {
      throw new TargetException(
          "the upstream server on " + baseUrl() + " does not answer GET /delay/0: " + e, e);
    }
  }

  @Override
  public String describe() {
    return "upstream /delay/<ms> on " + baseUrl().getAuthority() + " (in-process)";
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
