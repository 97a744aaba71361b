package dev.djbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher ({@code ./djbench}) in a home of its own, with stand-ins for Maven and Java first on
 * PATH, so that the test sees exactly what the launcher prints around a build: the build's own
 * output (here, colour codes and chatter) goes to {@code target/djbench-build.log} and not to the
 * console, unless the build fails, when its end is shown.
 */
class LauncherIT {

  private static final Path LAUNCHER = Path.of("djbench").toAbsolutePath();

  @TempDir Path home;
  @TempDir Path bin;

  private void tool(String name, String script) throws Exception {
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/usr/bin/env bash\n" + script);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private Process launch(String buildExit) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(home.resolve("djbench").toString(), "--version")
            .directory(home.toFile())
            .redirectOutput(home.resolve("out.txt").toFile())
            .redirectError(home.resolve("err.txt").toFile());
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("FAKE_BUILD_EXIT", buildExit);
    return pb.start();
  }

  @Test
  void theBuildsOutputGoesToItsLogUnlessTheBuildFails() throws Exception {
    Files.copy(LAUNCHER, home.resolve("djbench"));
    Files.writeString(home.resolve("pom.xml"), "<project/>\n");
    Files.createDirectories(home.resolve("src"));
    tool(
        "mvn",
        """
        printf '\\033[0m\\033[0m[INFO] BUILD CHATTER from maven\\n'
        echo 'Apache Maven 3.8.7'
        if [ "${FAKE_BUILD_EXIT:-0}" = 0 ]; then mkdir -p target; echo jar > target/djbench.jar; fi
        exit "${FAKE_BUILD_EXIT:-0}"
        """);
    tool(
        "java",
        """
        if [ "$1" = -version ]; then echo 'openjdk version "17.0.15" 2025-04-15' >&2; exit 0; fi
        echo "the harness ran: ${*: -1}"
        """);

    Process ok = launch("0");
    assertTrue(ok.waitFor(120, TimeUnit.SECONDS));
    String out = Files.readString(home.resolve("out.txt"), StandardCharsets.UTF_8);
    String err = Files.readString(home.resolve("err.txt"), StandardCharsets.UTF_8);
    assertEquals(0, ok.exitValue(), out + err);
    assertTrue(out.contains("the harness ran: --version"), out);
    assertFalse((out + err).contains("\u001b"), "no colour codes on the console:\n" + out + err);
    assertFalse((out + err).contains("BUILD CHATTER"), "no build output on the console:\n" + err);
    assertTrue(
        Files.readString(home.resolve("target/djbench-build.log")).contains("BUILD CHATTER"),
        "the build's output is in its log");

    // A source newer than the jar, and a build that fails: its output is shown, and the launcher
    // exits 3 without running the harness.
    Files.writeString(home.resolve("src/Changed.java"), "class Changed {}\n");
    Files.setLastModifiedTime(
        home.resolve("src/Changed.java"),
        java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    Process failed = launch("1");
    assertTrue(failed.waitFor(120, TimeUnit.SECONDS));
    out = Files.readString(home.resolve("out.txt"), StandardCharsets.UTF_8);
    err = Files.readString(home.resolve("err.txt"), StandardCharsets.UTF_8);
    assertEquals(3, failed.exitValue(), out + err);
    assertTrue(err.contains("BUILD CHATTER") && err.contains("the build failed"), err);
    assertFalse(out.contains("the harness ran"), out);
  }
}
