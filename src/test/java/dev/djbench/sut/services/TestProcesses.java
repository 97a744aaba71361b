package dev.djbench.sut.services;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.djbench.sut.process.ProcessTree;
import java.util.List;
import java.util.stream.Collectors;

/** Assertions about processes on this machine. */
public final class TestProcesses {

  private TestProcesses() {}

  /**
   * Fails naming every pid of {@code pids} that is still a live (non-zombie) process, after up to 2
   * s.
   */
  public static void assertAllGone(String what, List<Long> pids) throws InterruptedException {
    assertAllGone(what, pids, java.time.Duration.ofSeconds(2));
  }

  /** Like {@link #assertAllGone(String, List)}, waiting up to {@code wait}. */
  public static void assertAllGone(String what, List<Long> pids, java.time.Duration wait)
      throws InterruptedException {
    long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
    List<Long> alive = survivors(pids);
    while (!alive.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      alive = survivors(pids);
    }
    assertEquals(List.of(), alive, what + ": processes still alive: " + describe(alive));
  }

  static List<Long> survivors(List<Long> pids) {
    return pids.stream().filter(ProcessTree::isAlive).collect(Collectors.toList());
  }

  private static String describe(List<Long> pids) {
    return pids.stream()
        .map(
            pid ->
                pid + " " + ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("?"))
        .collect(Collectors.joining("; "));
  }
}
