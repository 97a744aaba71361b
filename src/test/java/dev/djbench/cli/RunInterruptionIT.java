package dev.djbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.results.Journal;
import dev.djbench.results.ResultsIO;
import dev.djbench.results.RunResult;
import dev.djbench.results.TrialResult;
import dev.djbench.sut.process.ProcessReaper;
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
    return djbench(
        "stdout.txt",
        "stderr.txt",
        "run",
        "--profile",
        "quick",
        "--only",
        "select-related",
        "--seed",
        "5",
        "--reports",
        reports.toString());
  }

  /** The packaged djbench in a child JVM, its output to two files of the reports folder. */
  private Process djbench(String stdout, String stderr, String... arguments) throws IOException {
    Path jar = HOME.resolve("target/djbench.jar");
    assertTrue(Files.isRegularFile(jar), "the packaged jar is built before integration tests");
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "java",
                "--add-opens",
                "java.base/java.lang=ALL-UNNAMED",
                "-jar",
                jar.toString(),
                "--home",
                HOME.toString()));
    command.addAll(List.of(arguments));
    return new ProcessBuilder(command)
        .redirectOutput(reports.resolve(stdout).toFile())
        .redirectError(reports.resolve(stderr).toFile())
        .start();
  }

  /** The process groups the run folder records as started. */
  private static List<Long> recordedGroups(Path run) throws IOException {
    return Files.readAllLines(run.resolve(ProcessReaper.RECORD_FILE)).stream()
        .map(l -> l.split("\t"))
        .filter(f -> f.length >= 4 && f[1].equals("started"))
        .map(f -> Long.parseLong(f[2]))
        .toList();
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
  void afterKill9NoProcessIsLeftAndResumeMeasuresEachBlockOnce() throws Exception {
    Process harness = startRun();
    Path run = runDirectory();
    awaitTrials(run, 2);
    gunicornMaster(harness);
    List<Long> groups = recordedGroups(run);
    assertFalse(groups.isEmpty(), "the run folder records its process groups");

    long killed = System.nanoTime();
    new ProcessBuilder("kill", "-9", Long.toString(harness.pid())).start().waitFor();
    assertTrue(harness.waitFor(10, TimeUnit.SECONDS));
    List<Long> left = List.of();
    while (System.nanoTime() - killed < 5_000_000_000L) {
      left = new java.util.ArrayList<>(dev.djbench.testsupport.Processes.inGroups(groups));
      left.addAll(dev.djbench.testsupport.Processes.mentioning(reports.toString()));
      if (left.isEmpty()) {
        break;
      }
      Thread.sleep(100);
    }
    assertEquals(List.of(), left, "processes of the run 5 s after kill -9 of the harness");
    assertFalse(Files.exists(run.resolve(ResultsIO.RESULTS_FILE)), "a killed run writes nothing");
    List<String> before = Files.readAllLines(run.resolve(Journal.FILE));

    // The journal alone is rendered, marked interrupted.
    Process report = djbench("report.out", "report.err", "report", run.toString());
    assertTrue(report.waitFor(60, TimeUnit.SECONDS));
    String reportOut = Files.readString(reports.resolve("report.out"));
    assertEquals(
        0, report.exitValue(), reportOut + Files.readString(reports.resolve("report.err")));
    assertTrue(reportOut.contains("interrupted"), reportOut);
    assertTrue(
        Files.readString(run.resolve("index.html")).contains(">interrupted</span>"),
        "the HTML report's badge says interrupted");
    assertTrue(Files.readString(run.resolve("summary.md")).contains("interrupted"));

    Process resumed = djbench("resume.out", "resume.err", "run", "--resume", run.toString());
    assertTrue(resumed.waitFor(300, TimeUnit.SECONDS), "the resumed run ends");
    String out = Files.readString(reports.resolve("resume.out"));
    assertEquals(0, resumed.exitValue(), out + Files.readString(reports.resolve("resume.err")));
    assertTrue(out.contains(before.size() + " trials kept from the interrupted run"), out);

    List<String> after = Files.readAllLines(run.resolve(Journal.FILE));
    assertEquals(before, after.subList(0, before.size()), "the trials measured before are kept");
    assertTrue(after.size() > before.size(), "the rest of the plan was measured");
    List<TrialResult> journal = Journal.read(run.resolve(Journal.FILE));
    java.util.Map<String, List<TrialResult>> byPlace = new java.util.TreeMap<>();
    for (TrialResult t : journal) {
      byPlace
          .computeIfAbsent(t.block() + "/" + t.position(), k -> new java.util.ArrayList<>())
          .add(t);
    }
    byPlace.forEach(
        (place, measured) -> {
          // Measured again only when invalid (the plan's one repeat), never because of the kill.
          for (TrialResult earlier : measured.subList(0, measured.size() - 1)) {
            assertFalse(earlier.valid(), "block/position " + place + " was measured twice");
          }
        });
    RunResult result = ResultsIO.read(run);
    assertEquals("complete", result.status().word());
    assertEquals(5L, result.seed(), "the seed the run began with");
    assertEquals(journal.size(), result.experiments().get(0).trials().size());
    assertFalse(result.experiments().get(0).comparisons().isEmpty(), "verdicts on every block");
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
