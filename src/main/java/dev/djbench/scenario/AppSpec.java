package dev.djbench.scenario;

import java.nio.file.Path;
import java.util.List;

/**
 * The Django project under test.
 *
 * @param directory the project directory (where {@code manage.py} is)
 * @param wsgiApplication the WSGI callable, {@code module:attribute}
 * @param asgiApplication the ASGI callable, for the Uvicorn worker
 * @param healthPath a path that answers below 500 once the app and its database are ready
 * @param seedCommand the management command that fills the database, with its arguments; empty for
 *     none
 * @param settingsModule the project's own settings module, which djbench's settings overlay imports
 *     before it applies the deployment (e.g. {@code bookshop.settings})
 * @param fixtures fixtures loaded with {@code loaddata} after migrate and before the seed command,
 *     as the project names them ({@code books.json}, {@code catalog/fixtures/demo.json}); empty for
 *     none
 * @param python the interpreter the scenario names ({@code app.python}); empty to find it (the
 *     project's virtualenv, else {@code DJBENCH_PYTHON}, else {@code /usr/bin/python3})
 * @param url the origin ({@code http(s)://host[:port]}) of a deployment djbench did not start
 *     ({@code app: {url: …}}): measured as it is, with no migrate, seed or restart; empty for a
 *     project djbench starts from {@code directory}
 */
public record AppSpec(
    Path directory,
    String wsgiApplication,
    String asgiApplication,
    String healthPath,
    String seedCommand,
    String settingsModule,
    List<String> fixtures,
    String python,
    String url) {

  public AppSpec {
    fixtures = List.copyOf(fixtures);
    url = url == null ? "" : url;
  }

  /** A project djbench starts from its directory. */
  public AppSpec(
      Path directory,
      String wsgiApplication,
      String asgiApplication,
      String healthPath,
      String seedCommand,
      String settingsModule,
      List<String> fixtures,
      String python) {
    this(
        directory,
        wsgiApplication,
        asgiApplication,
        healthPath,
        seedCommand,
        settingsModule,
        fixtures,
        python,
        "");
  }

  /**
   * A deployment at {@code url} that djbench did not start, its health check at {@code healthPath};
   * {@code directory} is the scenario file's folder (nothing runs there).
   */
  public static AppSpec atUrl(Path directory, String url, String healthPath) {
    return new AppSpec(directory, "", "", healthPath, "", "", List.of(), "", url);
  }

  /** Whether this is a deployment djbench did not start ({@code app: {url: …}}). */
  public boolean remote() {
    return !url.isEmpty();
  }

  /** The same project at another directory (a checkout of another revision). */
  public AppSpec at(Path otherDirectory) {
    return new AppSpec(
        otherDirectory,
        wsgiApplication,
        asgiApplication,
        healthPath,
        seedCommand,
        settingsModule,
        fixtures,
        python,
        url);
  }

  /** The same project seeded by another command line. */
  public AppSpec withSeedCommand(String command) {
    return new AppSpec(
        directory,
        wsgiApplication,
        asgiApplication,
        healthPath,
        command,
        settingsModule,
        fixtures,
        python,
        url);
  }
}
