package dev.djbench.sut.app;

import dev.djbench.scenario.AppSpec;
import dev.djbench.scenario.Deployment;
import dev.djbench.sut.process.ManagedProcess;
import dev.djbench.sut.process.PythonEnv;
import dev.djbench.sut.process.TargetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The guard on {@code database: app}, the one deployment whose database is the project's own:
 * djbench migrates, loads fixtures into and seeds it only when the user said {@code
 * --allow-writes-to-app-database}, and even then only when it is on this machine.
 */
final class AppDatabase {

  /** Prints the default alias's engine and host, as the project's settings resolve them. */
  static final String SCRIPT =
      String.join(
          "\n",
          "import django",
          "django.setup()",
          "from django.db import connections",
          "d = connections['default'].settings_dict",
          "print('djbench-database ' + d.get('ENGINE', '') + ' ' + (d.get('HOST') or '-')"
              + " + ' ' + str(d.get('NAME')))");

  private static final Set<String> LOOPBACK = Set.of("-", "localhost", "127.0.0.1", "::1");

  private AppDatabase() {}

  /**
   * Whether migrate, the fixtures and the seed may run: always on djbench's own databases; on the
   * project's own only with the user's leave and on loopback.
   *
   * @throws TargetException when the scenario would write to the project's database without leave,
   *     or with leave to a database on another machine
   */
  static boolean mayPrepare(
      AppSpec app,
      Deployment d,
      boolean allowed,
      PythonEnv python,
      Map<String, String> env,
      Path log)
      throws TargetException {
    if (d.database() != Deployment.Database.APP) {
      return true;
    }
    boolean writes = !app.seedCommand().isEmpty() || !app.fixtures().isEmpty();
    if (!allowed) {
      if (writes) {
        throw new TargetException(
            "database: app is the project's own database, and the scenario would write to it"
                + " (seed_command or fixtures); djbench does that only with"
                + " --allow-writes-to-app-database, and only to a database on this machine");
      }
      // Read-only use: the project's database as it is, not migrated by djbench.
      return false;
    }
    ManagedProcess.runToCompletion(
        "the app database's settings",
        List.of(python.executable().toString(), "-c", SCRIPT),
        env,
        app.directory(),
        log,
        Duration.ofMinutes(1));
    String[] found;
    try {
      found =
          Files.readAllLines(log, StandardCharsets.UTF_8).stream()
              .filter(l -> l.startsWith("djbench-database "))
              .map(l -> l.substring("djbench-database ".length()).split(" ", 3))
              .reduce((a, b) -> b)
              .orElseThrow(() -> new TargetException("no database settings printed; see " + log));
    } catch (IOException e) {
      throw new TargetException("cannot read " + log + ": " + e.getMessage(), e);
    }
    String host = found.length > 1 ? found[1] : "-";
    boolean local = LOOPBACK.contains(host) || host.startsWith("/");
    if (!local) {
      throw new TargetException(
          "--allow-writes-to-app-database: the project's database is on "
              + host
              + " ("
              + found[0]
              + "); djbench writes only to a database on this machine (localhost, 127.0.0.1, ::1,"
              + " a Unix socket or a file)");
    }
    return true;
  }
}
