package dev.djbench.sut.process;

import dev.djbench.measure.ProcStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Process-group facts and signals, read from and sent through the Linux kernel's interfaces. */
final class ProcessGroups {

  private ProcessGroups() {}

  /**
   * Live (not zombie) processes whose process group is {@code group}, from {@code
   * /proc/<pid>/stat}.
   */
  static List<Long> members(long group) {
    List<Long> out = new ArrayList<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      entries.forEach(
          dir -> {
            String name = dir.getFileName().toString();
            if (!name.chars().allMatch(Character::isDigit)) {
              return;
            }
            ProcStat.read(Long.parseLong(name))
                .ifPresent(
                    stat -> {
                      if (stat.processGroup() == group
                          && stat.state() != 'Z'
                          && stat.state() != 'X') {
                        out.add(stat.pid());
                      }
                    });
          });
    } catch (IOException e) {
      // /proc unreadable: nothing can be listed, and stop() falls back to its time limits.
    }
    return out;
  }

  /**
   * Sends {@code signal} (TERM, KILL, INT…) to every process of the group; failures are ignored.
   */
  static void signal(long group, String signal) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, "--", "-" + group)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      kill.waitFor();
    } catch (IOException e) {
      // `kill` missing would be a broken machine; the group is then left to the time limits.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
