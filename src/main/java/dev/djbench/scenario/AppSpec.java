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
 */
public record AppSpec(
    Path directory,
    String wsgiApplication,
    String asgiApplication,
    String healthPath,
    String seedCommand,
    String settingsModule,
    List<String> fixtures,
    String python) {

  public AppSpec {
    fixtures = List.copyOf(fixtures);
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
        python);
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
        python);
  }
}
