package dev.djbench.sut.docker;

import dev.djbench.sut.process.TargetException;
import dev.djbench.sut.services.Service;
import dev.djbench.sut.services.ServiceKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.testcontainers.containers.GenericContainer;

/**
 * A service in a container started through Testcontainers; closing it stops and removes the
 * container.
 */
class ContainerService implements Service {

  /** One attempt to talk to the service through the container's mapped port. */
  @FunctionalInterface
  interface Probe {
    void attempt(GenericContainer<?> container) throws Exception;
  }

  private final ServiceKind kind;
  private final GenericContainer<?> container;
  private final Map<String, String> environment;
  private final Probe probe;
  private final Path logFile;

  ContainerService(
      ServiceKind kind,
      GenericContainer<?> container,
      Function<GenericContainer<?>, Map<String, String>> environment,
      Probe probe,
      Path logDirectory) {
    this.kind = kind;
    this.container = container;
    this.environment = Map.copyOf(environment.apply(container));
    this.probe = probe;
    this.logFile = logDirectory.resolve(kind.yamlName() + ".docker.log");
  }

  final GenericContainer<?> container() {
    return container;
  }

  @Override
  public ServiceKind kind() {
    return kind;
  }

  @Override
  public Map<String, String> appEnvironment() {
    return environment;
  }

  /** The container's processes as this machine sees them (see {@link Containers#processes}). */
  @Override
  public List<Long> processes() {
    return Containers.processes(container);
  }

  @Override
  public void checkAlive() throws TargetException {
    if (!container.isRunning()) {
      throw new TargetException(
          kind.yamlName()
              + " container "
              + container.getDockerImageName()
              + " is no longer running"
              + Containers.logTail(container, 15));
    }
    try {
      probe.attempt(container);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetException("interrupted while checking " + kind.yamlName());
    } catch (Exception e) {
      throw new TargetException(
          kind.yamlName()
              + " container "
              + container.getDockerImageName()
              + " does not answer: "
              + e
              + Containers.logTail(container, 15),
          e);
    }
  }

  @Override
  public String describe() {
    return kind.yamlName()
        + " "
        + container.getDockerImageName()
        + " on "
        + container.getHost()
        + ":"
        + container.getFirstMappedPort()
        + " (docker)";
  }

  /**
   * Saves the container's log into the run's log directory, then stops and removes the container.
   */
  @Override
  public void close() {
    Containers.saveLogAndStop(container, logFile);
  }
}
