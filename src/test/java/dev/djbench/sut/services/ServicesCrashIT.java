package dev.djbench.sut.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.sut.process.ManagedProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A harness that has services running, ended by a signal: Ctrl-C (SIGINT), SIGTERM and SIGHUP run
 * its shutdown hook, which stops every process and removes the PostgreSQL cluster; SIGKILL runs
 * nothing in the JVM, and the harness's watchdog stops every process within 5 s.
 */
class ServicesCrashIT {

  @TempDir Path run;

  @ParameterizedTest(name = "SIG{0}")
  @CsvSource({"INT, 130", "TERM, 143", "HUP, 129", "KILL, 137"})
  void aSignalToTheHarnessLeavesNoServiceProcessBehind(String signal, int expectedExit)
      throws Exception {
    Path log = run.resolve("child.log");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            ServicesCrashChild.class.getName(),
            run.toString());
    try (ManagedProcess child =
        ManagedProcess.start("services child JVM", command, Map.of(), run, log)) {
      List<Long> pids = awaitReady(child, log, Duration.ofSeconds(90));
      String output = Files.readString(log, StandardCharsets.UTF_8);
      for (String kind : List.of("postgres", "redis", "memcached", "nginx")) {
        assertTrue(output.contains(" " + kind + "\n"), kind + " was not started:\n" + output);
      }
      assertTrue(
          TestProcesses.survivors(pids).size() == pids.size(),
          "all services run before the signal");

      // The signal to the JVM alone, as a terminal's Ctrl-C or a CI runner's cancel would deliver
      // it; the services are in groups of their own.
      long signalled = System.nanoTime();
      ManagedProcess.runToCompletion(
          "kill",
          List.of("kill", "-" + signal, Long.toString(child.pid())),
          Map.of(),
          run,
          run.resolve("kill.log"),
          Duration.ofSeconds(10));
      OptionalInt exit = child.waitFor(Duration.ofSeconds(30));
      assertTrue(
          exit.isPresent(), "the child JVM did not exit after SIG" + signal + child.describeLog());
      assertEquals(
          expectedExit,
          exit.getAsInt(),
          "exit code of a JVM ended by SIG" + signal + child.describeLog());
      TestProcesses.assertAllGone(
          "services after SIG" + signal + " to the harness",
          pids,
          Duration.ofSeconds(5).minus(Duration.ofNanos(System.nanoTime() - signalled)));
      if (signal.equals("KILL")) {
        // Nothing ran in the JVM: the cluster's files stay in the run's work folder.
        return;
      }
      Path cluster =
          Path.of(
              output
                  .lines()
                  .filter(l -> l.startsWith("CLUSTER "))
                  .findFirst()
                  .orElseThrow()
                  .substring("CLUSTER ".length()));
      assertTrue(
          !Files.exists(cluster),
          "the postgres cluster " + cluster + " is removed after SIG" + signal + " too");
    }
  }

  private static List<Long> awaitReady(ManagedProcess child, Path log, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      if (lines.contains("READY")) {
        List<Long> pids = new ArrayList<>();
        for (String line : lines) {
          if (line.startsWith("PID ")) {
            pids.add(Long.parseLong(line.split(" ")[1]));
          }
        }
        return pids;
      }
      if (!child.isAlive()) {
        throw new AssertionError(
            "the child JVM exited before its services were ready" + child.describeLog());
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "the child JVM's services were not ready within " + timeout + child.describeLog());
  }
}
