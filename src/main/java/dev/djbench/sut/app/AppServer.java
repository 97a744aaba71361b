package dev.djbench.sut.app;

import dev.djbench.sut.process.TargetException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Django app running under one deployment, prepared (migrated, seeded, static files collected
 * where needed) and answering its health check: a process tree on this machine ({@link
 * DjangoServer}) or a container built from the app's Dockerfile ({@code
 * sut.docker.DjangoContainer}).
 */
public interface AppServer extends AutoCloseable {

  /** Names this server in logs and messages, e.g. {@code select-related/naive}. */
  String label();

  /** Where this machine reaches the app: {@code http://127.0.0.1:port} or the container's port. */
  URI baseUrl();

  /** The environment the app runs with, as its own processes see it. */
  Map<String, String> environment();

  /** The Django project directory on this machine. */
  Path appDirectory();

  /** Where the collected static files are on this machine (for nginx to serve them). */
  Path staticRoot();

  /**
   * Process ids of the server and its workers as this machine sees them; empty where it cannot see
   * them (a container engine in a VM).
   */
  List<Long> processes();

  /**
   * Replaces the server's processes with fresh ones on the same port, its data kept, and waits
   * until the new ones answer the health check.
   *
   * @throws TargetException when the new server does not answer in time, with its log
   */
  void restart(java.time.Duration startupTimeout) throws TargetException;

  /** Fails when the server has exited, naming how and showing the end of its log. */
  void checkAlive() throws TargetException;

  /** Stops the server and everything it started; never throws. */
  @Override
  void close();
}
