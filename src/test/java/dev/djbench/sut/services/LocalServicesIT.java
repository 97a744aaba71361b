package dev.djbench.sut.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.djbench.sut.process.ManagedProcess;
import dev.djbench.sut.process.PythonEnv;
import dev.djbench.sut.process.TargetException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts each native service for real, talks to it over its protocol, and checks nothing is left
 * after close.
 */
class LocalServicesIT {

  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

  /** Deeper than a Unix socket's path may be long (107 bytes), with room to spare. */
  private static final int WORK_FOLDER_DEPTH_CHARS = 150;

  @TempDir Path temp;
  private Path run;
  private LocalServices local;

  @BeforeEach
  void setUp() throws Exception {
    run = DeepFolders.create(temp, WORK_FOLDER_DEPTH_CHARS);
    assertTrue(run.toString().length() > WORK_FOLDER_DEPTH_CHARS, run::toString);
    local = new LocalServices(run.resolve("work"), run.resolve("logs"), Duration.ofSeconds(60));
  }

  @Test
  void postgresAnswersARealQueryAsTheAppUserAndLeavesNoProcess() throws Exception {
    List<Long> seen;
    try (Service postgres = local.start(ServiceKind.POSTGRES)) {
      Map<String, String> env = postgres.appEnvironment();
      assertEquals("postgres", env.get("DJBENCH_DATABASE"));
      assertEquals("127.0.0.1", env.get("DJBENCH_PG_HOST"));
      assertEquals("djbench", env.get("DJBENCH_PG_NAME"));
      String answer =
          ((LocalPostgres) postgres)
              .psql(env.get("DJBENCH_PG_USER"), env.get("DJBENCH_PG_NAME"), "select 1");
      assertEquals("1", answer);
      // The cluster lives in the deep work folder itself (not a fallback elsewhere) and makes no
      // Unix socket there, whose path would be too long.
      Path cluster = ((LocalPostgres) postgres).directory();
      assertTrue(cluster.startsWith(run), cluster + " is not under " + run);
      try (var files = Files.walk(cluster)) {
        assertEquals(
            List.of(),
            files.filter(f -> f.getFileName().toString().startsWith(".s.PGSQL")).toList());
      }
      assertTrue(
          postgres.describe().matches("postgres \\d+\\.\\d+ on 127\\.0\\.0\\.1:\\d+ \\(local\\)"),
          postgres.describe());
      postgres.checkAlive();
      seen = postgres.processes();
      // The postmaster plus its checkpointer, writers and launchers, which live in sessions of
      // their own.
      assertTrue(seen.size() >= 4, "postgres processes: " + seen);
    }
    TestProcesses.assertAllGone("postgres", seen);
  }

  @Test
  void redisAnswersPingSetGetAndLeavesNoProcess() throws Exception {
    List<Long> seen;
    try (Service redis = local.start(ServiceKind.REDIS)) {
      int port = URI.create(redis.appEnvironment().get("DJBENCH_CACHE_URL")).getPort();
      assertEquals(
          "redis://127.0.0.1:" + port + "/1", redis.appEnvironment().get("DJBENCH_CELERY_BROKER"));
      assertEquals(
          "+PONG", Probes.redis("127.0.0.1", port, Optional.empty(), HTTP_TIMEOUT, "PING"));
      assertEquals(
          "+OK", Probes.redis("127.0.0.1", port, Optional.empty(), HTTP_TIMEOUT, "SET", "k", "v1"));
      assertEquals(
          "v1", Probes.redis("127.0.0.1", port, Optional.empty(), HTTP_TIMEOUT, "GET", "k"));
      assertTrue(redis.describe().startsWith("redis 7."), redis.describe());
      seen = redis.processes();
      assertFalse(seen.isEmpty());
    }
    TestProcesses.assertAllGone("redis", seen);
  }

