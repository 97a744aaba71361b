package dev.djbench.cli;

import dev.djbench.runner.ProjectInit;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code djbench init [PROJECT]}: a first scenario for a Django project, and what to run next. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description =
        "Find a Django project's settings and pages, and write a scenario that measures its pages"
            + " (djbench run) and gates on them (djbench gate).")
final class InitCommand implements Callable<Integer> {

  @ParentCommand Djbench parent;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PROJECT",
      description = "the project's folder, where manage.py is (default: the current folder)")
  Path project;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "the scenario to write (default: djbench.yaml in the project's folder)")
  Path output;

  @Override
  public Integer call() throws Exception {
    Path dir = (project != null ? project : Path.of("")).toAbsolutePath().normalize();
    Path file = output != null ? output : dir.resolve("djbench.yaml");
    ProjectInit.Result result;
    try {
      result = ProjectInit.init(dir, file, parent.home());
    } catch (ProjectInit.InitException e) {
      throw new BadInputException(e.getMessage());
    }
    System.out.println(
        "djbench init: "
            + dir
            + " (settings "
            + result.layout().settingsModule()
            + ", "
            + result.layout().wsgiApplication()
            + ")");
    System.out.println(result.pages().size() + " pages without parameters:");
    result.pages().forEach(p -> System.out.println("  GET " + p));
    System.out.println("wrote " + result.scenario());
    Path launcher = parent.home().resolve("djbench");
    System.out.println();
    System.out.println("Next:");
    System.out.println("  " + launcher + " run " + result.scenario());
    System.out.println(
        "  " + launcher + " gate " + result.scenario() + " --baseline main --candidate HEAD");
    return ExitCode.OK.code();
  }
}
