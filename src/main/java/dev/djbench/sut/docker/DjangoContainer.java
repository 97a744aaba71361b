package dev.djbench.sut.docker;

import dev.djbench.scenario.AppSpec;
import dev.djbench.scenario.Deployment;
import dev.djbench.scenario.Deployment.StaticFiles;
import dev.djbench.sut.app.AppServer;
import dev.djbench.sut.app.DjangoServer;
import dev.djbench.sut.app.Preparation;
import dev.djbench.sut.process.CpuLayout;
import dev.djbench.sut.process.TargetException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The Django app in a container of its own image ({@link AppImage}), for {@code --services docker}:
 * the container migrates, seeds and (where static files need it) collects static files, then serves
 * the deployment's server command on its port 8000, which the engine maps to a port of this
 * machine. Services on this machine's loopback (a native upstream, a service URL the user gave) are
 * reached through Testcontainers' host-port forwarding as {@code host.testcontainers.internal}.
 */
public final class DjangoContainer implements AppServer {

  /** The port the server listens on inside the container. */
  static final int PORT = 8000;

  /** The app's private directory inside the container: its SQLite file and static files. */
  static final Path WORK_INSIDE = Path.of("/tmp/djbench");

  /** How a container reaches this machine's forwarded ports. */
  static final String HOST_ALIAS = "host.testcontainers.internal";

  /** Migrating and seeding a large table happen before the health check can answer. */
  private static final Duration PREPARE_TIMEOUT = Duration.ofMinutes(5);

  private static final Pattern LOOPBACK =
      Pattern.compile("(^|//|@)(127\\.0\\.0\\.1|localhost|\\[::1\\]):(\\d+)");

  private final String label;
  private final GenericContainer<?> container;
  private final Map<String, String> environment;
  private final Path appDirectory;
  private final Path staticRoot;
  private final Path logFile;

  private DjangoContainer(
      String label,
      GenericContainer<?> container,
      Map<String, String> environment,
      Path appDirectory,
      Path staticRoot,
      Path logFile) {
    this.label = label;
    this.container = container;
    this.environment = Map.copyOf(environment);
    this.appDirectory = appDirectory;
    this.staticRoot = staticRoot;
    this.logFile = logFile;
  }

  /** The app's environment inside the container, and the ports of this machine it reaches. */
  record Inside(Map<String, String> environment, Set<Integer> hostPorts) {}

  /**
   * Rewrites an environment meant for a process on this machine for the container: every loopback
   * {@code host:port} in a value (a URL, a {@code host:port} pair) and a loopback PostgreSQL host
   * become {@link #HOST_ALIAS}, and their ports are listed for forwarding.
   */
  static Inside inside(Map<String, String> environment) {
    Map<String, String> out = new LinkedHashMap<>();
    Set<Integer> ports = new TreeSet<>();
    environment.forEach(
        (key, value) -> {
          Matcher m = LOOPBACK.matcher(value);
          StringBuilder rewritten = new StringBuilder();
          while (m.find()) {
            ports.add(Integer.parseInt(m.group(3)));
            m.appendReplacement(
                rewritten, Matcher.quoteReplacement(m.group(1) + HOST_ALIAS + ":" + m.group(3)));
          }
          m.appendTail(rewritten);
          out.put(key, rewritten.toString());
        });
    String pgHost = out.get("DJBENCH_PG_HOST");
    if (pgHost != null && List.of("127.0.0.1", "localhost", "::1").contains(pgHost)) {
      out.put("DJBENCH_PG_HOST", HOST_ALIAS);
      ports.add(Integer.parseInt(out.getOrDefault("DJBENCH_PG_PORT", "5432")));
    }
    return new Inside(out, ports);
  }

  /**
   * The container's command: prepare the database (and static files), then replace the shell with
   * the server, so that the server is the container's main process and stopping the container stops
   * it.
   */
  static List<String> command(AppSpec app, Deployment deployment, Map<String, String> seed) {
    List<List<String>> steps = new ArrayList<>();
    steps.add(List.of(AppImage.PYTHON, "manage.py", "migrate", "--noinput"));
    if (!app.seedCommand().isEmpty()) {
      List<String> seedStep = new ArrayList<>(List.of(AppImage.PYTHON, "manage.py"));
      seedStep.addAll(Preparation.seedArguments(app, seed));
      steps.add(seedStep);
    }
    if (deployment.staticFiles() != StaticFiles.DJANGO) {
      steps.add(List.of(AppImage.PYTHON, "manage.py", "collectstatic", "--noinput"));
    }
    String prepare =
        steps.stream()
            .map(DjangoContainer::shellWords)
            .collect(Collectors.joining(" && ", "mkdir -p " + WORK_INSIDE + " && ", ""));
    String serve =
        shellWords(DjangoServer.serverCommand(app, deployment, AppImage.PYTHON, "0.0.0.0:" + PORT));
    return List.of("sh", "-c", prepare + " && exec " + serve);
  }

