package dev.djbench.scenario;

import java.nio.file.Path;

/**
 * The Django project under test.
 *
 * @param directory the project directory (where {@code manage.py} is)
 * @param wsgiApplication the WSGI callable, {@code module:attribute}
 * @param asgiApplication the ASGI callable, for the Uvicorn worker
 * @param healthPath a path that answers 200 once the app and its database are ready
 * @param seedCommand the management command that fills the database, empty for none
 * @param settingsModule the project's own settings module, which djbench's settings overlay imports
 *     before it applies the deployment (e.g. {@code bookshop.settings})
 */
public record AppSpec(
    Path directory,
    String wsgiApplication,
    String asgiApplication,
    String healthPath,
    String seedCommand,
    String settingsModule) {

  /** The same project at another directory (a checkout of another revision). */
  public AppSpec at(Path otherDirectory) {
    return new AppSpec(
        otherDirectory, wsgiApplication, asgiApplication, healthPath, seedCommand, settingsModule);
  }
}
