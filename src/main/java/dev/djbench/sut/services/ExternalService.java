package dev.djbench.sut.services;

import dev.djbench.sut.process.Host;
import dev.djbench.sut.process.ManagedProcess;
import dev.djbench.sut.process.Readiness;
import dev.djbench.sut.process.TargetException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service the user runs ({@link ExternalEndpoint}); djbench checks it answers and never stops it.
 */
public final class ExternalService implements Service {

  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration PSQL_TIMEOUT = Duration.ofSeconds(20);

  private final ExternalEndpoint endpoint;
  private final Path logDirectory;

  private ExternalService(ExternalEndpoint endpoint, Path logDirectory) {
    this.endpoint = endpoint;
    this.logDirectory = logDirectory;
  }

  /**
   * Checks that the endpoint answers, within {@code timeout}; for postgres also that the user can
   * log in to the database and run {@code select 1} (with psql, when it is installed).
   *
   * @throws TargetException naming the URL (password masked) and what did not work
   */
  public static ExternalService connect(
      ExternalEndpoint endpoint, Path logDirectory, Duration timeout) throws TargetException {
    ExternalService service = new ExternalService(endpoint, logDirectory);
    Readiness.await(
        "external " + endpoint.kind().yamlName() + " at " + endpoint.redacted(),
        timeout,
        Optional.empty(),
        service::probe);
    if (endpoint.kind() == ServiceKind.POSTGRES) {
      service.checkLogin();
    }
    return service;
  }

  private void probe() throws IOException, InterruptedException {
    switch (endpoint.kind()) {
      case POSTGRES:
        Probes.postgresSslRequest(endpoint.host(), endpoint.port(), PROBE_TIMEOUT);
        return;
      case REDIS:
        String pong =
            Probes.redis(
                endpoint.host(), endpoint.port(), endpoint.password(), PROBE_TIMEOUT, "PING");
        if (!"+PONG".equals(pong)) {
          throw new IOException("PING answered '" + pong + "', expected +PONG");
        }
        return;
      case MEMCACHED:
        Probes.memcachedVersion(endpoint.host(), endpoint.port(), PROBE_TIMEOUT);
        return;
      default:
        int status = Probes.httpGet(endpoint.url().resolve("/delay/0"), PROBE_TIMEOUT).statusCode();
        if (status != 200) {
          throw new IOException("GET /delay/0 answered status " + status);
        }
    }
  }

  private void checkLogin() throws TargetException {
    Optional<Path> psql = Host.executable("psql");
    if (psql.isEmpty()) {
      return; // The postmaster answered; without psql the login is first tried by the app's
      // migrate.
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                psql.get().toString(),
                "-X",
                "-A",
                "-t",
                "-h",
                endpoint.host(),
                "-p",
                Integer.toString(endpoint.port()),
                "-U",
                endpoint.user().orElseThrow(),
                "-d",
                endpoint.database().orElseThrow(),
                "-c",
                "select 1"));
    try {
      ManagedProcess.runToCompletion(
          "psql",
          command,
          Map.of("PGPASSWORD", endpoint.password().orElse(""), "PGCONNECT_TIMEOUT", "5"),
          logDirectory,
          logDirectory.resolve("postgres.external.log"),
          PSQL_TIMEOUT);
    } catch (TargetException e) {
      throw new TargetException(
          "external postgres at "
              + endpoint.redacted()
              + " answers, but "
              + endpoint.user().orElseThrow()
              + " cannot run a query in "
              + endpoint.database().orElseThrow()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** The endpoint it stands for. */
  public ExternalEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public ServiceKind kind() {
    return endpoint.kind();
  }

  @Override
  public Map<String, String> appEnvironment() {
    return endpoint.appEnvironment();
  }

  /** Empty: its processes, if on this machine at all, are not the harness's. */
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
      throw new TargetException("interrupted while checking " + describe());
    } catch (IOException e) {
      throw new TargetException(describe() + " does not answer: " + e, e);
    }
  }

  @Override
  public String describe() {
    return endpoint.kind().yamlName() + " at " + endpoint.redacted() + " (external)";
  }

  /** Does nothing: djbench did not start it. */
  @Override
  public void close() {}
}
