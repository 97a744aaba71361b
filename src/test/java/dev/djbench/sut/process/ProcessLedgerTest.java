package dev.djbench.sut.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.measure.ProcStat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new harness stops of what a killed one left: real process groups, a ledger written the way
 * a harness writes it, and {@link ProcessLedger#stopLeftovers} in a state folder of the test's own.
 */
class ProcessLedgerTest {

  @TempDir Path state;

  private final List<Process> started = new ArrayList<>();

  /** A group of two sleeping processes: its leader and one child. */
  private long group() throws Exception {
    Process p =
        new ProcessBuilder("setsid", "sh", "-c", "sleep 300 & exec sleep 300")
            .redirectErrorStream(true)
            .start();
    started.add(p);
    for (int i = 0; i < 100 && ProcessGroups.members(p.pid()).size() < 2; i++) {
      Thread.sleep(20);
    }
    assertEquals(2, ProcessGroups.members(p.pid()).size(), "the test's group runs");
    return p.pid();
  }

  /** The pid and start time of a process that has ended: a harness killed earlier. */
  private static long[] deadHarness() throws Exception {
    Process p = new ProcessBuilder("sleep", "5").start();
    long ticks = ProcStat.read(p.pid()).orElseThrow().startTicks();
    p.destroyForcibly();
    assertTrue(p.waitFor(5, TimeUnit.SECONDS));
    return new long[] {p.pid(), ticks};
  }

  private Path ledger(long[] harness, String lines) throws Exception {
    Path file =
        Files.createDirectories(state.resolve("processes"))
            .resolve(harness[0] + "-" + harness[1] + ".tsv");
    Files.writeString(file, lines);
    return file;
  }

  private static long startOf(long pid) {
    return ProcStat.read(pid).orElseThrow().startTicks();
  }

  @AfterEach
  void stopWhatIsLeft() {
    for (Process p : started) {
      ProcessGroups.signal(p.pid(), "KILL");
    }
  }

  @Test
  void stopsEveryProcessOfTheGroupsADeadHarnessListedAndRemovesItsLedger() throws Exception {
    long group = group();
    Path file = ledger(deadHarness(), group + "\t" + startOf(group) + "\tgunicorn\n");
    List<String> said = new ArrayList<>();

    int stopped = ProcessLedger.stopLeftovers(state, said::add);

    assertEquals(2, stopped);
    assertEquals(List.of(), ProcessGroups.members(group), "the group is gone");
    assertFalse(Files.exists(file), "the ledger is removed once its groups are stopped");
    assertEquals(1, said.size());
    assertTrue(
        said.get(0).startsWith("stopped gunicorn (process group " + group + ", 2 processes)"),
        said.get(0));
  }

  @Test
  void leavesTheGroupsOfAHarnessThatStillRuns() throws Exception {
    long group = group();
    long self = ProcessHandle.current().pid();
    Path file =
        ledger(new long[] {self, startOf(self)}, group + "\t" + startOf(group) + "\tgunicorn\n");

    assertEquals(0, ProcessLedger.stopLeftovers(state, s -> {}));

    assertEquals(2, ProcessGroups.members(group).size(), "a running harness's group is untouched");
    assertTrue(Files.exists(file));
  }

  @Test
  void leavesAGroupWhoseLeaderIsNotTheProcessTheLedgerRecorded() throws Exception {
    // The same group id with another start time: the recorded group ended and its id was given
    // to a process the dead harness never started.
    long group = group();
    Path file = ledger(deadHarness(), group + "\t" + (startOf(group) - 1) + "\tgunicorn\n");

    assertEquals(0, ProcessLedger.stopLeftovers(state, s -> {}));

    assertEquals(2, ProcessGroups.members(group).size(), "a stranger's group is untouched");
    assertFalse(Files.exists(file), "the dead harness's ledger is done with");
  }

  @Test
  void aHarnessLedgerListsWhatRunsAndIsGoneWhenNothingDoes() throws Exception {
    long group = group();
    ProcessLedger ledger = new ProcessLedger(state.resolve("processes").resolve("1-2.tsv"));
    ledger.add(group, "redis\tserver");

    List<ProcessLedger.Entry> entries = ProcessLedger.read(ledger.file());
    assertEquals(List.of(new ProcessLedger.Entry(group, startOf(group), "redis server")), entries);

    ledger.remove(group);
    assertFalse(Files.exists(ledger.file()));
  }
}
