package dev.djbench.sut.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which CPUs the app server and the load generator run on. Split, they cannot steal each other's
 * cycles, so a variant that makes the server busier cannot also slow the load down; the same layout
 * is used for every variant of a run. On fewer than four CPUs a split would leave the server too
 * little to measure deployments fairly, so {@code auto} shares them — and every report says so.
 *
 * @param serverCpus CPUs of the app server's processes; empty when shared
 * @param injectorCpus CPUs of the load generator (the harness's JVM); empty when shared
 * @param allCpus the CPUs this process may use
 */
public record CpuLayout(
    List<Integer> serverCpus, List<Integer> injectorCpus, List<Integer> allCpus) {

  /** How the layout is chosen ({@code --cpu-layout}). */
  public enum Choice {
    AUTO,
    SPLIT,
    SHARED
  }

  public CpuLayout {
    serverCpus = List.copyOf(serverCpus);
    injectorCpus = List.copyOf(injectorCpus);
    allCpus = List.copyOf(allCpus);
  }

  /**
   * The layout for this machine.
   *
   * @throws IllegalArgumentException for {@code SPLIT} on a single CPU, naming the CPUs available
   */
  public static CpuLayout choose(Choice choice, List<Integer> cpus) {
    boolean split =
        switch (choice) {
          case SHARED -> false;
          case SPLIT -> true;
          case AUTO -> cpus.size() >= 4;
        };
    if (!split) {
      return new CpuLayout(List.of(), List.of(), cpus);
    }
    if (cpus.size() < 2) {
      throw new IllegalArgumentException(
          "--cpu-layout split needs at least 2 CPUs; this process may use only " + ranges(cpus));
    }
    // A quarter for the injector (at least one): an open-model load generator needs far less than
    // the server.
    int injector = Math.max(1, cpus.size() / 4);
    return new CpuLayout(cpus.subList(injector, cpus.size()), cpus.subList(0, injector), cpus);
  }

  /**
   * The CPUs this process may run on, from {@code /proc/self/status}; 0..n-1 when that cannot be
   * read.
   */
  public static List<Integer> available() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Cpus_allowed_list:")) {
          return parseRanges(line.substring(line.indexOf(':') + 1).trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    }
    List<Integer> cpus = new ArrayList<>();
    for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
      cpus.add(i);
    }
    return cpus;
  }

  /** {@code 0-3,6} → [0, 1, 2, 3, 6]. */
  static List<Integer> parseRanges(String text) {
    List<Integer> cpus = new ArrayList<>();
    for (String part : text.split(",")) {
      String[] bounds = part.trim().split("-");
      int from = Integer.parseInt(bounds[0].trim());
      int to = bounds.length > 1 ? Integer.parseInt(bounds[1].trim()) : from;
      for (int cpu = from; cpu <= to; cpu++) {
        cpus.add(cpu);
      }
    }
    return cpus;
  }

  public static String ranges(List<Integer> cpus) {
    return cpus.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  public boolean isSplit() {
    return !serverCpus.isEmpty();
  }

  /** The command prefixed with {@code taskset} when the server has CPUs of its own. */
  public List<String> pinServer(List<String> command) {
    if (!isSplit()) {
      return command;
    }
    List<String> pinned = new ArrayList<>(List.of("taskset", "-c", ranges(serverCpus)));
    pinned.addAll(command);
    return pinned;
  }

  /**
   * Pins every thread of this JVM (the load generator) to its CPUs; does nothing when shared.
   *
   * @throws TargetException when {@code taskset} fails
   */
  public void pinThisProcess() throws TargetException {
    if (!isSplit()) {
      return;
    }
    List<String> command =
        List.of(
            "taskset",
            "-a",
            "-p",
            "-c",
            ranges(injectorCpus),
            Long.toString(ProcessHandle.current().pid()));
    try {
      Process taskset = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(taskset.getInputStream().readAllBytes());
      if (taskset.waitFor() != 0) {
        throw new TargetException(
            "cannot pin the load generator: " + String.join(" ", command) + ": " + out.strip());
      }
    } catch (IOException e) {
      throw new TargetException(
          "cannot run taskset to pin the load generator (install util-linux): " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetException("interrupted while pinning the load generator");
    }
  }

  /** In words, for results and reports; a shared layout carries a warning. */
  public String describe() {
    if (isSplit()) {
      return String.format(
          Locale.ROOT,
          "split: app server on CPU %s, load generator on CPU %s (services unpinned)",
          ranges(serverCpus),
          ranges(injectorCpus));
    }
    return String.format(
        Locale.ROOT,
        "WARNING shared: app server and load generator share CPU %s "
            + "(%d CPUs are too few to split; --cpu-layout split forces it)",
        ranges(allCpus),
        allCpus.size());
  }
}
