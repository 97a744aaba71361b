package dev.djbench.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds processes on this machine, for tests that prove none outlives a run. */
public final class Processes {

  private Processes() {}

  /** Live pids whose process group is one of {@code groups}. */
  public static List<Long> inGroups(java.util.Collection<Long> groups) {
    return matching(
        p -> {
          String stat = Files.readString(p.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          return !f[0].equals("Z") && groups.contains(Long.parseLong(f[2]));
        });
  }

  /** A test of one /proc/PID folder; a process gone meanwhile fails it. */
  private interface ProcTest {
    boolean test(Path proc) throws IOException;
  }

  /** Pids of /proc whose folder passes {@code test}, this JVM left out. */
  private static List<Long> matching(ProcTest test) {
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      return entries
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(
              p -> {
                try {
                  return test.test(p);
                } catch (IOException | RuntimeException e) {
                  return false;
                }
              })
          .map(p -> Long.parseLong(p.getFileName().toString()))
          .filter(pid -> pid != ProcessHandle.current().pid())
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
    }
  }

  /**
   * Pids whose command line mentions {@code marker} (e.g. a run's reports directory) — live ones
   * only.
   */
  public static List<Long> mentioning(String marker) {
    return matching(
        p -> {
          String environ = new String(Files.readAllBytes(p.resolve("environ")));
          String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")));
          String stat = Files.readString(p.resolve("stat"));
          boolean zombie = stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
          return !zombie && (environ.contains(marker) || cmdline.contains(marker));
        });
  }
}
