package dev.djbench.sut.app;

import dev.djbench.scenario.AppSpec;
import dev.djbench.scenario.Deployment;
import dev.djbench.scenario.Deployment.Server;
import dev.djbench.scenario.Deployment.WorkerClass;
import dev.djbench.sut.process.CpuLayout;
import dev.djbench.sut.process.LoopbackHttp;
import dev.djbench.sut.process.ManagedProcess;
import dev.djbench.sut.process.Ports;
import dev.djbench.sut.process.PythonEnv;
import dev.djbench.sut.process.TargetException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Django app under one deployment: its database prepared and seeded, its server started on a
 * free loopback port and answering its health check — or a {@link TargetException} that says why
 * not, with the server's log.
 */
public final class DjangoServer implements AppServer {

  private static final Duration PREPARE_TIMEOUT = Duration.ofMinutes(5);

  private final String label;
  private final String healthPath;
  // Replaced by restart(); read by the sampler's and the harness's threads.
  private volatile ManagedProcess process;
  private final URI baseUrl;
  private final Map<String, String> environment;
  private final Path staticRoot;
  private final Path appDirectory;

  private DjangoServer(
      String label,
      ManagedProcess process,
      URI baseUrl,
      Map<String, String> environment,
      Path staticRoot,
      Path appDirectory,
      String healthPath) {
    this.healthPath = healthPath;
    this.appDirectory = appDirectory;
    this.label = label;
    this.process = process;
    this.baseUrl = baseUrl;
    this.environment = Map.copyOf(environment);
    this.staticRoot = staticRoot;
  }

