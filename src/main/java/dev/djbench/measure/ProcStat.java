package dev.djbench.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fields of {@code /proc/<pid>/stat} that the harness uses.
 *
 * @param pid the process id
 * @param state one letter: R, S, D, Z (zombie)…
 * @param parentPid the parent's pid
 * @param processGroup the process group id
 * @param cpuTicks user plus system time of the process itself, in clock ticks
 * @param childrenCpuTicks user plus system time of its children it has waited for, in clock ticks
 * @param rssPages resident set size in pages
 * @param startTicks when the process started, in clock ticks since boot (field 22): with the pid,
 *     what tells a process from a later one that was given the same pid
 */
public record ProcStat(
    long pid,
    char state,
    long parentPid,
    long processGroup,
    long cpuTicks,
    long childrenCpuTicks,
    long rssPages,
    long startTicks) {

  /** Reads the stat line of one process; empty when it has gone or cannot be read. */
  public static Optional<ProcStat> read(long pid) {
    try {
      return Optional.ofNullable(
          parse(
              pid,
              Files.readString(
                  Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses a stat line. The command name (field 2) is in parentheses and may itself hold spaces and
   * parentheses, so fields are counted from the last ')'.
   */
  public static ProcStat parse(long pid, String line) {
    int close = line.lastIndexOf(')');
    if (close < 0) {
      return null;
    }
    String[] f = line.substring(close + 2).trim().split(" ");
    // f[0] is field 3 (state); field n is f[n - 3].
    return new ProcStat(
        pid,
        f[0].charAt(0),
        Long.parseLong(f[1]),
        Long.parseLong(f[2]),
        Long.parseLong(f[11]) + Long.parseLong(f[12]),
        Long.parseLong(f[13]) + Long.parseLong(f[14]),
        Long.parseLong(f[21]),
        Long.parseLong(f[19]));
  }
}
