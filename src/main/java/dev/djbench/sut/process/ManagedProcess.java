package dev.djbench.sut.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A child process of the harness that is always stopped, with everything it started.
 *
 * <p>The command runs under {@code setsid}, so it leads a process group and session of its own:
 * every process it forks (Gunicorn's workers, Celery's pool) stays in that group even after its
 * parent dies, and a terminal's Ctrl-C reaches only the harness, which then stops the group itself.
 * {@link #stop} signals the whole group, SIGTERM first and SIGKILL after a grace period, and
 * returns only when no process of the group is left. Every instance is registered with {@link
 * ProcessReaper}, whose shutdown hook stops what is still running when the harness exits for any
 * reason it can react to.
 */
public final class ManagedProcess implements AutoCloseable {

  private final String name;
  private final List<String> command;
  private final Process process;
  private final long processGroup;
  private final Path logFile;

  private ManagedProcess(String name, List<String> command, Process process, Path logFile) {
    this.name = name;
    this.command = List.copyOf(command);
    this.process = process;
    this.processGroup = process.pid();
    this.logFile = logFile;
  }

  /**
   * Starts a command in its own process group, its standard output and error appended to {@code
   * logFile}.
   *
   * @param name what the process is, for messages ("gunicorn", "postgres")
   * @param command the program and its arguments
   * @param environment variables added to (and overriding) the harness's own environment
   * @param workingDirectory the directory it runs in
   * @param logFile where its output goes, after a line with the command; parent directories are
   *     created, an existing file is overwritten
   * @throws TargetException when the program cannot be started at all
   */
  public static ManagedProcess start(
      String name,
      List<String> command,
      Map<String, String> environment,
      Path workingDirectory,
      Path logFile)
      throws TargetException {
    return start(name, command, environment, workingDirectory, logFile, false);
  }

  /**
   * Like {@link #start(String, List, Map, Path, Path)}, but {@code appendToLog} keeps what the log
   * file already holds (a server restarted between blocks keeps one log, each of its instances
   * after its command line).
   */
  public static ManagedProcess start(
      String name,
      List<String> command,
      Map<String, String> environment,
      Path workingDirectory,
      Path logFile,
      boolean appendToLog)
      throws TargetException {
    List<String> full = new ArrayList<>();
    full.add("setsid");
    full.addAll(command);
    var builder =
        new ProcessBuilder(full).directory(workingDirectory.toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    try {
      Files.createDirectories(logFile.getParent());
      Files.writeString(
          logFile,
          "$ " + String.join(" ", command) + System.lineSeparator(),
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.WRITE,
          appendToLog
              ? java.nio.file.StandardOpenOption.APPEND
              : java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      var started = new ManagedProcess(name, command, builder.start(), logFile);
      ProcessReaper.register(started);
      return started;
    } catch (IOException e) {
      throw new TargetException(
          "cannot start " + name + " (" + String.join(" ", command) + "): " + e.getMessage(), e);
    }
  }

  /**
   * Runs a command to completion, in its own process group, and fails unless it exits 0.
   *
   * @param timeout how long it may take; it is stopped, group and all, after that
   * @throws TargetException when it cannot start, fails, or times out; the message carries its last
   *     log lines
   */
  public static void runToCompletion(
      String name,
      List<String> command,
      Map<String, String> environment,
      Path workingDirectory,
      Path logFile,
      Duration timeout)
      throws TargetException {
    try (var process = start(name, command, environment, workingDirectory, logFile)) {
      OptionalInt exit = process.waitFor(timeout);
      if (exit.isEmpty()) {
        throw new TargetException(
            name
                + " did not finish within "
                + timeout.toSeconds()
                + " s: "
                + shown(command)
                + process.describeLog());
      }
      if (exit.getAsInt() != 0) {
        throw new TargetException(
            name
                + " failed with exit code "
                + exit.getAsInt()
                + ": "
                + shown(command)
                + process.describeLog());
      }
    }
  }

  /** A command line for a message: a script given inline ({@code -c}) is named, not printed. */
  private static String shown(List<String> command) {
    return String.join(
        " ",
        command.stream()
            .map(a -> a.contains("\n") ? "<a script of " + a.lines().count() + " lines>" : a)
            .toList());
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public Path logFile() {
    return logFile;
  }

  public List<String> command() {
    return command;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * The exit code once the process has ended (128 + signal number for a signal, as shells report
   * it).
   */
  public OptionalInt exitCode() {
    return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
  }

  /**
   * Waits up to {@code timeout} for the process to end; its exit code, or empty when it is still
   * running.
   */
  public OptionalInt waitFor(Duration timeout) {
    try {
      if (process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        return OptionalInt.of(process.exitValue());
      }
      return OptionalInt.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.empty();
    }
  }

  /** Process ids of every live member of this process's group, the leader included. */
  public List<Long> groupMembers() {
    return ProcessGroups.members(processGroup);
  }

  /** The last lines of the log, for error messages. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join(
          System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(log " + logFile + " unreadable: " + e.getMessage() + ")";
    }
  }

  /** A message suffix naming the log file and showing its end. */
  public String describeLog() {
    return System.lineSeparator()
        + "  log: "
        + logFile
        + System.lineSeparator()
        + logTail(15)
            .lines()
            .map(l -> "  | " + l)
            .reduce((a, b) -> a + System.lineSeparator() + b)
            .orElse("  | (empty)");
  }

  /**
   * Stops the process group: SIGTERM, then SIGKILL after {@code grace}; returns when no member is
   * left (or after a further five seconds, when the kernel has been told to kill them and nothing
   * more can be done).
   */
  public void stop(Duration grace) {
    try {
      ProcessGroups.signal(processGroup, "TERM");
      long deadline = System.nanoTime() + grace.toNanos();
      while (!groupMembers().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      if (!groupMembers().isEmpty()) {
        ProcessGroups.signal(processGroup, "KILL");
        long killDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!groupMembers().isEmpty() && System.nanoTime() < killDeadline) {
          Thread.sleep(20);
        }
      }
      process.waitFor(1, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      ProcessGroups.signal(processGroup, "KILL");
      Thread.currentThread().interrupt();
    } finally {
      ProcessReaper.unregister(this);
    }
  }

  /** Stops with a five-second grace period. */
  @Override
  public void close() {
    stop(Duration.ofSeconds(5));
  }

  @Override
  public String toString() {
    return name + " (pid " + pid() + ")";
  }
}