  /**
   * Prepares and starts the app.
   *
   * @param label names this server in logs and messages (e.g. {@code select-related/naive})
   * @param app the Django project
   * @param deployment how to deploy it
   * @param seed options for the app's seed command
   * @param python the interpreter
   * @param probeDirectory the folder that holds djbench's probe package
   * @param allowAppDatabaseWrites whether a {@code database: app} deployment may migrate and seed
   *     the project's own database (on loopback only)
   * @param workDirectory private to this server: its SQLite file and collected static files go
   *     there
   * @param logDirectory where the logs of migrate, seed and the server go
   * @param environment extra variables (service URLs and the like), applied before the deployment's
   *     own
   * @param startupTimeout how long the server may take to answer its health check
   * @param cpus where the server's processes run
   */
  public static DjangoServer start(
      String label,
      AppSpec app,
      Deployment deployment,
      Map<String, String> seed,
      PythonEnv python,
      Path probeDirectory,
      boolean allowAppDatabaseWrites,
      Path workDirectory,
      Path logDirectory,
      Map<String, String> environment,
      Duration startupTimeout,
      CpuLayout cpus)
      throws TargetException {
    try {
      Files.createDirectories(workDirectory);
    } catch (IOException e) {
      throw new TargetException("cannot create " + workDirectory + ": " + e.getMessage(), e);
    }
    Map<String, String> env = environment(deployment, workDirectory, environment);
    SettingsOverlay.write(workDirectory, app.settingsModule(), deployment, env);
    env.put("DJANGO_SETTINGS_MODULE", SettingsOverlay.MODULE);
    // The overlay first, then the probe; the project's own folder is the processes' working
    // directory, which manage.py and Gunicorn put on the path themselves.
    String inherited = System.getenv().getOrDefault("PYTHONPATH", "");
    env.put(
        "PYTHONPATH",
        workDirectory
            + java.io.File.pathSeparator
            + probeDirectory
            + (inherited.isEmpty() ? "" : java.io.File.pathSeparator + inherited));
    String logName = label.replaceAll("[^A-Za-z0-9._-]", "_");
    Path dir = app.directory();
    Preparation.run(
        app,
        deployment,
        seed,
        python,
        allowAppDatabaseWrites,
        env,
        logDirectory,
        logName,
        PREPARE_TIMEOUT);

    int port = Ports.freeLoopbackPort();
    List<String> command =
        cpus.pinServer(
            serverCommand(app, deployment, python.executable().toString(), "127.0.0.1:" + port));
    ManagedProcess process =
        ManagedProcess.start(
            serverName(deployment),
            command,
            env,
            dir,
            logDirectory.resolve(logName + ".server.log"));
    URI baseUrl = URI.create("http://127.0.0.1:" + port);
    var server =
        new DjangoServer(
            label,
            process,
            baseUrl,
            env,
            workDirectory.resolve("staticfiles"),
            dir,
            app.healthPath());
    try {
      server.awaitHealthy(startupTimeout);
    } catch (TargetException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /**
   * The app's environment for a deployment: {@code extra} (service URLs), then the deployment's
   * settings as the reference app's {@code DJBENCH_*} variables, then the deployment's own {@code
   * env}.
   *
   * @param workDirectory where the SQLite file and the collected static files go, as the app's
   *     processes see it
   */
  public static Map<String, String> environment(
      Deployment d, Path workDirectory, Map<String, String> extra) {
    Map<String, String> env = new LinkedHashMap<>(extra);
    env.put("PYTHONUNBUFFERED", "1");
    env.put("PYTHONDONTWRITEBYTECODE", "1");
    env.put("DJBENCH_DEBUG", d.debug() ? "1" : "0");
    env.put("DJBENCH_DATABASE", d.database().name().toLowerCase(Locale.ROOT));
    env.put("DJBENCH_SQLITE_PATH", workDirectory.resolve("db.sqlite3").toString());
    env.put("DJBENCH_CACHE", d.cache().name().toLowerCase(Locale.ROOT));
    env.put("DJBENCH_CONN_MAX_AGE", Integer.toString(d.connMaxAgeSeconds()));
    env.put("DJBENCH_STATIC", d.staticFiles().name().toLowerCase(Locale.ROOT));
    env.put("DJBENCH_STATIC_ROOT", workDirectory.resolve("staticfiles").toString());
    env.putAll(d.env());
    return env;
  }

  /**
   * The command that serves the app under {@code d}, run in the app's directory.
   *
   * @param python the interpreter, as the server's machine or container names it
   * @param bind {@code host:port} to listen on
   */
  public static List<String> serverCommand(AppSpec app, Deployment d, String python, String bind) {
    if (d.server() == Server.RUNSERVER) {
      // --noreload: the autoreloader would fork a watcher process and restart on file changes
      // mid-trial.
      return List.of(python, "manage.py", "runserver", bind, "--noreload");
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                python,
                "-m",
                "gunicorn",
                "--bind",
                bind,
                "--workers",
                Integer.toString(d.workers()),
                "--worker-class",
                workerClass(d.workerClass()),
                "--error-logfile",
                "-",
                "--graceful-timeout",
                "5",
                "--timeout",
                "120"));
    if (d.workerClass() == WorkerClass.GTHREAD) {
      command.addAll(List.of("--threads", Integer.toString(d.threads())));
    }
    command.add(
        d.workerClass() == WorkerClass.UVICORN ? app.asgiApplication() : app.wsgiApplication());
    return command;
  }

  private static String workerClass(WorkerClass workerClass) {
    return switch (workerClass) {
      case SYNC -> "sync";
      case GTHREAD -> "gthread";
      case GEVENT -> "gevent";
      case UVICORN -> "uvicorn.workers.UvicornWorker";
    };
  }

  private static String serverName(Deployment d) {
    return d.server() == Server.RUNSERVER ? "runserver" : "gunicorn";
  }

  /**
   * Stops the server's process group and starts the same command again on the same port (its SQLite
   * file and static files stay), then waits for the health check.
   */
  @Override
  public void restart(Duration startupTimeout) throws TargetException {
    ManagedProcess old = process;
    old.close();
    process =
        ManagedProcess.start(
            old.name(), old.command(), environment, appDirectory, old.logFile(), true);
    try {
      awaitHealthy(startupTimeout);
    } catch (TargetException e) {
      close();
      throw e;
    }
  }

  private void awaitHealthy(Duration timeout) throws TargetException {
    HttpClient client = LoopbackHttp.client(Duration.ofSeconds(2));
    URI health = baseUrl.resolve(healthPath);
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastSeen = "no answer yet";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new TargetException(
            "the app server for "
                + label
                + " exited with code "
                + process.exitCode().orElse(-1)
                + " before answering "
                + health
                + process.describeLog());
      }
      try {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        // Django answered: below 500 the app is up (a project's "/" may well redirect to a login
        // page or be a 404); 5xx means it is not ready or broken, and the wait goes on.
        if (response.statusCode() < 500) {
          return;
        }
        lastSeen = "status " + response.statusCode();
      } catch (IOException e) {
        lastSeen =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TargetException("interrupted while waiting for " + health);
      }
      sleep(100);
    }
    throw new TargetException(
        "the app server for "
            + label
            + " did not answer "
            + health
            + " with status 200 within "
            + timeout.toSeconds()
            + " s (last: "
            + lastSeen
            + ")"
            + process.describeLog());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public URI baseUrl() {
    return baseUrl;
  }

  /** The environment the app runs with (a Celery worker for it needs the same). */
  @Override
  public Map<String, String> environment() {
    return environment;
  }

  /** The Django project directory. */
  @Override
  public Path appDirectory() {
    return appDirectory;
  }

  /** Where {@code collectstatic} put the static files (for nginx to serve them). */
  @Override
  public Path staticRoot() {
    return staticRoot;
  }

  @Override
  public String label() {
    return label;
  }

  public ManagedProcess process() {
    return process;
  }

  /** Process ids of the server and its workers. */
  @Override
  public List<Long> processes() {
    return process.groupMembers();
  }

  /** Fails when the server's main process has exited, naming its exit code and showing its log. */
  @Override
  public void checkAlive() throws TargetException {
    if (!process.isAlive()) {
      throw new TargetException(
          "the app server for "
              + label
              + " ("
              + process
              + ") exited with code "
              + process.exitCode().orElse(-1)
              + " while it was being measured"
              + process.describeLog());
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
