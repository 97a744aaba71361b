package dev.djbench.sut.docker;

import dev.djbench.sut.process.TargetException;
import dev.djbench.sut.services.AppEnvironment;
import dev.djbench.sut.services.FrontProxy;
import dev.djbench.sut.services.LocalMemcached;
import dev.djbench.sut.services.LocalPostgres;
import dev.djbench.sut.services.NginxConfig;
import dev.djbench.sut.services.Probes;
import dev.djbench.sut.services.Service;
import dev.djbench.sut.services.ServiceKind;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * Services in containers (Testcontainers), for machines where the native programs are missing but a
 * Docker engine answers. Celery and the upstream never run here: the worker runs the app's code
 * with the app's interpreter, and the upstream lives in the harness.
 */
public final class DockerServices {

  static final String POSTGRES_IMAGE = "postgres:15";
  static final String REDIS_IMAGE = "redis:7";
  static final String MEMCACHED_IMAGE = "memcached:1.6";
  static final String NGINX_IMAGE = "nginx:1.27";
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  private final Path logDirectory;
  private final Duration startupTimeout;

  /**
   * @param logDirectory where each container's log is saved when it stops
   * @param startupTimeout how long a container may take to be ready (image pull excluded), 1 s to
   *     10 min
   */
  public DockerServices(Path logDirectory, Duration startupTimeout) {
    this.logDirectory = Objects.requireNonNull(logDirectory, "logDirectory");
    if (startupTimeout.compareTo(Duration.ofSeconds(1)) < 0
        || startupTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException(
          "container startup timeout must be 1 s to 10 min, was " + startupTimeout);
    }
    this.startupTimeout = startupTimeout;
  }

  /**
   * Why no container can be started here, or empty when a Docker engine answers. Testcontainers
   * remembers the answer, so asking again costs nothing.
   */
  public static Optional<String> engineUnavailableReason() {
    try {
      return DockerClientFactory.instance().isDockerAvailable()
          ? Optional.empty()
          : Optional.of(
              "no Docker engine answers (Testcontainers found no working DOCKER_HOST, socket or context)");
    } catch (RuntimeException | LinkageError e) {
      return Optional.of("no Docker engine answers: " + e);
    }
  }

  /** Why {@code kind} cannot run in a container here, or empty when it can. */
  public Optional<String> unavailableReason(ServiceKind kind) {
    if (kind == ServiceKind.CELERY || kind == ServiceKind.UPSTREAM) {
      return Optional.of(
          kind.yamlName() + " does not run in a container (it runs next to the harness)");
    }
    return engineUnavailableReason();
  }

  /**
   * Starts {@code kind} (postgres, redis or memcached) in a container and waits until it answers.
   *
   * @throws IllegalArgumentException for nginx (see {@link #startNginx}), celery and upstream
   * @throws TargetException when no engine answers or the container does not come up
   */
  public Service start(ServiceKind kind) throws TargetException {
    if (kind == ServiceKind.NGINX || kind == ServiceKind.CELERY || kind == ServiceKind.UPSTREAM) {
      throw new IllegalArgumentException(
          kind.yamlName()
              + " is not started as a plain container; "
              + (kind == ServiceKind.NGINX
                  ? "use startNginx(appUrl, ...)"
                  : "it runs next to the harness"));
    }
    Optional<String> unavailable = engineUnavailableReason();
    if (unavailable.isPresent()) {
      throw new TargetException(
          "cannot start " + kind.yamlName() + " in a container: " + unavailable.get());
    }
    switch (kind) {
      case POSTGRES:
        return started(
            kind,
            postgres(),
            c ->
                AppEnvironment.postgres(
                    c.getHost(),
                    c.getMappedPort(5432),
                    LocalPostgres.DATABASE,
                    LocalPostgres.USER,
                    LocalPostgres.PASSWORD),
            c -> Probes.postgresSslRequest(c.getHost(), c.getMappedPort(5432), PROBE_TIMEOUT));
      case REDIS:
        return started(
            kind,
            redis(),
            c -> AppEnvironment.redis(c.getHost(), c.getMappedPort(6379), Optional.empty()),
            c -> {
              String pong =
                  Probes.redis(
                      c.getHost(), c.getMappedPort(6379), Optional.empty(), PROBE_TIMEOUT, "PING");
              if (!"+PONG".equals(pong)) {
                throw new IOException("PING answered '" + pong + "'");
              }
            });
      case MEMCACHED:
        return started(
            kind,
            memcached(),
            c -> AppEnvironment.memcached(c.getHost(), c.getMappedPort(11211)),
            c -> Probes.memcachedVersion(c.getHost(), c.getMappedPort(11211), PROBE_TIMEOUT));
      default:
        throw new IllegalStateException("unhandled service " + kind);
    }
  }

  private PostgreSQLContainer<?> postgres() {
    return new PostgreSQLContainer<>(DockerImageName.parse(POSTGRES_IMAGE))
        .withDatabaseName(LocalPostgres.DATABASE)
        .withUsername(LocalPostgres.USER)
        .withPassword(LocalPostgres.PASSWORD)
        .withStartupTimeout(startupTimeout);
  }

