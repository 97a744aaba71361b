package dev.djbench.sut.app;

import dev.djbench.scenario.AppSpec;
import dev.djbench.scenario.Deployment;
import dev.djbench.scenario.Deployment.StaticFiles;
import dev.djbench.sut.process.ManagedProcess;
import dev.djbench.sut.process.PythonEnv;
import dev.djbench.sut.process.TargetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a deployment does before its server starts, in the order a deploy does it: migrate, the
 * fixtures ({@code loaddata}), the seed command, and collectstatic, each with its own log, all
 * through the settings overlay and so on djbench's own database ({@code database: app} only with
 * the user's leave: {@link AppDatabase}).
 */
public final class Preparation {

  private Preparation() {}

  /**
   * @param logName the deployment's name in log file names
   * @throws TargetException when a step fails, with its log
   */
  static void run(
      AppSpec app,
      Deployment deployment,
      Map<String, String> seed,
      PythonEnv python,
      boolean allowAppDatabaseWrites,
      Map<String, String> env,
      Path logDirectory,
      String logName,
      Duration timeout)
      throws TargetException {
    Path dir = app.directory();
    boolean prepare =
        AppDatabase.mayPrepare(
            app,
            deployment,
            allowAppDatabaseWrites,
            python,
            env,
            logDirectory.resolve(logName + ".app-database.log"));
    if (prepare) {
      ManagedProcess.runToCompletion(
          "migrate",
          python.manage("migrate", "--noinput"),
          env,
          dir,
          logDirectory.resolve(logName + ".migrate.log"),
          timeout);
      if (!app.fixtures().isEmpty()) {
        List<String> loaddata = new ArrayList<>(List.of("loaddata"));
        loaddata.addAll(app.fixtures());
        ManagedProcess.runToCompletion(
            "loaddata",
            python.manage(loaddata.toArray(String[]::new)),
            env,
            dir,
            logDirectory.resolve(logName + ".loaddata.log"),
            timeout);
      }
      if (!app.seedCommand().isEmpty()) {
        ManagedProcess.runToCompletion(
            "seed",
            python.manage(seedArguments(app, seed).toArray(String[]::new)),
            env,
            dir,
            logDirectory.resolve(logName + ".seed.log"),
            timeout);
      }
    }
    // Whoever serves them, static files are collected as a deployment would collect them: with
    // DEBUG off, a manifest storage (WhiteNoise's, ManifestStaticFilesStorage) answers 500 on every
    // page with a {% static %} tag until its manifest exists.
    Path collectLog = logDirectory.resolve(logName + ".collectstatic.log");
    try {
      ManagedProcess.runToCompletion(
          "collectstatic",
          python.manage("collectstatic", "--noinput"),
          env,
          dir,
          collectLog,
          timeout);
    } catch (TargetException e) {
      if (deployment.staticFiles() != StaticFiles.DJANGO || !withoutStaticFilesApp(collectLog)) {
        throw e;
      }
      // A project without django.contrib.staticfiles has nothing to collect.
    }
  }

  /** Whether collectstatic failed only because the project does not install staticfiles. */
  private static boolean withoutStaticFilesApp(Path log) {
    try {
      return Files.readString(log, java.nio.charset.StandardCharsets.UTF_8)
          .contains("Unknown command: 'collectstatic'");
    } catch (IOException e) {
      return false;
    }
  }

  /** The arguments of {@code manage.py} that seed the database: {@code seed --authors 50 …}. */
  public static List<String> seedArguments(AppSpec app, Map<String, String> seed) {
    // The command may carry arguments of its own: "populate --books 40", "loaddata books.json".
    List<String> arguments = new ArrayList<>(List.of(app.seedCommand().trim().split("\\s+")));
    seed.forEach(
        (k, v) -> {
          arguments.add("--" + k.replace('_', '-'));
          arguments.add(v);
        });
    return arguments;
  }
}
