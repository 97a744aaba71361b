package dev.djbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.results.Journal;
import dev.djbench.results.ResultsIO;
import dev.djbench.results.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged djbench in a child JVM, broken mid-run: the app server killed, or the harness
 * interrupted as by Ctrl-C. Trials already measured stay on disk and no process of the run
 * survives.
 */
class RunInterruptionIT {

  private static final Path HOME = Path.of("").toAbsolutePath();

  @TempDir Path reports;

  private Process startRun() throws IOException {
    Path jar = HOME.resolve("target/djbench.jar");
    assertTrue(Files.isRegularFile(jar), "the packaged jar is built before integration tests");
    return new ProcessBuilder(
            "java",
            "--add-opens",
            "java.base/java.lang=ALL-UNNAMED",
            "-jar",
            jar.toString(),
            "--home",
            HOME.toString(),
            "run",
            "--profile",
            "quick",
            "--only",
            "select-related",
            "--seed",
            "5",
            "--reports",
            reports.toString())
        .redirectOutput(reports.resolve("stdout.txt").toFile())
        .redirectError(reports.resolve("stderr.txt").toFile())
        .start();
  }

  private Path runDirectory() throws IOException, InterruptedException {
    for (int i = 0; i < 600; i++) {
      try (var dirs = Files.list(reports)) {
        Optional<Path> dir = dirs.filter(Files::isDirectory).findFirst();
        if (dir.isPresent()) {
          return dir.get();
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no run directory appeared");
  }

  private static void awaitTrials(Path runDirectory, int count) throws Exception {
    Path journal = runDirectory.resolve(Journal.FILE);
    for (int i = 0; i < 1200; i++) {
      if (Files.exists(journal) && Files.readAllLines(journal).size() >= count) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the journal never reached " + count + " trials");
  }

  private static ProcessHandle gunicornMaster(Process harness) {
    for (int i = 0; i < 100; i++) {
      Optional<ProcessHandle> master =
          harness
              .toHandle()
              .children()
              .filter(h -> h.info().commandLine().orElse("").contains("gunicorn"))
              .findFirst();
      if (master.isPresent()) {
        return master.get();
      }
      sleep(100);
    }
    throw new AssertionError("no gunicorn master under the harness");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void assertNothingLeft() throws InterruptedException {
    List<Long> left = List.of();
    for (int i = 0; i < 50; i++) {
      left = dev.djbench.testsupport.Processes.mentioning(reports.toString());
      if (left.isEmpty()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("processes of the run are still alive: " + left);
  }

  @Test
  void killingTheAppServerEndsTheRunWithExitCode3AndKeepsTheMeasuredTrials() throws Exception {
    Process harness = startRun();
    Path run = runDirectory();
    awaitTrials(run, 1);
    ProcessHandle master = gunicornMaster(harness);
    new ProcessBuilder("kill", "-9", Long.toString(master.pid())).start().waitFor();

    assertTrue(harness.waitFor(90, TimeUnit.SECONDS), "the run ends by itself");
    String stderr = Files.readString(reports.resolve("stderr.txt"), StandardCharsets.UTF_8);
    assertEquals(3, harness.exitValue(), stderr);
    assertTrue(stderr.contains("the run failed") && stderr.contains("exited"), stderr);
    assertTrue(stderr.contains("trials measured before the failure are kept in " + run), stderr);
    RunResult result = ResultsIO.read(run);
    assertEquals("failed", result.status().word());
    int journaled = Journal.read(run.resolve(Journal.FILE)).size();
    assertTrue(journaled >= 1);
    assertEquals(
        journaled,
        result.experiments().get(0).trials().size(),
        "results.json holds every journaled trial");
    assertNothingLeft();
  }

  @Test
  void ctrlCStopsEveryProcessAndRecordsTheRunAsAborted() throws Exception {
    Process harness = startRun();
    Path run = runDirectory();
    awaitTrials(run, 1);
    gunicornMaster(harness);
    sleep(1500); // inside the next trial
    new ProcessBuilder("kill", "-INT", Long.toString(harness.pid())).start().waitFor();

    assertTrue(harness.waitFor(60, TimeUnit.SECONDS), "the harness exits on SIGINT");
    assertFalse(harness.isAlive());
    RunResult result = ResultsIO.read(run);
    assertEquals("aborted", result.status().word());
    assertTrue(result.experiments().get(0).trials().size() >= 1);
    assertNothingLeft();
  }
}