  @Test
  void aKilledRedisFailsCheckAliveNamingRedisAndItsLog() throws Exception {
    try (Service redis = local.start(ServiceKind.REDIS)) {
      for (Long pid : redis.processes()) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
      ManagedProcess process = ((LocalRedis) redis).process();
      process.waitFor(Duration.ofSeconds(5));
      TargetException failure = assertThrows(TargetException.class, redis::checkAlive);
      assertTrue(failure.getMessage().startsWith("redis"), failure.getMessage());
      assertTrue(failure.getMessage().contains("redis.log"), failure.getMessage());
      assertTrue(failure.getMessage().contains("exited with code"), failure.getMessage());
    }
  }

  @Test
  void memcachedStoresAndReturnsAValueAndLeavesNoProcess() throws Exception {
    List<Long> seen;
    try (Service memcached = local.start(ServiceKind.MEMCACHED)) {
      String url = memcached.appEnvironment().get("DJBENCH_CACHE_URL");
      assertTrue(url.startsWith("127.0.0.1:"), url);
      int port = Integer.parseInt(url.substring(url.indexOf(':') + 1));
      assertEquals("STORED", Memcached.set(port, "greeting", "hello"));
      assertEquals("hello", Memcached.get(port, "greeting"));
      assertTrue(memcached.describe().startsWith("memcached 1."), memcached.describe());
      seen = memcached.processes();
    }
    TestProcesses.assertAllGone("memcached", seen);
  }

