package dev.djbench.sut;

import dev.djbench.sut.docker.DockerServices;
import dev.djbench.sut.process.PythonEnv;
import dev.djbench.sut.process.TargetException;
import dev.djbench.sut.services.CeleryWorker;
import dev.djbench.sut.services.ExternalEndpoint;
import dev.djbench.sut.services.ExternalService;
import dev.djbench.sut.services.FrontProxy;
import dev.djbench.sut.services.LocalServices;
import dev.djbench.sut.services.Service;
import dev.djbench.sut.services.ServiceKind;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The backing services of one run. Each shared service (postgres, redis, memcached, upstream) is
 * started lazily, the first time an experiment needs it, and reused until the run ends; nginx and
 * Celery workers belong to one app server and are started and stopped with it. {@link #close} stops
 * everything still running, in reverse order of start, and is safe to call after a failure.
 *
 * <p>Where each service comes from follows {@link ProviderChoice}: with {@code auto}, a URL the
 * user gave wins, then the native program, then a container; a service none of these can provide is
 * reported by {@link #unavailableReason} with the install command, so that the runner can skip the
 * experiment and say why.
 */
public final class ServiceSet implements AutoCloseable {

  /** Where a service comes from. */
  public enum Source {
    LOCAL,
    DOCKER,
    EXTERNAL,
    IN_PROCESS
  }

  /**
   * @param choice the {@code --services} option
   * @param workDirectory the run's work directory (local services' private directories go inside)
   * @param logDirectory the run's log directory
   * @param externalUrls URLs of services the user runs, by kind (postgres, redis, memcached,
   *     upstream)
   * @param python the app's interpreter, which the Celery worker uses
   * @param startupTimeout how long each service may take to become ready, 1 s to 10 min
   */
  public record Settings(
      ProviderChoice choice,
      Path workDirectory,
      Path logDirectory,
      Map<ServiceKind, String> externalUrls,
      PythonEnv python,
      Duration startupTimeout) {
    public Settings {
      Objects.requireNonNull(choice, "choice");
      Objects.requireNonNull(workDirectory, "workDirectory");
      Objects.requireNonNull(logDirectory, "logDirectory");
      Objects.requireNonNull(python, "python");
      externalUrls = Map.copyOf(externalUrls);
      if (startupTimeout.compareTo(Duration.ofSeconds(1)) < 0
          || startupTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException(
            "service startup timeout must be 1 s to 10 min, was " + startupTimeout);
      }
    }
  }

  /** A decision: where {@code kind} comes from, or why it cannot be had. */
  private record Resolution(Optional<Source> source, Optional<String> reason) {
    static Resolution from(Source source) {
      return new Resolution(Optional.of(source), Optional.empty());
    }

    static Resolution unavailable(String reason) {
      return new Resolution(Optional.empty(), Optional.of(reason));
    }
  }

  private final Settings settings;
  private final Map<ServiceKind, ExternalEndpoint> external = new EnumMap<>(ServiceKind.class);
  private final LocalServices local;
  private final DockerServices docker;
  private final Map<ServiceKind, Resolution> resolutions = new EnumMap<>(ServiceKind.class);
  private final Map<ServiceKind, Service> shared = new EnumMap<>(ServiceKind.class);
  private final List<Service> started = new ArrayList<>();
  private Optional<String> celeryReason;

  /**
   * @throws IllegalArgumentException when an external URL is malformed (the message names it and
   *     the form expected)
   */
  public ServiceSet(Settings settings) {
    this.settings = settings;
    settings
        .externalUrls()
        .forEach((kind, url) -> external.put(kind, ExternalEndpoint.parse(kind, url)));
    this.local =
        new LocalServices(
            settings.workDirectory(), settings.logDirectory(), settings.startupTimeout());
    this.docker = new DockerServices(settings.logDirectory(), settings.startupTimeout());
  }

  /**
   * Why {@code kind} cannot be provided in this run, with what to install; empty when it can.
   * Checked before each experiment, so that an experiment needing it is skipped with this reason
   * rather than dropped.
   */
  public synchronized Optional<String> unavailableReason(ServiceKind kind) {
    return resolve(kind).reason();
  }

  /** Where {@code kind} comes from in this run; empty when it is unavailable. */
  public synchronized Optional<Source> sourceOf(ServiceKind kind) {
    return resolve(kind).source();
  }

  private Resolution resolve(ServiceKind kind) {
    Resolution known = resolutions.get(kind);
    if (known == null) {
      known = decide(kind);
      resolutions.put(kind, known);
    }
    return known;
  }

  private Resolution decide(ServiceKind kind) {
    ProviderChoice choice = settings.choice();
    boolean urlAllowed = choice == ProviderChoice.AUTO || choice == ProviderChoice.EXTERNAL;
    if (urlAllowed && external.containsKey(kind)) {
      return Resolution.from(Source.EXTERNAL);
    }
    if (kind == ServiceKind.UPSTREAM) {
      return Resolution.from(Source.IN_PROCESS);
    }
    if (kind == ServiceKind.CELERY) {
      return decideCelery();
    }
    Optional<String> localReason = local.unavailableReason(kind);
    String install = "; install: " + kind.installCommand();
    switch (choice) {
      case LOCAL:
        return localReason
            .map(r -> Resolution.unavailable(r + install))
            .orElse(Resolution.from(Source.LOCAL));
      case DOCKER:
        return docker
            .unavailableReason(kind)
            .map(
                r ->
                    Resolution.unavailable(
                        kind.yamlName() + " cannot run with --services docker: " + r))
            .orElse(Resolution.from(Source.DOCKER));
      case EXTERNAL:
        if (kind == ServiceKind.NGINX) {
          // nginx belongs to the deployment under test, not to the user's infrastructure.
          return localReason
              .map(r -> Resolution.unavailable(r + install))
              .orElse(Resolution.from(Source.LOCAL));
        }
        return Resolution.unavailable(
            "no URL given for "
                + kind.yamlName()
                + " with --services external (expected "
                + ExternalEndpoint.expectedForm(kind)
                + ")");
      default:
        if (localReason.isEmpty()) {
          return Resolution.from(Source.LOCAL);
        }
        Optional<String> dockerReason = docker.unavailableReason(kind);
        if (dockerReason.isEmpty()) {
          return Resolution.from(Source.DOCKER);
        }
        return Resolution.unavailable(localReason.get() + ", and " + dockerReason.get() + install);
    }
  }

  private Resolution decideCelery() {
    if (celeryReason == null) {
      celeryReason = local.celeryUnavailableReason(settings.python());
    }
    if (celeryReason.isPresent()) {
      return Resolution.unavailable(
          celeryReason.get() + "; install: " + ServiceKind.CELERY.installCommand());
    }
    Optional<String> broker = resolve(ServiceKind.REDIS).reason();
    return broker
        .map(r -> Resolution.unavailable("celery needs redis as its broker: " + r))
        .orElse(Resolution.from(Source.LOCAL));
  }

  /**
   * The shared service {@code kind}, started on first use and reused for the rest of the run.
   *
   * @throws IllegalArgumentException for nginx and celery, which belong to an app server (see
   *     {@link #startNginx} and {@link #startCeleryWorker})
   * @throws TargetException when it is unavailable (the reason and install command) or does not
   *     come up
   */
  public synchronized Service acquire(ServiceKind kind) throws TargetException {
    if (kind == ServiceKind.NGINX || kind == ServiceKind.CELERY) {
      throw new IllegalArgumentException(
          kind.yamlName()
              + " belongs to one app server: use "
              + (kind == ServiceKind.NGINX ? "startNginx" : "startCeleryWorker"));
    }
    Service running = shared.get(kind);
    if (running != null) {
      return running;
    }
    Resolution resolution = resolve(kind);
    if (resolution.source().isEmpty()) {
      throw new TargetException(resolution.reason().orElseThrow());
    }
    Service service;
    switch (resolution.source().get()) {
      case EXTERNAL:
        service =
            ExternalService.connect(
                external.get(kind), settings.logDirectory(), settings.startupTimeout());
        break;
      case DOCKER:
        service = docker.start(kind);
        break;
      default:
        service = local.start(kind);
        break;
    }
    shared.put(kind, service);
    started.add(service);
    return service;
  }

  /**
   * The app environment for the services in {@code kinds}, acquiring each. Nginx and Celery
   * contribute nothing (they use the app, not the other way round). When both redis and memcached
   * are asked for, memcached's {@code DJBENCH_CACHE_URL} wins: a deployment has one cache, so redis
   * is then there as the Celery broker.
   */
  public synchronized Map<String, String> environmentFor(Set<ServiceKind> kinds)
      throws TargetException {
    Map<String, String> env = new LinkedHashMap<>();
    // Enum order puts MEMCACHED after REDIS: that ordering is what makes memcached's cache URL win.
    for (ServiceKind kind : ServiceKind.values()) {
      if (kinds.contains(kind) && kind != ServiceKind.NGINX && kind != ServiceKind.CELERY) {
        env.putAll(acquire(kind).appEnvironment());
      }
    }
    return env;
  }

  /**
   * Starts nginx in front of one app server. Stop it with {@link #stop} when that server stops;
   * {@link #close} stops it otherwise.
   */
  public synchronized FrontProxy startNginx(
      URI appUrl, Optional<Path> staticRoot, boolean proxyCache) throws TargetException {
    Resolution resolution = resolve(ServiceKind.NGINX);
    if (resolution.source().isEmpty()) {
      throw new TargetException(resolution.reason().orElseThrow());
    }
    FrontProxy front =
        resolution.source().get() == Source.DOCKER
            ? docker.startNginx(appUrl, staticRoot, proxyCache)
            : local.startNginx(appUrl, staticRoot, proxyCache);
    started.add(front);
    return front;
  }

  /**
   * Starts a Celery worker for one app server, with the app's interpreter, directory and
   * environment (which must already hold the broker URL: acquire redis first). Stop it with {@link
   * #stop}; {@link #close} stops it otherwise.
   *
   * @param concurrency pool processes, 1 to 64
   */
  public synchronized CeleryWorker startCeleryWorker(
      Path appDirectory, PythonEnv python, Map<String, String> appEnvironment, int concurrency)
      throws TargetException {
    Resolution resolution = resolve(ServiceKind.CELERY);
    if (resolution.source().isEmpty()) {
      throw new TargetException(resolution.reason().orElseThrow());
    }
    CeleryWorker worker =
        local.startCeleryWorker(
            appDirectory, python, appEnvironment, CeleryWorker.DEFAULT_APP, concurrency);
    started.add(worker);
    return worker;
  }

  /**
   * Stops one service this set started (an app server's nginx or worker, typically) and forgets it.
   */
  public synchronized void stop(Service service) {
    if (started.remove(service)) {
      shared.values().remove(service);
      service.close();
    }
  }

  /** The services running now, in order of start. */
  public synchronized List<Service> started() {
    return Collections.unmodifiableList(new ArrayList<>(started));
  }

  /** Process ids of every running service, for CPU sampling. */
  public synchronized List<Long> processes() {
    List<Long> pids = new ArrayList<>();
    started.forEach(s -> pids.addAll(s.processes()));
    return pids;
  }

  /**
   * Stops every service still running, newest first; never throws, and may be called more than
   * once.
   */
  @Override
  public synchronized void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (RuntimeException e) {
        // Keep stopping the rest: one failed stop must not leave the others running.
      }
    }
    started.clear();
    shared.clear();
  }
}
