package dev.djbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands that start the app themselves refuse a deployment at a URL, before any request. */
class UrlTargetCommandsTest {

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
    Cli.Outcome gate =
        Cli.execute(
            "gate",
            scenario.toString(),
            "--baseline",
            dir.toString(),
            "--candidate",
            dir.toString(),
            "--reports",
            dir.resolve("r").toString());
    assertEquals(ExitCode.BAD_INPUT.code(), gate.exit(), gate.err());
    assertTrue(
        gate.err().contains("is a deployment djbench did not start, and djbench gate"), gate.err());
    Cli.Outcome doctor = Cli.execute("doctor", scenario.toString(), "--reports", dir.toString());
    assertEquals(ExitCode.BAD_INPUT.code(), doctor.exit(), doctor.err());
    assertTrue(doctor.err().contains("and djbench doctor traces every query"), doctor.err());
    assertTrue(Files.notExists(dir.resolve("r")));
  }
}