  @Test
  void upstreamDelaysEachRequestAndServesThemConcurrently() throws Exception {
    try (UpstreamServer upstream = UpstreamServer.start()) {
      assertEquals(
          upstream.baseUrl().toString(), upstream.appEnvironment().get("DJBENCH_UPSTREAM_URL"));
      long start = System.nanoTime();
      HttpResponse<String> response =
          Probes.httpGet(upstream.baseUrl().resolve("/delay/300"), HTTP_TIMEOUT);
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      assertEquals(200, response.statusCode());
      assertEquals("{\"delay_ms\": 300}", response.body());
      assertTrue(elapsedMs >= 300, "answered after " + elapsedMs + " ms");

      List<CompletableFuture<Integer>> parallel = new ArrayList<>();
      // A thread per request: the common pool may have fewer threads than requests, which would
      // queue them here.
      ExecutorService clients = Executors.newFixedThreadPool(20);
      long parallelStart = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        parallel.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return Probes.httpGet(upstream.baseUrl().resolve("/delay/500"), HTTP_TIMEOUT)
                        .statusCode();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                },
                clients));
      }
      for (CompletableFuture<Integer> f : parallel) {
        assertEquals(200, f.get());
      }
      clients.shutdown();
      long parallelMs = (System.nanoTime() - parallelStart) / 1_000_000;
      assertTrue(
          parallelMs < 2_500,
          "20 concurrent 500 ms requests took " + parallelMs + " ms: they queued");
      assertEquals(
          400, Probes.httpGet(upstream.baseUrl().resolve("/delay/abc"), HTTP_TIMEOUT).statusCode());
      assertEquals(
          404, Probes.httpGet(upstream.baseUrl().resolve("/other"), HTTP_TIMEOUT).statusCode());
      assertTrue(upstream.processes().isEmpty());
    }
  }

  @Test
  void nginxProxiesToTheAppAndServesStaticFilesAndLeavesNoProcess() throws Exception {
    Path staticRoot = Files.createDirectories(run.resolve("static"));
    Files.writeString(staticRoot.resolve("app.css"), "body { color: red }", StandardCharsets.UTF_8);
    List<Long> seen;
    try (UpstreamServer upstream = UpstreamServer.start();
        NginxFront nginx = local.startNginx(upstream.baseUrl(), Optional.of(staticRoot), false)) {
      long before = upstream.requestCount();
      HttpResponse<String> proxied =
          Probes.httpGet(nginx.baseUrl().resolve("/delay/20"), HTTP_TIMEOUT);
      assertEquals(200, proxied.statusCode());
      assertEquals("{\"delay_ms\": 20}", proxied.body());
      assertTrue(proxied.headers().firstValue("Server").orElse("").startsWith("nginx"));
      HttpResponse<String> css =
          Probes.httpGet(nginx.baseUrl().resolve("/static/app.css"), HTTP_TIMEOUT);
      assertEquals(200, css.statusCode());
      assertEquals("body { color: red }", css.body());
      assertEquals("text/css", css.headers().firstValue("Content-Type").orElse(""));
      assertEquals(
          before + 1, upstream.requestCount(), "only the proxied request may reach the app");
      seen = nginx.processes();
      assertTrue(seen.size() >= 2, "nginx master and worker: " + seen);
    }
    TestProcesses.assertAllGone("nginx", seen);
  }

  @Test
  void nginxProxyCacheServesTheSecondRequestFromCacheWhenTheAppAllows() throws Exception {
    AtomicInteger hits = new AtomicInteger();
    HttpServer app =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    app.createContext(
        "/",
        exchange -> {
          hits.incrementAndGet();
          byte[] body = "cacheable".getBytes(StandardCharsets.UTF_8);
          if (exchange.getRequestURI().getPath().equals("/public")) {
            exchange.getResponseHeaders().set("Cache-Control", "public, max-age=60");
          }
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    app.start();
    try (NginxFront nginx =
        local.startNginx(
            URI.create("http://127.0.0.1:" + app.getAddress().getPort()), Optional.empty(), true)) {
      assertEquals("MISS", cacheStatus(nginx, "/public"));
      assertEquals("HIT", cacheStatus(nginx, "/public"));
      assertEquals(1, hits.get(), "the cached response must not reach the app again");
      // Without Cache-Control the app did not allow caching: both requests reach it.
      assertEquals("MISS", cacheStatus(nginx, "/private"));
      assertEquals("MISS", cacheStatus(nginx, "/private"));
      assertEquals(3, hits.get());
    } finally {
      app.stop(0);
    }
  }

  private static String cacheStatus(NginxFront nginx, String path) throws Exception {
    HttpResponse<String> response = Probes.httpGet(nginx.baseUrl().resolve(path), HTTP_TIMEOUT);
    assertEquals(200, response.statusCode());
    return response.headers().firstValue(NginxConfig.CACHE_STATUS_HEADER).orElse("(none)");
  }

  @Test
  void celeryWorkerRunsATaskFromTheRedisBrokerAndLeavesNoProcess() throws Exception {
    PythonEnv python = new PythonEnv(Path.of("/usr/bin/python3"));
    assertEquals(Optional.empty(), local.celeryUnavailableReason(python));
    Path app = Files.createDirectories(run.resolve("app/djbench_app"));
    Files.writeString(app.resolve("__init__.py"), "");
    Files.writeString(
        app.resolve("celery.py"),
        String.join(
            "\n",
            "import os",
            "from celery import Celery",
            "broker = os.environ['DJBENCH_CELERY_BROKER']",
            "app = Celery('djbench_app', broker=broker, backend=broker.rsplit('/', 1)[0] + '/2')",
            "",
            "@app.task",
            "def add(a, b):",
            "    return a + b",
            ""));
    List<Long> seen;
    try (Service redis = local.start(ServiceKind.REDIS);
        CeleryWorker worker =
            local.startCeleryWorker(
                run.resolve("app"), python, redis.appEnvironment(), CeleryWorker.DEFAULT_APP, 2)) {
      Path log = run.resolve("logs/celery-client.log");
      ManagedProcess.runToCompletion(
          "celery client",
          List.of(
              python.executable().toString(),
              "-c",
              "from djbench_app.celery import add; print('sum=%d' % add.delay(2, 3).get(timeout=30))"),
          redis.appEnvironment(),
          run.resolve("app"),
          log,
          Duration.ofSeconds(40));
      assertTrue(Files.readString(log).contains("sum=5"), Files.readString(log));
      seen = worker.processes();
      // The main process and its two prefork pool processes.
      assertTrue(seen.size() >= 3, "celery processes: " + seen);
      worker.checkAlive();
    }
    TestProcesses.assertAllGone("celery", seen);
  }
}
