package dev.djbench.sut;

import dev.djbench.scenario.Deployment;
import dev.djbench.sut.app.AppServer;
import dev.djbench.sut.process.PythonEnv;
import dev.djbench.sut.process.TargetException;
import dev.djbench.sut.services.FrontProxy;
import dev.djbench.sut.services.Service;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One variant's system under test as load reaches it: the app server, with nginx in front and a
 * Celery worker beside it where the deployment or the experiment asks for them. Stopped together.
 */
public final class Deployed implements AutoCloseable {

  private final AppServer server;
  private final Optional<FrontProxy> front;
  private final Optional<Service> worker;
  private final ServiceSet services;
  private volatile Map<String, String> requestHeaders = Map.of();

  private Deployed(
      AppServer server, Optional<FrontProxy> front, Optional<Service> worker, ServiceSet services) {
    this.server = server;
    this.front = front;
    this.worker = worker;
    this.services = services;
  }

  /**
   * Adds nginx and a Celery worker to a started app server as needed; on failure stops what it
   * started, the server included.
   */
  public static Deployed around(
      AppServer server,
      Deployment deployment,
      boolean celery,
      PythonEnv python,
      ServiceSet services)
      throws TargetException {
    Optional<FrontProxy> front = Optional.empty();
    Optional<Service> worker = Optional.empty();
    try {
      if (deployment.nginx() || deployment.staticFiles() == Deployment.StaticFiles.NGINX) {
        Optional<java.nio.file.Path> staticRoot =
            deployment.staticFiles() == Deployment.StaticFiles.NGINX
                ? Optional.of(server.staticRoot())
                : Optional.empty();
        front =
            Optional.of(services.startNginx(server.baseUrl(), staticRoot, deployment.nginxCache()));
      }
      if (celery) {
        worker =
            Optional.of(
                services.startCeleryWorker(server.appDirectory(), python, server.environment(), 2));
      }
      return new Deployed(server, front, worker, services);
    } catch (TargetException | RuntimeException e) {
      front.ifPresent(services::stop);
      worker.ifPresent(services::stop);
      server.close();
      throw e;
    }
  }

  /** {@code server} as load reaches it directly: no nginx in front, no worker beside it. */
  static Deployed alone(AppServer server, ServiceSet services) {
    return new Deployed(server, Optional.empty(), Optional.empty(), services);
  }

  /** Where load goes: nginx when it fronts the app, else the app server. */
  /**
   * Headers every request to this server carries besides the variant's own: the session cookie of a
   * logged-in experiment; empty otherwise.
   */
  public Map<String, String> requestHeaders() {
    return requestHeaders;
  }

  /** Sends {@code headers} with every request to this server from now on. */
  public void sendWithEveryRequest(Map<String, String> headers) {
    this.requestHeaders = Map.copyOf(headers);
  }

  public URI baseUrl() {
    return front.map(FrontProxy::baseUrl).orElse(server.baseUrl());
  }

  AppServer server() {
    return server;
  }

  public String label() {
    return server.label();
  }

  /** The app server's processes: server CPU and memory are the app's, not nginx's or a worker's. */
  public List<Long> processes() {
    return server.processes();
  }

  /**
   * A fresh app server on the same port (nginx in front and a Celery worker beside it stay): see
   * {@link AppServer#restart}.
   */
  public void restart(java.time.Duration startupTimeout) throws TargetException {
    server.restart(startupTimeout);
  }

  public void checkAlive() throws TargetException {
    server.checkAlive();
    if (front.isPresent()) {
      front.get().checkAlive();
    }
    if (worker.isPresent()) {
      worker.get().checkAlive();
    }
  }

  /** What runs, for the log. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    front.ifPresent(f -> parts.add(f.describe()));
    worker.ifPresent(w -> parts.add(w.describe()));
    return parts.isEmpty() ? "" : " with " + String.join(", ", parts);
  }

  @Override
  public void close() {
    front.ifPresent(services::stop);
    worker.ifPresent(services::stop);
    server.close();
  }
}
