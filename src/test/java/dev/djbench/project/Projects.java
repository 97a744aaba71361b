package dev.djbench.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.cli.Djbench;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What the own-project tests do to a copy of a test project, as its user would. */
final class Projects {

  /** The djbench checkout the tests run in. */
  static final Path HOME = Path.of("").toAbsolutePath();

  private Projects() {}

  /** A copy of {@code test-projects/<name>} at {@code to}, without a database or bytecode. */
  static Path copy(String name, Path to) throws Exception {
    Path from = HOME.resolve("test-projects").resolve(name);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else if (!f.getFileName().toString().equals("db.sqlite3")
            && !f.toString().contains("__pycache__")) {
          Files.copy(f, target);
        }
      }
    }
    return to;
  }

  /** Runs the project's manage.py with its own settings: what the user does to their own data. */
  static void manage(Path project, String... arguments) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                System.getenv().getOrDefault("DJBENCH_PYTHON", "/usr/bin/python3"), "manage.py"));
    command.addAll(List.of(arguments));
    Process p =
        new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "manage.py " + String.join(" ", arguments));
    assertEquals(0, p.exitValue(), output);
  }

  static byte[] sha256(Path file) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
  }

  /**
   * {@code djbench run SCENARIO --profile smoke --reports REPORTS}, with {@code extra} options;
   * returns the exit code.
   */
  static int runSmoke(Path scenario, Path reports, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--home",
                HOME.toString(),
                "run",
                scenario.toString(),
                "--profile",
                "smoke",
                "--reports",
                reports.toString()));
    args.addAll(List.of(extra));
    return Djbench.execute(args.toArray(String[]::new));
  }

  /** The one run folder under {@code reports}. */
  static Path onlyRun(Path reports) throws Exception {
    try (Stream<Path> runs = Files.list(reports)) {
      return runs.filter(Files::isDirectory).findFirst().orElseThrow();
    }
  }
}