  /** The words, each quoted for a POSIX shell. */
  static String shellWords(List<String> words) {
    return words.stream()
        .map(w -> w.matches("[A-Za-z0-9_./:=@%+,-]+") ? w : "'" + w.replace("'", "'\\''") + "'")
        .collect(Collectors.joining(" "));
  }

  /**
   * Starts the app in a container of {@code image} and waits until its health check answers 200.
   *
   * @param label names this server in logs and messages
   * @param environment service URLs and the like, as for a process on this machine; rewritten for
   *     the container by {@link #inside}
   * @param workDirectory private to this server on this machine: static files are copied out here
   *     when nginx serves them
   * @param startupTimeout how long the server may take to answer once prepared
   * @param cpus the server's CPUs, applied as the container's CPU set when split
   * @throws TargetException when the container does not come up, with the end of its log
   */
  public static DjangoContainer start(
      String label,
      AppImage image,
      AppSpec app,
      Deployment deployment,
      Map<String, String> seed,
      Path workDirectory,
      Path logDirectory,
      Map<String, String> environment,
      Duration startupTimeout,
      CpuLayout cpus)
      throws TargetException {
    Inside inside = inside(DjangoServer.environment(deployment, WORK_INSIDE, environment));
    inside.hostPorts().forEach(Testcontainers::exposeHostPorts);
    String cpuSet = CpuLayout.ranges(cpus.serverCpus());
    GenericContainer<?> container =
        new GenericContainer<>(image.future())
            .withEnv(inside.environment())
            .withExposedPorts(PORT)
            .withCommand(command(app, deployment, seed).toArray(String[]::new))
            .waitingFor(
                Wait.forHttp(app.healthPath())
                    .forPort(PORT)
                    .forStatusCode(200)
                    .withStartupTimeout(PREPARE_TIMEOUT.plus(startupTimeout)));
    if (cpus.isSplit()) {
      container.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withCpusetCpus(cpuSet));
    }
    Path logFile =
        logDirectory.resolve(label.replaceAll("[^A-Za-z0-9._-]", "_") + ".container.log");
    var server =
        new DjangoContainer(
            label,
            container,
            inside.environment(),
            app.directory(),
            workDirectory.resolve("staticfiles"),
            logFile);
    try {
      container.start();
      if (deployment.staticFiles() == StaticFiles.NGINX) {
        server.copyStaticFilesOut();
      }
    } catch (RuntimeException e) {
      String log = Containers.logTail(container, 20);
      server.close();
      throw new TargetException(
          "the app container for "
              + label
              + " ("
              + image
              + ") did not answer "
              + app.healthPath()
              + " with status 200: "
              + e.getMessage()
              + log,
          e);
    } catch (IOException e) {
      server.close();
      throw new TargetException(
          "cannot copy the static files of " + label + " out of its container: " + e.getMessage(),
          e);
    }
    return server;
  }

  /** Copies the collected static files to {@link #staticRoot()}, for nginx on this machine. */
  private void copyStaticFilesOut() throws IOException {
    Path inside = WORK_INSIDE.resolve("staticfiles");
    Files.createDirectories(staticRoot);
    try (InputStream tar =
            container
                .getDockerClient()
                .copyArchiveFromContainerCmd(container.getContainerId(), inside.toString())
                .exec();
        TarArchiveInputStream entries = new TarArchiveInputStream(tar)) {
      // The archive's entries start with the directory's own name: staticfiles/…
      TarArchiveEntry entry;
      while ((entry = entries.getNextTarEntry()) != null) {
        Path relative = Path.of(entry.getName()).normalize();
        if (relative.getNameCount() < 2 || relative.startsWith("..")) {
          continue;
        }
        Path target = staticRoot.resolve(relative.subpath(1, relative.getNameCount()).toString());
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isFile()) {
          Files.createDirectories(target.getParent());
          Files.copy(entries, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public URI baseUrl() {
    return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(PORT));
  }

  @Override
  public Map<String, String> environment() {
    return environment;
  }

  @Override
  public Path appDirectory() {
    return appDirectory;
  }

  @Override
  public Path staticRoot() {
    return staticRoot;
  }

  @Override
  public List<Long> processes() {
    return Containers.processes(container);
  }

  /**
   * Not done for containers: a new container would get a new mapped port and prepare its database
   * again. {@code AppLauncher} does not restart containers between blocks, and the results say so.
   *
   * @throws TargetException always
   */
  @Override
  public void restart(Duration startupTimeout) throws TargetException {
    throw new TargetException(
        "the app container for " + label + " is not restarted between blocks (--services docker)");
  }

  @Override
  public void checkAlive() throws TargetException {
    if (!container.isRunning()) {
      throw new TargetException(
          "the app container for "
              + label
              + " stopped while it was being measured"
              + Containers.logTail(container, 20));
    }
  }

  /** Saves the container's log, then stops and removes the container. */
  @Override
  public void close() {
    Containers.saveLogAndStop(container, logFile);
  }
}
