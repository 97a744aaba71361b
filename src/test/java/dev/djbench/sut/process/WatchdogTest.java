package dev.djbench.sut.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watchdog on real process groups: when its pipe closes, as it does when the harness dies, it
 * stops the groups it still lists (a process that ignores SIGTERM too) and no other.
 */
class WatchdogTest {

  @TempDir Path folder;

  private final List<Long> groups = new ArrayList<>();

  private long group(String script) throws Exception {
    Process p = new ProcessBuilder("setsid", "sh", "-c", script).redirectErrorStream(true).start();
    groups.add(p.pid());
    for (int i = 0; i < 100 && ProcessGroups.members(p.pid()).size() < 2; i++) {
      Thread.sleep(20);
    }
    assertEquals(2, ProcessGroups.members(p.pid()).size(), "the test's group runs");
    return p.pid();
  }

  @AfterEach
  void stopWhatIsLeft() {
    groups.forEach(g -> ProcessGroups.signal(g, "KILL"));
  }

  @Test
  void stopsTheGroupsStillListedWhenThePipeClosesAndLeavesTheOthers() throws Exception {
    long listed = group("sleep 300 & exec sleep 300");
    // SIGTERM ignored by both: only the SIGKILL after the grace period stops them.
    long stubborn = group("trap '' TERM; sleep 300 & wait");
    long forgotten = group("sleep 300 & exec sleep 300");
    Path ledger = Files.writeString(folder.resolve("1-2.tsv"), "listed\n");
    Watchdog watchdog = Watchdog.start(ledger);
    watchdog.watch(listed);
    watchdog.watch(stubborn);
    watchdog.watch(forgotten);
    watchdog.forget(forgotten);

    watchdog.close();

    assertTrue(
        watchdog.awaitExit(Duration.ofSeconds(Watchdog.GRACE_TENTHS / 10 + 5)),
        "the watchdog exits once it has stopped its groups");
    assertEquals(List.of(), ProcessGroups.members(listed));
    assertEquals(List.of(), ProcessGroups.members(stubborn), "SIGKILL after the grace period");
    assertEquals(2, ProcessGroups.members(forgotten).size(), "a group stopped already is not its");
    assertFalse(Files.exists(ledger), "the watchdog removes the ledger it has carried out");
  }
}