  private GenericContainer<?> redis() {
    return new GenericContainer<>(DockerImageName.parse(REDIS_IMAGE))
        .withExposedPorts(6379)
        .withCommand("redis-server", "--save", "", "--appendonly", "no")
        .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1))
        .withStartupTimeout(startupTimeout);
  }

  private GenericContainer<?> memcached() {
    return new GenericContainer<>(DockerImageName.parse(MEMCACHED_IMAGE))
        .withExposedPorts(11211)
        .withCommand("memcached", "-m", Integer.toString(LocalMemcached.MEMORY_MIB), "-U", "0")
        .waitingFor(Wait.forListeningPort())
        .withStartupTimeout(startupTimeout);
  }

  /**
   * Starts nginx in a container in front of the app on this machine, reached through
   * Testcontainers' host-port forwarding ({@code host.testcontainers.internal}); the static root is
   * copied into the container.
   *
   * @throws IllegalArgumentException when the app URL is not {@code http://127.0.0.1:port} or
   *     localhost
   */
  public FrontProxy startNginx(URI appUrl, Optional<Path> staticRoot, boolean proxyCache)
      throws TargetException {
    if (appUrl.getPort() < 1
        || !("127.0.0.1".equals(appUrl.getHost()) || "localhost".equals(appUrl.getHost()))) {
      throw new IllegalArgumentException(
          "a containerised nginx fronts an app on this machine: expected"
              + " http://127.0.0.1:port, was "
              + appUrl);
    }
    Optional<String> unavailable = engineUnavailableReason();
    if (unavailable.isPresent()) {
      throw new TargetException("cannot start nginx in a container: " + unavailable.get());
    }
    Testcontainers.exposeHostPorts(appUrl.getPort());
    URI inside = URI.create("http://host.testcontainers.internal:" + appUrl.getPort());
    Path staticInside = Path.of("/srv/djbench-static");
    NginxConfig config =
        new NginxConfig(
            inside,
            "0.0.0.0",
            80,
            staticRoot.map(r -> staticInside),
            proxyCache,
            Path.of("/tmp/djbench-nginx"),
            Path.of("/tmp/djbench-nginx"),
            true,
            Optional.of(Path.of("/etc/nginx/mime.types")));
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(NGINX_IMAGE))
            .withExposedPorts(80)
            .withCopyToContainer(Transferable.of(config.text()), "/etc/djbench/nginx.conf")
            .withCommand(
                "sh",
                "-c",
                "mkdir -p /tmp/djbench-nginx/temp && exec nginx -p /tmp/djbench-nginx/"
                    + " -c /etc/djbench/nginx.conf -e stderr")
            .waitingFor(Wait.forHttp(NginxConfig.READY_PATH).forPort(80).forStatusCode(200))
            .withStartupTimeout(startupTimeout);
    staticRoot.ifPresent(
        root ->
            container.withCopyFileToContainer(
                MountableFile.forHostPath(root), staticInside.toString()));
    ContainerService service =
        started(
            ServiceKind.NGINX,
            container,
            c -> Map.of(),
            c ->
                Probes.httpGet(
                    URI.create(
                        "http://"
                            + c.getHost()
                            + ":"
                            + c.getMappedPort(80)
                            + NginxConfig.READY_PATH),
                    PROBE_TIMEOUT));
    return new ContainerFront(service);
  }

  private ContainerService started(
      ServiceKind kind,
      GenericContainer<?> container,
      Function<GenericContainer<?>, Map<String, String>> environment,
      ContainerService.Probe probe)
      throws TargetException {
    try {
      container.start();
    } catch (RuntimeException e) {
      String log = "";
      try {
        log =
            container.getContainerId() == null ? "" : System.lineSeparator() + container.getLogs();
      } catch (RuntimeException ignored) {
        // The container may be gone already; the exception below still says what failed.
      }
      container.stop();
      throw new TargetException(
          kind.yamlName()
              + " container "
              + container.getDockerImageName()
              + " did not start within "
              + startupTimeout.toSeconds()
              + " s: "
              + e.getMessage()
              + log,
          e);
    }
    return new ContainerService(kind, container, environment, probe, logDirectory);
  }

  /** A containerised nginx as a {@link FrontProxy}. */
  private static final class ContainerFront implements FrontProxy {
    private final ContainerService service;

    ContainerFront(ContainerService service) {
      this.service = service;
    }

    @Override
    public URI baseUrl() {
      GenericContainer<?> c = service.container();
      return URI.create("http://" + c.getHost() + ":" + c.getMappedPort(80));
    }

    @Override
    public ServiceKind kind() {
      return ServiceKind.NGINX;
    }

    @Override
    public Map<String, String> appEnvironment() {
      return Map.of();
    }

    @Override
    public List<Long> processes() {
      return service.processes();
    }

    @Override
    public void checkAlive() throws TargetException {
      service.checkAlive();
    }

    @Override
    public String describe() {
      return service.describe();
    }

    @Override
    public void close() {
      service.close();
    }
  }
}
