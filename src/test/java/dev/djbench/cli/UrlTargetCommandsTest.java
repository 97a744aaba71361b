package dev.djbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands that start the app themselves refuse a deployment at a URL, before any request. */
class UrlTargetCommandsTest {

  private static String errorsOf(int[] exit, String... args) {
    PrintStream saved = System.err;
    var err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit[0] = Djbench.execute(args);
    } finally {
      System.setErr(saved);
    }
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void gateAndDoctorRefuseAUrlTargetWithExit2(@TempDir Path dir) throws Exception {
    Path scenario = dir.resolve("staging.yaml");
    Files.writeString(
        scenario,
        """
        suite: staging
        app: {url: "http://127.0.0.1:9"}
        gate: {p50: 10%}
        experiments:
          - {id: home, request: GET /}
        """);
    int[] exit = new int[1];
    String gate =
        errorsOf(
            exit,
            "gate",
            scenario.toString(),
            "--baseline",
            dir.toString(),
            "--candidate",
            dir.toString(),
            "--reports",
            dir.resolve("r").toString());
    assertEquals(ExitCode.BAD_INPUT.code(), exit[0], gate);
    assertTrue(gate.contains("is a deployment djbench did not start, and djbench gate"), gate);
    String doctor = errorsOf(exit, "doctor", scenario.toString(), "--reports", dir.toString());
    assertEquals(ExitCode.BAD_INPUT.code(), exit[0], doctor);
    assertTrue(doctor.contains("and djbench doctor traces every query"), doctor);
    assertTrue(Files.notExists(dir.resolve("r")));
  }
}
