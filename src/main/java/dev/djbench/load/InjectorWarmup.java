package dev.djbench.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.djbench.measure.TrialMeasurement;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import java.util.zip.GZIPOutputStream;

/**
 * Runs the load generator's request path hot, and waits for the JVM to finish compiling it, before
 * the first measured trial.
 *
 * <p>Gatling's request path (a virtual user, its session, a connection, the checks) is a deep stack
 * of code that the JVM interprets until it has run often enough to be compiled. At the rates of a
 * Django trial (tens of requests a second) that takes minutes, and until then every request carries
 * a millisecond or more of the injector's own time: on one endpoint of known latency the first
 * trial of a JVM read a p50 2 ms above a warm one (see docs/PERFORMANCE.md, "Client latency against
 * C clients"). Trials early in a run would measure a colder injector than later ones.
 *
 * <p>Compiling is itself CPU work: the optimizing compiler spends 100–200 ms of a core on one of
 * Netty's or Gatling's hot methods. On a 2-core machine a compilation that runs while a trial
 * measures takes a core from the app, and shows in that trial's tail. So the warm-up has two
 * phases, both against an endpoint of djbench's own on loopback, which answers at once with a
 * {@code Server-Timing} header like the probe's; no request of it reaches the app under test, and
 * what it measured is discarded:
 *
 * <ol>
 *   <li>a burst of {@value #BURST_REQUESTS_PER_SECOND} requests a second for {@value
 *       #BURST_SECONDS} s, half on a new connection each and half on kept-alive connections with a
 *       gzip-encoded body, so that every path a trial takes (connect, pool, decoder) gets hot;
 *   <li>a pause, with no load, until the JIT has been idle for a second (at most 10 s): the burst
 *       leaves a queue of compilations behind;
 *   <li>settling rounds of {@value #SETTLE_ROUND_SECONDS} s at {@value #SETTLE_REQUESTS_PER_SECOND}
 *       requests a second, each a Gatling run of its own as a trial is, until a round in which the
 *       JIT compiled for less than {@value #QUIET_COMPILE_MILLIS} ms, or until {@value
 *       #MAX_SETTLE_ROUNDS} rounds have run: the compilations that a trial's start and slower pace
 *       bring on then fall here rather than into the first trials' measured windows.
 * </ol>
 *
 * <p>On 2026-12-02 the pause and the rounds cut the JIT's work inside a 30 s trial at 20 requests a
 * second from 3.4–3.8 s to about 0.6 s, and that trial's p99 against a 5 ms endpoint from 9.2–9.4
 * ms to 6.6–7.2 ms (wrk: 6.3 ms); docs/PERFORMANCE.md, "Client latency against C clients".
 */
final class InjectorWarmup {

  static final int BURST_REQUESTS_PER_SECOND = 2000;
  static final int BURST_SECONDS = 5;
  static final int SETTLE_ROUND_SECONDS = 1;
  static final int SETTLE_REQUESTS_PER_SECOND = 200;
  static final int MAX_SETTLE_ROUNDS = 12;
  static final long QUIET_COMPILE_MILLIS = 15;
  static final long DRAIN_QUIET_MILLIS = 1000;
  static final long DRAIN_MAX_MILLIS = 10_000;

  /** The longest the warm-up takes, in seconds (Gatling's start-up comes on top). */
  static final int MAX_SECONDS =
      BURST_SECONDS + (int) (DRAIN_MAX_MILLIS / 1000) + MAX_SETTLE_ROUNDS * SETTLE_ROUND_SECONDS;

  private static final byte[] BODY = "ok".getBytes(StandardCharsets.US_ASCII);
  private static final String SERVER_TIMING =
      "total;dur=0.100, db;dur=0.000;count=0;repeat=0, dbgroups;dur=0.000;count=0;"
          + "db=0.000, cache;dur=0.000;hit=0;miss=0, template;dur=0.000";

  private InjectorWarmup() {}

  /**
   * What a warm-up did.
   *
   * @param burst what the burst's streams measured, new connections first
   * @param settleRounds how many settling rounds ran
   * @param lastRoundCompileMillis the JIT's compile time during the last settling round, or -1 when
   *     no round ran (settling not asked for, or this JVM does not report compile time)
   */
  record Result(List<TrialMeasurement> burst, int settleRounds, long lastRoundCompileMillis) {

