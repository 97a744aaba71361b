package dev.djbench.sut.services;

import dev.djbench.sut.process.LocalDirectories;
import dev.djbench.sut.process.ManagedProcess;
import dev.djbench.sut.process.Ports;
import dev.djbench.sut.process.TargetException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code redis-server} on a free loopback port, without persistence, in a directory of its own. */
final class LocalRedis extends ProcessBackedService {

  private final int port;
  private volatile String version = "?";

  private LocalRedis(ManagedProcess process, int port) {
    super(ServiceKind.REDIS, process, AppEnvironment.redis("127.0.0.1", port, Optional.empty()));
    this.port = port;
  }

  /**
   * The command line: no RDB snapshots and no append-only file (the cache and broker of a benchmark
   * are disposable, and background saves would add disk load to the measurements), foreground, log
   * to stdout.
   */
  static List<String> command(Path redisServer, int port, Path directory) {
    return List.of(
        redisServer.toString(),
        "--port",
        Integer.toString(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--daemonize",
        "no",
        "--logfile",
        "",
        "--dir",
        directory.toString());
  }

  /** Starts redis-server and waits until it answers PING. */
  static LocalRedis start(Path redisServer, Path workDirectory, Path logDirectory, Duration timeout)
      throws TargetException {
    Path directory = LocalDirectories.create(workDirectory, "redis-");
    int port = Ports.freeLoopbackPort();
    ManagedProcess process =
        ManagedProcess.start(
            "redis-server",
            command(redisServer, port, directory),
            Map.of(),
            directory,
            logDirectory.resolve("redis.log"));
    LocalRedis redis = new LocalRedis(process, port);
    redis.awaitReady(timeout);
    redis.version = redisVersion("127.0.0.1", port, Optional.empty());
    return redis;
  }

  /** The server's {@code redis_version} from INFO, or "?" when it cannot be read. */
  static String redisVersion(String host, int port, Optional<String> password) {
    try {
      String info = Probes.redis(host, port, password, PROBE_TIMEOUT, "INFO", "server");
      return info == null
          ? "?"
          : info.lines()
              .filter(l -> l.startsWith("redis_version:"))
              .map(l -> l.substring("redis_version:".length()).strip())
              .findFirst()
              .orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }

  @Override
  void probe() throws IOException {
    String reply = Probes.redis("127.0.0.1", port, Optional.empty(), PROBE_TIMEOUT, "PING");
    if (!"+PONG".equals(reply)) {
      throw new IOException("PING answered '" + reply + "', expected +PONG");
    }
  }

  @Override
  public String describe() {
    return "redis " + version + " on 127.0.0.1:" + port + " (local)";
  }
}
