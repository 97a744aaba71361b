package dev.djbench.sut.services;

import dev.djbench.sut.process.Host;
import dev.djbench.sut.process.ManagedProcess;
import dev.djbench.sut.process.PythonEnv;
import dev.djbench.sut.process.TargetException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Native services: each a process group of its own, in a private directory under the run's work
 * directory, on a free loopback port, logging into the run's log directory.
 */
public final class LocalServices {

  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);

  private final Path workDirectory;
  private final Path logDirectory;
  private final Duration startupTimeout;

  /**
   * @param workDirectory where the services' private directories are created
   * @param logDirectory where their logs go
   * @param startupTimeout how long each may take to answer, 1 s to 10 min
   */
  public LocalServices(Path workDirectory, Path logDirectory, Duration startupTimeout) {
    this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
    this.logDirectory = Objects.requireNonNull(logDirectory, "logDirectory");
    if (startupTimeout.compareTo(Duration.ofSeconds(1)) < 0
        || startupTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException(
          "service startup timeout must be 1 s to 10 min, was " + startupTimeout);
    }
    this.startupTimeout = startupTimeout;
  }

  /**
   * Why {@code kind} cannot run natively here, or empty when it can. For {@link ServiceKind#CELERY}
   * see {@link #celeryUnavailableReason}: whether it can run depends on the app's interpreter.
   */
  public Optional<String> unavailableReason(ServiceKind kind) {
    switch (kind) {
      case POSTGRES:
        if (Host.postgresBinDirectory().isEmpty()) {
          return Optional.of(
              "postgres needs the PostgreSQL server programs (initdb, postgres): found neither on PATH"
                  + " nor in /usr/lib/postgresql/*/bin nor in DJBENCH_PG_BIN");
        }
        if (Host.isRoot() && !Host.userExists("postgres")) {
          return Optional.of(
              "postgres cannot run as root and there is no 'postgres' user to run it as");
        }
        return Optional.empty();
      case REDIS:
        return missing(kind, "redis-server");
      case MEMCACHED:
        return missing(kind, "memcached");
      case NGINX:
        return missing(kind, "nginx");
      case CELERY:
        return Optional.of(
            "celery runs with the app's interpreter: ask celeryUnavailableReason(python)");
      case UPSTREAM:
        return Optional.empty();
      default:
        throw new IllegalStateException("unhandled service " + kind);
    }
  }

  private static Optional<String> missing(ServiceKind kind, String program) {
    return Host.executable(program).isPresent()
        ? Optional.empty()
        : Optional.of(
            kind.yamlName() + " needs " + program + ": not found on PATH nor in /usr/sbin");
  }

  /**
   * Why a Celery worker cannot run with {@code python}, or empty when {@code import celery} works
   * there.
   */
  public Optional<String> celeryUnavailableReason(PythonEnv python) {
    try {
      ManagedProcess.runToCompletion(
          "celery check",
          List.of(python.executable().toString(), "-c", "import celery"),
          Map.of(),
          workDirectoryForChecks(),
          logDirectory.resolve("celery.check.log"),
          CHECK_TIMEOUT);
      return Optional.empty();
    } catch (TargetException e) {
      return Optional.of(
          "celery needs the celery package for " + python.executable() + ": " + firstLine(e));
    }
  }

  private Path workDirectoryForChecks() throws TargetException {
    try {
      Files.createDirectories(workDirectory);
      return workDirectory;
    } catch (IOException e) {
      throw new TargetException("cannot create " + workDirectory + ": " + e.getMessage(), e);
    }
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /**
   * Starts {@code kind} and waits until it answers.
   *
   * @throws IllegalArgumentException for nginx and celery, which need the app and have their own
   *     start methods
   * @throws TargetException when it is not installed or does not come up, with its log
   */
  public Service start(ServiceKind kind) throws TargetException {
    Optional<String> unavailable =
        kind == ServiceKind.NGINX || kind == ServiceKind.CELERY
            ? Optional.empty()
            : unavailableReason(kind);
    if (unavailable.isPresent()) {
      throw new TargetException(unavailable.get() + "; install: " + kind.installCommand());
    }
    switch (kind) {
      case POSTGRES:
        return LocalPostgres.start(
            Host.postgresBinDirectory().orElseThrow(), workDirectory, logDirectory, startupTimeout);
      case REDIS:
        return LocalRedis.start(
            Host.executable("redis-server").orElseThrow(),
            workDirectory,
            logDirectory,
            startupTimeout);
      case MEMCACHED:
        return LocalMemcached.start(
            Host.executable("memcached").orElseThrow(),
            workDirectory,
            logDirectory,
            startupTimeout);
      case UPSTREAM:
        return UpstreamServer.start();
      case NGINX:
        throw new IllegalArgumentException(
            "nginx fronts the app: start it with startNginx(appUrl, ...)");
      case CELERY:
        throw new IllegalArgumentException(
            "a Celery worker runs the app's code: start it with startCeleryWorker");
      default:
        throw new IllegalStateException("unhandled service " + kind);
    }
  }

  /** Starts nginx in front of the app; see {@link NginxFront#start}. */
  public NginxFront startNginx(URI appUrl, Optional<Path> staticRoot, boolean proxyCache)
      throws TargetException {
    return NginxFront.start(appUrl, staticRoot, proxyCache, workDirectory, logDirectory);
  }

  /** Starts a Celery worker for the app; see {@link CeleryWorker#start}. */
  public CeleryWorker startCeleryWorker(
      Path appDirectory,
      PythonEnv python,
      Map<String, String> appEnvironment,
      String celeryApp,
      int concurrency)
      throws TargetException {
    return CeleryWorker.start(
        appDirectory, python, appEnvironment, celeryApp, concurrency, logDirectory, startupTimeout);
  }
}