    /**
     * Whether the last settling round was quiet (below {@value #QUIET_COMPILE_MILLIS} ms); false
     * when the rounds ran out first or none ran.
     */
    boolean quiet() {
      return settleRounds > 0 && lastRoundCompileMillis < QUIET_COMPILE_MILLIS;
    }
  }

  /** This JVM's total JIT compile time so far in ms, or null where it does not report it. */
  static LongSupplier jitCompileMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit::getTotalCompilationTime
        : null;
  }

  /**
   * Sends the warm-up load through {@code generator}.
   *
   * @param settle false for the burst alone, without the pause and the settling rounds
   * @return what the warm-up did, for a caller that wants to check or report it
   * @throws LoadException when the endpoint cannot be opened or the generator fails
   */
  static Result run(LoadGenerator generator, boolean settle) throws LoadException {
    return run(generator, settle ? jitCompileMillis() : null);
  }

  /**
   * @param compileMillis the JIT's total compile time so far, or null when it is not known or not
   *     wanted (then the pause and the settling rounds are skipped)
   */
  static Result run(LoadGenerator generator, LongSupplier compileMillis) throws LoadException {
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
    byte[] gzipped = gzip(BODY);
    server.createContext("/", exchange -> answer(exchange, BODY, null));
    server.createContext("/gz", exchange -> answer(exchange, gzipped, "gzip"));
    server.start();
    try {
      URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
      List<TrialMeasurement> burst =
          generator.runTogether(
              streams(base, BURST_REQUESTS_PER_SECOND / 2.0, BURST_SECONDS),
              List.of(() -> {}, () -> {}));
      if (compileMillis == null) {
        return new Result(burst, 0, -1);
      }
      drain(compileMillis);
      int rounds = 0;
      long compiled = Long.MAX_VALUE;
      while (rounds < MAX_SETTLE_ROUNDS && compiled >= QUIET_COMPILE_MILLIS) {
        long before = compileMillis.getAsLong();
        generator.runTogether(
            streams(base, SETTLE_REQUESTS_PER_SECOND / 2.0, SETTLE_ROUND_SECONDS),
            List.of(() -> {}, () -> {}));
        compiled = compileMillis.getAsLong() - before;
        rounds++;
      }
      return new Result(burst, rounds, compiled);
    } finally {
      server.stop(0);
      threads.shutdownNow();
    }
  }

  /**
   * Waits, with no load, until the JIT has compiled nothing for {@value #DRAIN_QUIET_MILLIS} ms (at
   * most {@value #DRAIN_MAX_MILLIS} ms): the burst leaves a queue of compilations behind. Also used
   * by bench/clock-accuracy.sh, so that a reference tool measured right after a trial does not meet
   * that trial's late compilations.
   */
  static void drain(LongSupplier compileMillis) throws LoadException {
    long deadline = System.nanoTime() + DRAIN_MAX_MILLIS * 1_000_000L;
    long last = compileMillis.getAsLong();
    long quietSince = System.nanoTime();
    while (System.nanoTime() < deadline
        && System.nanoTime() - quietSince < DRAIN_QUIET_MILLIS * 1_000_000L) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LoadException("interrupted during the load generator's warm-up", e);
      }
      long now = compileMillis.getAsLong();
      if (now != last) {
        last = now;
        quietSince = System.nanoTime();
      }
    }
  }

  /** One stream on a new connection per request, one on kept-alive connections with gzip. */
  private static List<TrialSpec> streams(URI base, double ratePerStream, int seconds) {
    return List.of(
        stream("injector-warmup-new", base, "/", ratePerStream, seconds, false),
        stream("injector-warmup-keep-alive", base, "/gz", ratePerStream, seconds, true));
  }

  private static TrialSpec stream(
      String name, URI base, String path, double rate, int seconds, boolean keepAlive) {
    return new TrialSpec(
        name, base, "GET", path, Map.of(), "", rate, false, 0, seconds, 10, 0, keepAlive);
  }

  private static void answer(HttpExchange exchange, byte[] body, String encoding)
      throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().add("Content-Type", "text/plain");
      if (encoding != null) {
        exchange.getResponseHeaders().add("Content-Encoding", encoding);
      }
      exchange.getResponseHeaders().add("Server-Timing", SERVER_TIMING);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] gzip(byte[] plain) {
    var bytes = new ByteArrayOutputStream();
    try (var out = new GZIPOutputStream(bytes)) {
      out.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
