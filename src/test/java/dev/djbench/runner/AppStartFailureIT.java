package dev.djbench.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.cli.Djbench;
import dev.djbench.results.ResultsIO;
import dev.djbench.results.RunResult;
import dev.djbench.testsupport.Processes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An app that will not start fails its experiment with its log in the message; the run goes on and
 * exits 3.
 */
class AppStartFailureIT {

  @Test
  void aBrokenAppFailsItsExperimentAndTheRunExits3WithTheLog(@TempDir Path dir) throws Exception {
    Path broken = Files.createDirectories(dir.resolve("broken-app"));
    Files.writeString(
        broken.resolve("manage.py"),
        """
        import os, sys
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "missing_settings")
        sys.stderr.write("ModuleNotFoundError: No module named 'missing_settings'\\n")
        sys.exit(1)
        """);
    Path home = Path.of("").toAbsolutePath();
    Path scenario = dir.resolve("broken.yaml");
    Files.writeString(
        scenario,
        """
        suite: broken
        app: broken-app
        experiments:
          - id: first
            variants: {a: GET /a/, b: GET /b/}
          - id: second
            variants: {a: GET /a/, b: GET /b/}
        """);
    PrintStream console = System.out;
    var captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit =
          Djbench.execute(
              "--home",
              home.toString(),
              "run",
              scenario.toString(),
              "--profile",
              "smoke",
              "--reports",
              dir.resolve("reports").toString());
    } finally {
      System.setOut(console);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertEquals(3, exit, out);
    assertTrue(out.contains("migrate failed with exit code 1"), out);
    assertTrue(out.contains("No module named 'missing_settings'"), out);

    Path run;
    try (var dirs = Files.list(dir.resolve("reports"))) {
      run = dirs.findFirst().orElseThrow();
    }
    RunResult result = ResultsIO.read(run);
    assertEquals(
        List.of("failed", "failed"),
        result.experiments().stream().map(e -> e.status().word()).toList(),
        "the run went on to the next experiment");
    // One status, as the exit code has it: 3, "failed", in results.json and every report.
    assertEquals("failed", result.status().word());
    for (var e : result.experiments()) {
      assertTrue(result.message().contains(e.id()), result.message());
    }
    assertTrue(Files.readString(run.resolve("summary.md")).contains("status failed"));
    assertTrue(Files.readString(run.resolve("index.html")).contains("failed"));
    assertTrue(Files.readString(run.resolve("junit.xml")).contains("run failed"));
    assertTrue(result.experiments().get(0).reason().contains("migrate.log"));
    assertEquals(List.of(), Processes.mentioning(dir.toString()));
  }
}
