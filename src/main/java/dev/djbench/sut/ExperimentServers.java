package dev.djbench.sut;

import dev.djbench.scenario.AppSpec;
import dev.djbench.scenario.Deployment;
import dev.djbench.scenario.Experiment;
import dev.djbench.scenario.Variant;
import dev.djbench.sut.app.AppServer;
import dev.djbench.sut.app.SessionLogin;
import dev.djbench.sut.process.CpuLayout;
import dev.djbench.sut.process.PythonEnv;
import dev.djbench.sut.process.TargetException;
import dev.djbench.sut.services.ServiceKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every app server of one experiment, with the nginx and Celery worker each needs: started
 * together, restarted together between blocks, and stopped together by {@link #close}, whatever
 * happened. One server runs per distinct app checkout and deployment; variants that share both
 * share it, unless a variant runs on a server of its own (the two sides of a gate or of a
 * calibration).
 */
public final class ExperimentServers implements AutoCloseable {

  /** How long an app server may take to prepare and answer its health check. */
  public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  /**
   * What every experiment's servers are made with: the run's services, CPU layout, launcher and
   * folders.
   *
   * @param services the run's backing services
   * @param cpus where servers run
   * @param apps processes or containers
   * @param workDirectory the run's work folder (a folder per server goes inside)
   * @param logDirectory the run's log folder
   * @param progress takes one line per server started or restarted
   */
  public record Factory(
      ServiceSet services,
      CpuLayout cpus,
      AppLauncher apps,
      Path workDirectory,
      Path logDirectory,
      Consumer<String> progress) {

    /**
     * Starts a server for each distinct server of {@code experiment}'s variants, in {@code
     * startOrder}; when one fails, the ones already started are stopped.
     *
     * @param startOrder the experiment's variants in the order their servers start (a seeded random
     *     one, so that whatever starting first does to a server falls on either variant alike
     *     across runs)
     * @throws TargetException when a server will not start, with its log
     */
    public ExperimentServers start(Experiment experiment, List<Variant> startOrder)
        throws TargetException {
      ExperimentServers servers = new ExperimentServers(this, experiment);
      try {
        for (Variant variant : startOrder) {
          servers.startFor(variant);
        }
        return servers;
      } catch (TargetException | RuntimeException e) {
        servers.close();
        throw e;
      }
    }
  }

  private record ServerKey(AppSpec app, Deployment deployment, String owner) {
    static ServerKey of(Variant variant) {
      return new ServerKey(
          variant.app(), variant.deployment(), variant.ownServer() ? variant.name() : "");
    }
  }

  /** Methods Django's CSRF check lets through without a token. */
  private static final java.util.Set<String> SAFE_METHODS =
      java.util.Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private final Factory factory;
  private final Experiment experiment;
  private final boolean celery;
  private final Map<ServerKey, Deployed> servers = new LinkedHashMap<>();

  private ExperimentServers(Factory factory, Experiment experiment) {
    this.factory = factory;
    this.experiment = experiment;
    this.celery = Requirements.services(experiment).contains(ServiceKind.CELERY);
  }

  private void startFor(Variant variant) throws TargetException {
    if (servers.containsKey(ServerKey.of(variant))) {
      return;
    }
    String label = experiment.id() + "/" + variant.name();
    if (variant.app().remote()) {
      factory.progress.accept(
          "  ["
              + experiment.id()
              + "] measuring "
              + variant.app().url()
              + " as it is deployed (djbench did not start it: no migrate, seed or restart)");
      servers.put(
          ServerKey.of(variant),
          Deployed.alone(
              new UrlTarget(label, java.net.URI.create(variant.app().url())), factory.services));
      return;
    }
    factory.progress.accept(
        "  ["
            + experiment.id()
            + "] starting "
            + variant.deployment().label()
            + (variant.app().equals(experiment.baseline().app())
                ? ""
                : " (" + variant.app().directory() + ")"));
    PythonEnv python = PythonEnv.locate(variant.app().directory(), variant.app().python());
    Map<String, String> env =
        factory.services.environmentFor(Requirements.services(experiment, variant));
    AppServer server =
        factory.apps.start(
            label,
            variant,
            experiment.seed(),
            python,
            factory.workDirectory.resolve(label.replace('/', '_')),
            factory.logDirectory,
            env,
            STARTUP_TIMEOUT,
            factory.cpus);
    Deployed deployed =
        Deployed.around(server, variant.deployment(), celery, python, factory.services);
    servers.put(ServerKey.of(variant), deployed);
    Map<String, String> headers = new LinkedHashMap<>();
    if (experiment.variants().stream()
        .anyMatch(v -> !SAFE_METHODS.contains(v.request().method()))) {
      // Django's CSRF check wants the token in a cookie and in a header; one random 64-character
      // token (a masked token as Django 3.2 to 5.x accept it) in both passes it.
      String token = CsrfToken.random();
      headers.put("Cookie", "csrftoken=" + token);
      headers.put("X-CSRFToken", token);
    }
    if (experiment.login().isPresent()) {
      // The session is made by the app's own interpreter on this machine, next to its database.
      if (!factory.apps.inContainers()) {
        String username = experiment.login().get();
        String cookie =
            SessionLogin.cookie(
                server,
                python,
                username,
                factory.logDirectory.resolve(label.replace('/', '_') + ".login.log"));
        headers.merge("Cookie", cookie, (csrf, session) -> session + "; " + csrf);
        factory.progress.accept(
            "  [" + experiment.id() + "] " + label + ": requests are logged in as " + username);
      } else {
        throw new TargetException(
            experiment.id()
                + " logs in as "
                + experiment.login().get()
                + ", which needs the app as processes of this machine; use --services local");
      }
    }
    deployed.sendWithEveryRequest(headers);
    if (!deployed.describe().isEmpty()) {
      factory.progress.accept("  [" + experiment.id() + "] " + label + deployed.describe());
    }
  }

  /** The server {@code variant} is measured on. */
  public Deployed of(Variant variant) {
    Deployed server = servers.get(ServerKey.of(variant));
    if (server == null) {
      throw new IllegalArgumentException(
          variant.name() + " is not a variant of " + experiment.id() + "'s servers");
    }
    return server;
  }

  /** The servers of {@code variants}, each once, with how many of the variants each serves. */
  public Map<Deployed, Integer> serving(List<Variant> variants) {
    Map<Deployed, Integer> count = new LinkedHashMap<>();
    for (Variant v : variants) {
      count.merge(of(v), 1, Integer::sum);
    }
    return count;
  }

  /**
   * Whether servers get fresh processes before each block: when the variants run on more than one
   * server and the launcher can restart them (processes can, containers cannot).
   */
  public boolean restartBetweenBlocks() {
    return servers.size() > 1 && factory.apps.restartsServers();
  }

  /**
   * Gives every server fresh processes, in the order of {@code order}'s variants (each server
   * once).
   *
   * @return how many servers were restarted
   * @throws TargetException when a server does not come back, with its log
   */
  public int restart(List<Variant> order) throws TargetException {
    List<Deployed> done = new ArrayList<>();
    for (Variant v : order) {
      Deployed server = of(v);
      if (!done.contains(server)) {
        server.restart(STARTUP_TIMEOUT);
        done.add(server);
      }
    }
    return done.size();
  }

  /** Fails when any server has exited, naming how and showing the end of its log. */
  public void checkAlive() throws TargetException {
    for (Deployed s : servers.values()) {
      s.checkAlive();
    }
  }

  /** Stops every server with its nginx and worker; never throws. */
  @Override
  public void close() {
    for (Deployed server : servers.values()) {
      server.close();
    }
    servers.clear();
  }
}
