package dev.djbench.sut.services;

import dev.djbench.sut.process.Host;
import dev.djbench.sut.process.LocalDirectories;
import dev.djbench.sut.process.ManagedProcess;
import dev.djbench.sut.process.Ports;
import dev.djbench.sut.process.TargetException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A local nginx in front of the app server, with a configuration generated for this run ({@link
 * NginxConfig}).
 */
public final class NginxFront extends ProcessBackedService implements FrontProxy {

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
  private static final Path DEBIAN_MIME_TYPES = Path.of("/etc/nginx/mime.types");

  private final URI baseUrl;
  private final NginxConfig config;
  private final Path directory;

  private NginxFront(ManagedProcess process, URI baseUrl, NginxConfig config, Path directory) {
    super(ServiceKind.NGINX, process, Map.of());
    this.baseUrl = baseUrl;
    this.config = config;
    this.directory = directory;
  }

  /**
   * Starts nginx in front of {@code appUrl}, using the nginx found on PATH or in the sbin
   * directories.
   *
   * @param appUrl the app server, {@code http://host:port}
   * @param staticRoot served at {@code /static/} when present; must be a directory
   * @param proxyCache whether nginx caches responses as the app's Cache-Control allows
   * @param workDirectory nginx's own directory (config, pid, temp, cache) is created inside it
   * @param logDirectory where its error and access logs go
   * @throws IllegalArgumentException on a bad URL or a missing static root
   * @throws TargetException when nginx is not installed, fails to start or does not answer, with
   *     its log
   */
  public static NginxFront start(
      URI appUrl,
      Optional<Path> staticRoot,
      boolean proxyCache,
      Path workDirectory,
      Path logDirectory)
      throws TargetException {
    Path nginx =
        Host.executable("nginx")
            .orElseThrow(
                () ->
                    new TargetException(
                        "nginx is not installed (not on PATH nor in /usr/sbin); install: "
                            + ServiceKind.NGINX.installCommand()));
    return start(nginx, appUrl, staticRoot, proxyCache, workDirectory, logDirectory);
  }

  static NginxFront start(
      Path nginx,
      URI appUrl,
      Optional<Path> staticRoot,
      boolean proxyCache,
      Path workDirectory,
      Path logDirectory)
      throws TargetException {
    staticRoot.ifPresent(
        root -> {
          if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("nginx static root " + root + " is not a directory");
          }
        });
    Path directory = LocalDirectories.create(workDirectory, "nginx-");
    int port = Ports.freeLoopbackPort();
    NginxConfig config =
        new NginxConfig(
            appUrl,
            "127.0.0.1",
            port,
            staticRoot,
            proxyCache,
            directory,
            logDirectory,
            Host.isRoot(),
            Files.isReadable(DEBIAN_MIME_TYPES)
                ? Optional.of(DEBIAN_MIME_TYPES)
                : Optional.empty());
    Path configFile = directory.resolve("nginx.conf");
    try {
      Files.createDirectories(directory.resolve("temp"));
      Files.createDirectories(logDirectory);
      Files.writeString(configFile, config.text(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TargetException(
          "cannot write the nginx configuration " + configFile + ": " + e.getMessage(), e);
    }
    ManagedProcess process =
        ManagedProcess.start(
            "nginx",
            command(nginx, directory, configFile),
            Map.of(),
            directory,
            logDirectory.resolve("nginx.log"));
    NginxFront front =
        new NginxFront(process, URI.create("http://127.0.0.1:" + port), config, directory);
    front.awaitReady(STARTUP_TIMEOUT);
    return front;
  }

  /**
   * The command line: {@code -p} puts relative paths in nginx's own directory, and {@code -e
   * stderr} keeps even the messages nginx writes before it has read its configuration out of {@code
   * /var/log/nginx}; standard error is the process's log file.
   */
  static List<String> command(Path nginx, Path prefix, Path configFile) {
    return List.of(
        nginx.toString(),
        "-p",
        prefix.toAbsolutePath() + "/",
        "-c",
        configFile.toAbsolutePath().toString(),
        "-e",
        "stderr");
  }

  @Override
  void probe() throws IOException, InterruptedException {
    int status =
        Probes.httpGet(baseUrl.resolve(NginxConfig.READY_PATH), PROBE_TIMEOUT).statusCode();
    if (status != 200) {
      throw new IOException("GET " + NginxConfig.READY_PATH + " answered status " + status);
    }
  }

  @Override
  public URI baseUrl() {
    return baseUrl;
  }

  /** The configuration it runs with. */
  public NginxConfig config() {
    return config;
  }

  /**
   * Stops nginx and deletes its cache and temp files (up to the cache's 256 MiB); its configuration
   * stays.
   */
  @Override
  public void close() {
    super.close();
    LocalDirectories.deleteRecursively(directory.resolve("cache"));
    LocalDirectories.deleteRecursively(directory.resolve("temp"));
  }

  @Override
  public String describe() {
    return "nginx on "
        + baseUrl.getAuthority()
        + " → "
        + config.appUrl().getAuthority()
        + (config.proxyCache() ? " with proxy_cache" : "")
        + (config.staticRoot().isPresent() ? ", /static/ from disk" : "")
        + " (local)";
  }
}
