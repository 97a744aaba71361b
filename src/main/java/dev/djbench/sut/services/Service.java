package dev.djbench.sut.services;

import dev.djbench.sut.process.TargetException;
import java.util.List;
import java.util.Map;

/**
 * A running backing service the app under test uses: a local process, a container, an external
 * server, or a server inside the harness. Closing it stops whatever the harness started for it (and
 * nothing it did not start).
 */
public interface Service extends AutoCloseable {

  /** Which service this is. */
  ServiceKind kind();

  /** The environment variables that point the reference Django app at this service. */
  Map<String, String> appEnvironment();

  /**
   * Process ids on this machine that belong to the service, for CPU sampling; empty when it has
   * none here.
   */
  List<Long> processes();

  /**
   * Fails when the service has died or stopped answering.
   *
   * @throws TargetException naming the service and showing the end of its log
   */
  void checkAlive() throws TargetException;

  /** One line for reports and logs, e.g. {@code postgres 15.18 on 127.0.0.1:41234 (local)}. */
  String describe();

  /** Stops the service and everything the harness started for it; never throws. */
  @Override
  void close();
}
