package dev.djbench.sut.docker;

import dev.djbench.sut.process.PythonEnv;
import dev.djbench.sut.process.TargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The container image of a Django project, built by the Docker engine from the project's own {@code
 * Dockerfile} (Testcontainers' {@link ImageFromDockerfile}); removed when the harness's JVM ends.
 * One image per project directory and run: the two checkouts of a gate are two images.
 */
public final class AppImage {

  /** The interpreter inside the image; the reference app's Dockerfile uses the python image's. */
  static final String PYTHON = "python";

  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(20);

  private final Path appDirectory;
  private final Future<String> image;
  private final String name;

  private AppImage(Path appDirectory, Future<String> image, String name) {
    this.appDirectory = appDirectory;
    this.image = image;
    this.name = name;
  }

  /** Images built so far in this run, by project directory. */
  public static final class Cache {
    private final Map<Path, AppImage> images = new ConcurrentHashMap<>();

    /**
     * The image of the project in {@code appDirectory}, built on first use.
     *
     * @throws TargetException when the project has no Dockerfile, no engine answers or the build
     *     fails (with the engine's message)
     */
    public AppImage of(Path appDirectory) throws TargetException {
      Path key = appDirectory.toAbsolutePath().normalize();
      AppImage known = images.get(key);
      if (known != null) {
        return known;
      }
      AppImage built = build(key);
      images.put(key, built);
      return built;
    }
  }

  private static AppImage build(Path appDirectory) throws TargetException {
    Path dockerfile = appDirectory.resolve("Dockerfile");
    if (!Files.isRegularFile(dockerfile)) {
      throw new TargetException(
          "--services docker runs the app in a container built from its Dockerfile, but "
              + dockerfile
              + " does not exist; add one (sample-django-app/Dockerfile is an example) or use"
              + " --services auto");
    }
    Optional<String> unavailable = DockerServices.engineUnavailableReason();
    if (unavailable.isPresent()) {
      throw new TargetException(
          "cannot build the app's image from " + dockerfile + ": " + unavailable.get());
    }
    String name =
        "djbench-app-"
            + Integer.toHexString(appDirectory.toString().hashCode()).toLowerCase(Locale.ROOT);
    // deleteOnExit: the engine removes the image when this JVM ends (Testcontainers' reaper). The
    // project's .dockerignore applies to the build context.
    ImageFromDockerfile image =
        new ImageFromDockerfile(name, true)
            .withFileFromPath(".", appDirectory)
            .withDockerfile(dockerfile);
    AppImage built = new AppImage(appDirectory, image, name);
    built.resolve();
    return built;
  }

  /** Builds the image if it is not built yet, and names it. */
  String resolve() throws TargetException {
    try {
      return image.get(BUILD_TIMEOUT.toMinutes(), TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new TargetException(
          "the image of " + appDirectory + " did not build: " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new TargetException(
          "the image of "
              + appDirectory
              + " did not build within "
              + BUILD_TIMEOUT.toMinutes()
              + " min",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetException("interrupted while building the image of " + appDirectory);
    }
  }

  /** For a container of this image. */
  Future<String> future() {
    return image;
  }

  /** The project directory it was built from. */
  public Path appDirectory() {
    return appDirectory;
  }

  /**
   * Versions of the interpreter and packages inside the image, as {@link PythonEnv#versions()}
   * reports them for an interpreter on this machine.
   *
   * @throws TargetException when the one-shot container fails
   */
  public Map<String, String> versions() throws TargetException {
    try (GenericContainer<?> probe =
        new GenericContainer<>(image)
            .withCommand(PYTHON, "-c", PythonEnv.VERSIONS_SCRIPT)
            .withStartupCheckStrategy(
                new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(2)))) {
      probe.start();
      return PythonEnv.parseVersions(probe.getLogs());
    } catch (RuntimeException e) {
      throw new TargetException(
          "the image " + name + " could not report its Python packages: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return name + " (from " + appDirectory.resolve("Dockerfile") + ")";
  }
}
