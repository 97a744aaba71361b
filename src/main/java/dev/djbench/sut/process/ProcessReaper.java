package dev.djbench.sut.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops every {@link ManagedProcess} still running when the JVM shuts down: normal exit, an
 * uncaught error, SIGTERM, or Ctrl-C (SIGINT). Only SIGKILL of the harness itself escapes it, which
 * no program can handle.
 */
public final class ProcessReaper {

  private static final Set<ManagedProcess> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(ProcessReaper::stopAll, "djbench-process-reaper"));
  }

  private ProcessReaper() {}

  static void register(ManagedProcess process) {
    LIVE.add(process);
  }

  static void unregister(ManagedProcess process) {
    LIVE.remove(process);
  }

  /** The processes started and not yet stopped, newest last is not guaranteed. */
  public static List<ManagedProcess> live() {
    return new ArrayList<>(LIVE);
  }

  /** Stops every registered process, each with a short grace period. */
  public static void stopAll() {
    for (ManagedProcess process : live()) {
      process.stop(Duration.ofSeconds(3));
    }
  }
}
