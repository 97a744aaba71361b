package dev.djbench.sut.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: a group is stopped whole, whatever happened to its leader. */
class ManagedProcessIT {

  @TempDir Path dir;

  private static void waitForMembers(ManagedProcess p, int count) throws InterruptedException {
    for (int i = 0; i < 100 && p.groupMembers().size() < count; i++) {
      Thread.sleep(20);
    }
  }

  @Test
  void stopEndsTheLeaderAndEveryProcessItForked() throws Exception {
    ManagedProcess p =
        ManagedProcess.start(
            "sleepers",
            List.of("sh", "-c", "sleep 300 & sleep 300 & wait"),
            Map.of(),
            dir,
            dir.resolve("sleepers.log"));
    waitForMembers(p, 3);
    List<Long> members = p.groupMembers();
    assertEquals(3, members.size(), "sh and two sleeps: " + members);
    p.stop(Duration.ofSeconds(2));
    assertTrue(p.groupMembers().isEmpty());
    // Gone, or a zombie waiting for its new parent (init) to reap it: nothing runs any more.
    members.forEach(
        pid ->
            assertTrue(
                dev.djbench.measure.ProcStat.read(pid).map(s -> s.state() == 'Z').orElse(true),
                "pid " + pid + " still runs"));
    assertTrue(ProcessReaper.live().isEmpty());
  }

  @Test
  void orphansOfAKilledLeaderAreStillFoundAndStopped() throws Exception {
    // A child that ignores SIGTERM outlives its killed parent: only the process group still ties it
    // to the run.
    ManagedProcess p =
        ManagedProcess.start(
            "stubborn",
            List.of("sh", "-c", "sh -c 'trap \"\" TERM; sleep 300' & wait"),
            Map.of(),
            dir,
            dir.resolve("stubborn.log"));
    waitForMembers(p, 3);
    new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start().waitFor();
    Thread.sleep(200);
    assertTrue(!p.isAlive() && !p.groupMembers().isEmpty(), "the orphans remain in the group");
    long started = System.nanoTime();
    p.stop(Duration.ofMillis(500));
    assertTrue(p.groupMembers().isEmpty(), "left: " + p.groupMembers());
    assertTrue(System.nanoTime() - started < Duration.ofSeconds(5).toNanos());
  }

  @Test
  void aFailingCommandIsReportedWithItsExitCodeAndLog() {
    TargetException e =
        assertThrows(
            TargetException.class,
            () ->
                ManagedProcess.runToCompletion(
                    "migrate",
                    List.of("sh", "-c", "echo no such table: techniques_post >&2; exit 4"),
                    Map.of(),
                    dir,
                    dir.resolve("migrate.log"),
                    Duration.ofSeconds(10)));
    assertTrue(e.getMessage().contains("migrate failed with exit code 4"), e.getMessage());
    assertTrue(e.getMessage().contains("| no such table: techniques_post"), e.getMessage());
    assertTrue(e.getMessage().contains(dir.resolve("migrate.log").toString()), e.getMessage());
  }

  @Test
  void aCommandThatHangsIsStoppedAtItsTimeout() {
    TargetException e =
        assertThrows(
            TargetException.class,
            () ->
                ManagedProcess.runToCompletion(
                    "seed",
                    List.of("sleep", "30"),
                    Map.of(),
                    dir,
                    dir.resolve("seed.log"),
                    Duration.ofMillis(300)));
    assertTrue(e.getMessage().contains("did not finish within"), e.getMessage());
    assertTrue(ProcessReaper.live().isEmpty());
  }

  @Test
  void aProgramThatDoesNotExistIsATargetError() throws Exception {
    ManagedProcess p =
        ManagedProcess.start(
            "ghost", List.of("/nonexistent/ghost"), Map.of(), dir, dir.resolve("g.log"));
    assertEquals(
        127,
        p.waitFor(Duration.ofSeconds(5)).orElseThrow(),
        "setsid reports a missing program as 127");
    p.close();
  }
}
