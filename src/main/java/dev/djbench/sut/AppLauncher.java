package dev.djbench.sut;

import dev.djbench.scenario.ScenarioDefaults;
import dev.djbench.scenario.Variant;
import dev.djbench.sut.app.AppServer;
import dev.djbench.sut.app.DjangoServer;
import dev.djbench.sut.docker.AppImage;
import dev.djbench.sut.docker.DjangoContainer;
import dev.djbench.sut.process.CpuLayout;
import dev.djbench.sut.process.PythonEnv;
import dev.djbench.sut.process.TargetException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where a run's app servers run: as processes of this machine's Python, or — with {@code --services
 * docker} — each in a container of an image built from the app's own Dockerfile.
 */
public final class AppLauncher {

  private final boolean inContainers;
  private final Path probeDirectory;
  private final boolean allowAppDatabaseWrites;
  private final AppImage.Cache images = new AppImage.Cache();

  /**
   * @param inContainers whether the app runs in containers
   * @param probeDirectory the folder that holds djbench's probe package ({@code djbench_probe})
   * @param allowAppDatabaseWrites whether {@code database: app} may migrate and seed the project's
   *     own database
   */
  public AppLauncher(boolean inContainers, Path probeDirectory, boolean allowAppDatabaseWrites) {
    this.inContainers = inContainers;
    this.probeDirectory = probeDirectory;
    this.allowAppDatabaseWrites = allowAppDatabaseWrites;
  }

  /**
   * Whether servers are restarted between blocks: processes are; containers are not (a new
   * container would have a new port and prepare its database again).
   */
  public boolean restartsServers() {
    return !inContainers;
  }

  /** Whether the app runs in containers (else as processes of this machine). */
  public boolean inContainers() {
    return inContainers;
  }

  /** How the app runs, for the run's header. */
  public String describe() {
    return inContainers
        ? "in containers built from the app's Dockerfile (--services docker)"
        : "as processes on this machine";
  }

  /**
   * Versions of the Python packages the app runs with: its image's, or the local interpreter's.
   *
   * @throws TargetException when the interpreter cannot run or the image does not build
   */
  public Map<String, String> versions(Path appDirectory, PythonEnv python) throws TargetException {
    return inContainers ? images.of(appDirectory).versions() : python.versions();
  }

  /** Prepares and starts the app for {@code variant}; see {@link DjangoServer#start}. */
  public AppServer start(
      String label,
      Variant variant,
      Map<String, String> seed,
      PythonEnv python,
      Path workDirectory,
      Path logDirectory,
      Map<String, String> environment,
      Duration startupTimeout,
      CpuLayout cpus)
      throws TargetException {
    if (inContainers) {
      if (!variant.app().settingsModule().equals(ScenarioDefaults.SETTINGS_MODULE)) {
        // Inside a container the app would run on whatever database its own settings name.
        throw new TargetException(
            "--services docker runs the reference app only: the settings overlay that keeps "
                + variant.app().directory()
                + " off its own database is not applied inside containers; use --services local");
      }
      return DjangoContainer.start(
          label,
          images.of(variant.app().directory()),
          variant.app(),
          variant.deployment(),
          seed,
          workDirectory,
          logDirectory,
          environment,
          startupTimeout,
          cpus);
    }
    return DjangoServer.start(
        label,
        variant.app(),
        variant.deployment(),
        seed,
        python,
        probeDirectory,
        allowAppDatabaseWrites,
        workDirectory,
        logDirectory,
        environment,
        startupTimeout,
        cpus);
  }
}
