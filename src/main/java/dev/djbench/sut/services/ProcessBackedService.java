package dev.djbench.sut.services;

import dev.djbench.sut.process.ManagedProcess;
import dev.djbench.sut.process.Readiness;
import dev.djbench.sut.process.TargetException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service that is one native process group started by the harness, with a probe that it still
 * answers.
 */
abstract class ProcessBackedService implements Service {

  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  private final ServiceKind kind;
  private final ManagedProcess process;
  private final Map<String, String> environment;

  ProcessBackedService(ServiceKind kind, ManagedProcess process, Map<String, String> environment) {
    this.kind = kind;
    this.process = process;
    this.environment = Map.copyOf(environment);
  }

  /** One attempt to talk to the service over its protocol. */
  abstract void probe() throws Exception;

  /** Waits until {@link #probe} succeeds; stops the process and rethrows when it does not. */
  final void awaitReady(Duration timeout) throws TargetException {
    try {
      Readiness.await(
          kind.yamlName() + " (" + process + ")", timeout, Optional.of(process), this::probe);
    } catch (TargetException e) {
      close();
      throw e;
    }
  }

  final ManagedProcess process() {
    return process;
  }

  @Override
  public final ServiceKind kind() {
    return kind;
  }

  @Override
  public final Map<String, String> appEnvironment() {
    return environment;
  }

  @Override
  public List<Long> processes() {
    return process.groupMembers();
  }

  @Override
  public void checkAlive() throws TargetException {
    if (!process.isAlive()) {
      throw new TargetException(
          kind.yamlName()
              + " ("
              + process
              + ") exited with code "
              + process.exitCode().orElse(-1)
              + " while the run needed it"
              + process.describeLog());
    }
    try {
      probe();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetException("interrupted while checking " + kind.yamlName());
    } catch (Exception e) {
      throw new TargetException(
          kind.yamlName()
              + " ("
              + process
              + ") is running but does not answer: "
              + e
              + process.describeLog(),
          e);
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
