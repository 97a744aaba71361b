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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C on a harness that has services running stops every one of their processes. */
class ServicesCrashIT {

  @TempDir Path run;

  @Test
  void sigintToTheHarnessLeavesNoServiceProcessBehind() throws Exception {
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

      // SIGINT to the JVM alone, as a terminal's Ctrl-C would deliver it; the services are in
      // groups of their own.
      ManagedProcess.runToCompletion(
          "kill",
          List.of("kill", "-INT", Long.toString(child.pid())),
          Map.of(),
          run,
          run.resolve("kill.log"),
          Duration.ofSeconds(10));
      OptionalInt exit = child.waitFor(Duration.ofSeconds(30));
      assertTrue(exit.isPresent(), "the child JVM did not exit after SIGINT" + child.describeLog());
      assertEquals(
          130, exit.getAsInt(), "exit code of a JVM ended by SIGINT" + child.describeLog());
      TestProcesses.assertAllGone("services after SIGINT to the harness", pids);
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
          "the postgres cluster " + cluster + " is removed after SIGINT too");
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
