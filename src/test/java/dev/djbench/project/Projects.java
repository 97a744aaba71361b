package dev.djbench.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.cli.Djbench;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What the own-project tests do to a copy of a test project, as its user would. */
final class Projects {

  /** The djbench checkout the tests run in. */
  static final Path HOME = Path.of("").toAbsolutePath();

  private Projects() {}

  /** A copy of {@code test-projects/<name>} at {@code to}, without a database or bytecode. */
  static Path copy(String name, Path to) throws Exception {
    Path from = HOME.resolve("test-projects").resolve(name);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else if (!f.getFileName().toString().equals("db.sqlite3")
            && !f.toString().contains("__pycache__")) {
          Files.copy(f, target);
        }
      }
    }
    return to;
  }

  /** Runs the project's manage.py with its own settings: what the user does to their own data. */
  static void manage(Path project, String... arguments) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                System.getenv().getOrDefault("DJBENCH_PYTHON", "/usr/bin/python3"), "manage.py"));
    command.addAll(List.of(arguments));
    Process p =
        new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "manage.py " + String.join(" ", arguments));
    assertEquals(0, p.exitValue(), output);
  }

  static byte[] sha256(Path file) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
  }

  /**
   * {@code djbench run SCENARIO --profile smoke --reports REPORTS}, with {@code extra} options;
   * returns the exit code.
   */
  static int runSmoke(Path scenario, Path reports, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--home",
                HOME.toString(),
                "run",
                scenario.toString(),
                "--profile",
                "smoke",
                "--reports",
                reports.toString()));
    args.addAll(List.of(extra));
    return Djbench.execute(args.toArray(String[]::new));
  }

  /**
   * The project under a Gunicorn of 2 workers on {@code port}, started as its team deploys it
   * (DEBUG on, so that static files and errors need no set-up), its output in {@code log}: a
   * deployment djbench did not start.
   */
  static Process gunicorn(Path project, int port, Path log) throws Exception {
    ProcessBuilder gunicorn =
        new ProcessBuilder(
                System.getenv().getOrDefault("DJBENCH_PYTHON", "/usr/bin/python3"),
                "-m",
                "gunicorn",
                "--bind",
                "127.0.0.1:" + port,
                "--workers",
                "2",
                project.getFileName() + ".wsgi")
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    gunicorn.environment().put("DEBUG", "1");
    gunicorn.environment().put("ALLOWED_HOSTS", "127.0.0.1,localhost");
    return gunicorn.start();
  }

  /**
   * {@code dir/staging.yaml}: the bookshop's two lists, books and authors, at the Gunicorn on
   * {@code port}, at {@code rate} requests a second, their requests alternating.
   */
  static Path listsAtUrl(Path dir, int port, int rate) throws java.io.IOException {
    Path scenario = dir.resolve("staging.yaml");
    java.nio.file.Files.writeString(
        scenario,
        """
        suite: staging
        app: {url: "http://127.0.0.1:%d"}
        defaults:
          load: {rate: %d/s, interleave: requests}
        experiments:
          - id: lists
            equivalence: status
            variants: {books: GET /books/, authors: GET /authors/}
        """
            .formatted(port, rate));
    return scenario;
  }

  /** Stops a server this test started, its workers first. */
  static void stop(Process server) throws InterruptedException {
    server.descendants().forEach(ProcessHandle::destroy);
    server.destroy();
    server.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** Waits until {@code uri} answers 200, for a minute at most. */
  static void awaitUp(java.net.URI uri, Path log) throws Exception {
    var client =
        java.net.http.HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(1))
            .build();
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        var response =
            client.send(
                java.net.http.HttpRequest.newBuilder(uri).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("gunicorn did not answer: " + Files.readString(log));
  }

  /** The one run folder under {@code reports}. */
  static Path onlyRun(Path reports) throws Exception {
    try (Stream<Path> runs = Files.list(reports)) {
      return runs.filter(Files::isDirectory).findFirst().orElseThrow();
    }
  }
}
