package dev.djbench.sut.services;

import dev.djbench.sut.process.Host;
import dev.djbench.sut.process.LocalDirectories;
import dev.djbench.sut.process.ManagedProcess;
import dev.djbench.sut.process.Ports;
import dev.djbench.sut.process.TargetException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code memcached} on a free loopback TCP port, UDP off. */
public final class LocalMemcached extends ProcessBackedService {

  /** Cache memory in MiB: ample for a benchmark's working set, small enough for a CI runner. */
  public static final int MEMORY_MIB = 64;

  private final int port;
  private volatile String version = "?";

  private LocalMemcached(ManagedProcess process, int port) {
    super(ServiceKind.MEMCACHED, process, AppEnvironment.memcached("127.0.0.1", port));
    this.port = port;
  }

  /**
   * The command line. memcached refuses to run as root without {@code -u}; it then drops to {@code
   * nobody}, which needs no files of ours.
   */
  static List<String> command(Path memcached, int port, boolean asRoot) {
    List<String> command =
        new ArrayList<>(
            List.of(
                memcached.toString(),
                "-p",
                Integer.toString(port),
                "-l",
                "127.0.0.1",
                "-U",
                "0",
                "-m",
                Integer.toString(MEMORY_MIB)));
    if (asRoot) {
      command.addAll(List.of("-u", "nobody"));
    }
    return command;
  }

  /** Starts memcached and waits until it answers {@code version}. */
  static LocalMemcached start(
      Path memcached, Path workDirectory, Path logDirectory, Duration timeout)
      throws TargetException {
    Path directory = LocalDirectories.create(workDirectory, "memcached-");
    int port = Ports.freeLoopbackPort();
    ManagedProcess process =
        ManagedProcess.start(
            "memcached",
            command(memcached, port, Host.isRoot()),
            Map.of(),
            directory,
            logDirectory.resolve("memcached.log"));
    LocalMemcached started = new LocalMemcached(process, port);
    started.awaitReady(timeout);
    try {
      started.version = Probes.memcachedVersion("127.0.0.1", port, PROBE_TIMEOUT);
    } catch (IOException e) {
      // It answered a moment ago; the description then shows "?".
    }
    return started;
  }

  @Override
  void probe() throws IOException {
    Probes.memcachedVersion("127.0.0.1", port, PROBE_TIMEOUT);
  }

  @Override
  public String describe() {
    return "memcached " + version + " on 127.0.0.1:" + port + " (local)";
  }
}
