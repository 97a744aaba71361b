package dev.djbench.sut.process;

import dev.djbench.measure.ProcStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Parent/child relations of live processes, read from {@code /proc}. */
public final class ProcessTree {

  private ProcessTree() {}

  /** Live (not zombie) descendants of {@code pid}, at any depth, excluding {@code pid} itself. */
  public static List<Long> descendants(long pid) {
    Map<Long, List<Long>> children = new HashMap<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      entries
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.isEmpty() && n.chars().allMatch(Character::isDigit))
          .forEach(
              n ->
                  ProcStat.read(Long.parseLong(n))
                      .filter(s -> s.state() != 'Z' && s.state() != 'X')
                      .ifPresent(
                          s ->
                              children
                                  .computeIfAbsent(s.parentPid(), k -> new ArrayList<>())
                                  .add(s.pid())));
    } catch (IOException e) {
      return List.of();
    }
    List<Long> out = new ArrayList<>();
    Deque<Long> todo = new ArrayDeque<>(children.getOrDefault(pid, List.of()));
    while (!todo.isEmpty()) {
      long next = todo.pop();
      out.add(next);
      todo.addAll(children.getOrDefault(next, List.of()));
    }
    return out;
  }

  /** Whether a process with this id is alive (and not a zombie). */
  public static boolean isAlive(long pid) {
    return ProcStat.read(pid).map(s -> s.state() != 'Z' && s.state() != 'X').orElse(false);
  }
}
