package dev.djbench.sut.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Makes sure no {@link ManagedProcess} outlives the harness, in three layers:
 *
 * <ol>
 *   <li>a shutdown hook stops every process still running when the JVM shuts down: normal exit, an
 *       uncaught error, SIGINT (Ctrl-C), SIGTERM or SIGHUP;
 *   <li>a {@link Watchdog} process stops their groups when the harness dies without running its
 *       hooks (SIGKILL, a crash of the JVM);
 *   <li>a {@link ProcessLedger} in the user's state folder lets the next harness stop what is left
 *       when the watchdog was killed too ({@link #stopLeftovers}).
 * </ol>
 *
 * <p>While a run is on, its folder also records every group started and stopped ({@link #recordIn},
 * {@value #RECORD_FILE}).
 */
public final class ProcessReaper {

  /** The run folder's record of its process groups. */
  public static final String RECORD_FILE = "processes.tsv";

  private static final Set<ManagedProcess> LIVE = ConcurrentHashMap.newKeySet();
  private static final ProcessLedger LEDGER =
      ProcessLedger.forThisHarness(ProcessLedger.stateDirectory());
  private static Watchdog watchdog;
  private static Path record;

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(ProcessReaper::stopAll, "djbench-process-reaper"));
  }

  private ProcessReaper() {}

  static synchronized void register(ManagedProcess process) {
    LIVE.add(process);
    LEDGER.add(process.pid(), process.name());
    watchdog().ifPresent(w -> w.watch(process.pid()));
    note("started", process);
  }

  static synchronized void unregister(ManagedProcess process) {
    if (LIVE.remove(process)) {
      watchdog().ifPresent(w -> w.forget(process.pid()));
      LEDGER.remove(process.pid());
      note("stopped", process);
    }
  }

  /** The watchdog, started with the first process; empty where it cannot run (no setsid, bash). */
  private static java.util.Optional<Watchdog> watchdog() {
    if (watchdog == null || !watchdog.isAlive()) {
      try {
        watchdog = Watchdog.start(LEDGER.file());
      } catch (IOException e) {
        return java.util.Optional.empty();
      }
    }
    return java.util.Optional.of(watchdog);
  }

  /** The watchdog's pid, once a process has been started; for tests. */
  public static synchronized java.util.OptionalLong watchdogPid() {
    return watchdog == null
        ? java.util.OptionalLong.empty()
        : java.util.OptionalLong.of(watchdog.pid());
  }

  /**
   * From now on, every group started or stopped is also written, a line each, to {@value
   * #RECORD_FILE} in {@code runDirectory} ({@code null}: no longer). The columns: time, "started"
   * or "stopped", process group id, name, command.
   */
  public static synchronized void recordIn(Path runDirectory) {
    record = runDirectory == null ? null : runDirectory.resolve(RECORD_FILE);
    if (record != null) {
      for (ManagedProcess process : LIVE) {
        note("running", process);
      }
    }
  }

  private static void note(String what, ManagedProcess process) {
    if (record == null) {
      return;
    }
    String line =
        String.join(
                "\t",
                Instant.now().toString(),
                what,
                Long.toString(process.pid()),
                process.name(),
                String.join(" ", process.command()).replaceAll("[\t\n]", " "))
            + "\n";
    try {
      Files.writeString(
          record,
          line,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // The record is for people; the ledger and the watchdog do the stopping.
    }
  }

  /**
   * Stops whatever earlier harnesses of this user left running when they were killed with their
   * watchdog (see {@link ProcessLedger}); {@code say} is told of each group stopped.
   *
   * @return the number of processes stopped
   */
  public static int stopLeftovers(Consumer<String> say) {
    return ProcessLedger.stopLeftovers(ProcessLedger.stateDirectory(), say);
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
