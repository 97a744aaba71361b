package dev.djbench.sut.process;

import dev.djbench.measure.ProcStat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Which process groups a harness has running, in a file of the user's own state folder, so that a
 * later harness can stop what an earlier one left behind when neither it nor its {@link Watchdog}
 * could (both killed at once, a power cut of the process tree).
 *
 * <p>One file per harness, {@code <state>/processes/<pid>-<start>.tsv}, named by the harness's
 * process id and its start time in clock ticks since boot (so that a later process given the same
 * pid is not taken for it). Each line is one group: its id, its leader's start time, and its name.
 * The file is rewritten whole, by an atomic rename, every time a group starts or stops, and removed
 * when the harness has stopped them all.
 *
 * <p>{@link #stopLeftovers} stops only groups listed by a harness that is no longer running, and of
 * those only the processes that are provably the ones listed: in the listed group, started no
 * earlier than its leader. The state folder is per user ({@code $XDG_STATE_HOME/djbench}, else
 * {@code ~/.local/state/djbench}), so nothing another user started is ever touched.
 */
final class ProcessLedger {

  /** The state folder's override, for tests and for users who keep state elsewhere. */
  static final String STATE_PROPERTY = "djbench.state";

  private final Path file;
  private final Map<Long, String> groups = new LinkedHashMap<>();

  ProcessLedger(Path file) {
    this.file = file;
  }

  /** The ledger of this harness, in {@code stateDirectory}. */
  static ProcessLedger forThisHarness(Path stateDirectory) {
    long pid = ProcessHandle.current().pid();
    long start = ProcStat.read(pid).map(ProcStat::startTicks).orElse(0L);
    return new ProcessLedger(
        stateDirectory.resolve("processes").resolve(pid + "-" + start + ".tsv"));
  }

  /** Where djbench keeps this user's state: see the class comment. */
  static Path stateDirectory() {
    String property = System.getProperty(STATE_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String xdg = System.getenv("XDG_STATE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "djbench");
    }
    return Path.of(System.getProperty("user.home"), ".local", "state", "djbench");
  }

  Path file() {
    return file;
  }

  synchronized void add(long group, String name) {
    long leaderStart = ProcStat.read(group).map(ProcStat::startTicks).orElse(0L);
    groups.put(group, leaderStart + "\t" + name.replaceAll("[\t\n]", " "));
    save();
  }

  synchronized void remove(long group) {
    if (groups.remove(group) != null) {
      save();
    }
  }

  private void save() {
    try {
      if (groups.isEmpty()) {
        Files.deleteIfExists(file);
        return;
      }
      Files.createDirectories(file.getParent());
      StringBuilder text = new StringBuilder();
      groups.forEach((group, rest) -> text.append(group).append('\t').append(rest).append('\n'));
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      try {
        Files.move(
            temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      // An unwritable state folder costs only the clean-up after a double kill; the watchdog and
      // the shutdown hook still stop everything.
    }
  }

  /** One group a dead harness listed. */
  record Entry(long group, long leaderStartTicks, String name) {}

  /**
   * Stops what harnesses that are no longer running left behind, and removes their ledgers.
   *
   * @param say told of each group stopped, e.g. "stopped gunicorn (process group 4242, 3 processes)
   *     left by djbench process 4100, which ended without stopping it"
   * @return the number of processes stopped
   */
  static int stopLeftovers(Path stateDirectory, Consumer<String> say) {
    Path folder = stateDirectory.resolve("processes");
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    List<Path> ledgers;
    try (Stream<Path> files = Files.list(folder)) {
      ledgers = files.filter(p -> p.getFileName().toString().endsWith(".tsv")).toList();
    } catch (IOException e) {
      return 0;
    }
    int stopped = 0;
    for (Path ledger : ledgers) {
      Optional<long[]> owner = owner(ledger);
      if (owner.isEmpty() || isRunning(owner.get()[0], owner.get()[1])) {
        continue;
      }
      for (Entry entry : read(ledger)) {
        List<Long> members = provableMembers(entry);
        if (members.isEmpty()) {
          continue;
        }
        stopGroup(entry.group());
        stopped += members.size();
        say.accept(
            "stopped "
                + entry.name()
                + " (process group "
                + entry.group()
                + ", "
                + members.size()
                + (members.size() == 1 ? " process" : " processes")
                + ") left by djbench process "
                + owner.get()[0]
                + ", which ended without stopping it");
      }
      try {
        Files.deleteIfExists(ledger);
      } catch (IOException e) {
        // Read again by the next run, which finds nothing left to stop.
      }
    }
    return stopped;
  }

  /** The harness pid and start time a ledger's name gives. */
  private static Optional<long[]> owner(Path ledger) {
    String name = ledger.getFileName().toString();
    String[] parts = name.substring(0, name.length() - ".tsv".length()).split("-");
    try {
      return parts.length == 2
          ? Optional.of(new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])})
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean isRunning(long pid, long startTicks) {
    return ProcStat.read(pid)
        .filter(s -> s.state() != 'Z' && s.state() != 'X')
        .map(s -> s.startTicks() == startTicks)
        .orElse(false);
  }

  static List<Entry> read(Path ledger) {
    List<Entry> entries = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(ledger, StandardCharsets.UTF_8)) {
        String[] f = line.split("\t", 3);
        if (f.length == 3) {
          try {
            entries.add(new Entry(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2]));
          } catch (NumberFormatException e) {
            // A line that is not ours: nothing is stopped on its word.
          }
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    return entries;
  }

  /**
   * The live processes of the entry's group that can be the ones the harness started: the group's
   * id is still the one recorded (a process group's id is not reused while any member lives), and
   * each started no earlier than the recorded leader. A group whose id was given anew after all its
   * members had gone has a leader that started later than the recorded one, and is left alone.
   */
  static List<Long> provableMembers(Entry entry) {
    Optional<ProcStat> leader = ProcStat.read(entry.group());
    if (leader.isPresent()
        && leader.get().processGroup() == entry.group()
        && leader.get().startTicks() != entry.leaderStartTicks()) {
      return List.of();
    }
    List<Long> members = new ArrayList<>();
    for (long pid : ProcessGroups.members(entry.group())) {
      ProcStat.read(pid)
          .filter(s -> s.startTicks() >= entry.leaderStartTicks())
          .ifPresent(s -> members.add(pid));
    }
    return members;
  }

  private static void stopGroup(long group) {
    ProcessGroups.signal(group, "TERM");
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (!ProcessGroups.members(group).isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (!ProcessGroups.members(group).isEmpty()) {
      ProcessGroups.signal(group, "KILL");
    }
  }
}
