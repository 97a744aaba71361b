package dev.djbench.runner;

import dev.djbench.scenario.AppSpec;
import dev.djbench.scenario.ProjectLayout;
import dev.djbench.scenario.ScenarioDefaults;
import dev.djbench.scenario.ScenarioDraft;
import dev.djbench.sut.app.UrlPatterns;
import dev.djbench.sut.process.PythonEnv;
import dev.djbench.sut.process.TargetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code djbench init}: finds a project's manage.py, settings and WSGI module, lists its pages that
 * take no parameters, and writes a scenario that measures them and gates on them.
 */
public final class ProjectInit {

  /**
   * What init found and wrote.
   *
   * @param layout the project's settings and WSGI/ASGI modules
   * @param pages the pages the scenario measures
   * @param scenario the file written
   */
  public record Result(ProjectLayout layout, List<String> pages, Path scenario) {}

  /** Why init could not write a scenario; the message says what to do. */
  public static final class InitException extends Exception {
    public InitException(String message) {
      super(message);
    }
  }

  private ProjectInit() {}

  /**
   * {@link #init(Path, Path, Path, Path)} with a scratch folder of its own for the URL listing,
   * removed afterwards; when the listing fails it is kept, since the failure's message names the
   * log inside it.
   */
  public static Result init(Path project, Path output, Path home)
      throws InitException, TargetException, IOException {
    Path work = Files.createTempDirectory("djbench-init-");
    try {
      Result result = init(project, output, home, work);
      RunExecutor.deleteQuietly(work);
      return result;
    } catch (InitException e) {
      RunExecutor.deleteQuietly(work);
      throw e;
    }
  }

  /**
   * @param project the project's folder (where manage.py is)
   * @param output the scenario file to write; refused when it exists
   * @param home the djbench installation, whose probe the URL listing loads
   * @param work a folder of djbench's for the listing's overlay and SQLite file
   * @throws InitException when the folder is not a Django project or the file exists (bad input)
   * @throws TargetException when the project's URL configuration cannot be loaded
   */
  public static Result init(Path project, Path output, Path home, Path work)
      throws InitException, TargetException, IOException {
    Path dir = project.toAbsolutePath().normalize();
    if (!Files.isRegularFile(dir.resolve("manage.py"))) {
      throw new InitException(
          dir + " has no manage.py; expected the folder of a Django project (where manage.py is)");
    }
    if (Files.exists(output)) {
      throw new InitException(
          output + " exists already; give another --output, or remove it to write it again");
    }
    ProjectLayout.Result found = ProjectLayout.discover(dir);
    if (found.layout().isEmpty()) {
      throw new InitException(found.problem());
    }
    ProjectLayout layout = found.layout().get();
    AppSpec app =
        new AppSpec(
            dir,
            layout.wsgiApplication(),
            layout.asgiApplication(),
            ScenarioDefaults.PROJECT_HEALTH_PATH,
            "",
            layout.settingsModule(),
            List.of(),
            "");
    List<String> pages =
        UrlPatterns.parameterFree(app, PythonEnv.locate(dir), home.resolve("probe"), work);
    if (pages.isEmpty()) {
      throw new InitException(
          dir
              + "'s URL configuration has no page without parameters; write the scenario by hand"
              + " (see the README's 'your own project')");
    }
    Path base = output.toAbsolutePath().normalize().getParent();
    String text =
        ScenarioDraft.render(
            dir.getFileName().toString(),
            base.relativize(dir).toString().isEmpty() ? "." : base.relativize(dir).toString(),
            layout.settingsModule(),
            pages,
            base.relativize(home.resolve(dev.djbench.scenario.ScenarioSchema.FILE)).toString());
    Files.createDirectories(base);
    Files.writeString(output, text, StandardCharsets.UTF_8);
    return new Result(layout, pages, output);
  }
}
