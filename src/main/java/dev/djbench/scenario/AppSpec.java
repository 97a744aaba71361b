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
 */
public record AppSpec(
    Path directory,
    String wsgiApplication,
    String asgiApplication,
    String healthPath,
    String seedCommand) {}
