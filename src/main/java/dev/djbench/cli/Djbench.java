package dev.djbench.cli;

import dev.djbench.results.ResultsException;
import dev.djbench.runner.RunFailedException;
import dev.djbench.scenario.ScenarioException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code djbench} command and its subcommands; exceptions become exit codes here and nowhere
 * else.
 */
@Command(
    name = "djbench",
    mixinStandardHelpOptions = true,
    versionProvider = Djbench.Version.class,
    description =
        "Load-tests and benchmarks Django: naive vs optimized techniques, deployments, CI regression gates.",
    subcommands = {
      RunCommand.class,
      GateCommand.class,
      CalibrateCommand.class,
      ReportCommand.class,
      CompareCommand.class,
      InitCommand.class,
      DoctorCommand.class,
      MergeCommand.class,
      InjectCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:everything ran; gates passed",
      "1:a gate failed (regression)",
      "2:bad input (arguments, scenario file)",
      "3:the harness or the system under test broke",
      "4:inconclusive (only where asked for)"
    })
public final class Djbench implements Runnable {

  @Option(
      names = "--home",
      description = "the djbench installation (default: $DJBENCH_HOME, else the current directory)")
  Path home;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs {@code djbench} with {@code args}; returns the exit code. */
  public static int execute(String... args) {
    CommandLine line =
        new CommandLine(new Djbench())
            .setExecutionExceptionHandler(Djbench::handle)
            .setParameterExceptionHandler(
                (e, a) -> {
                  e.getCommandLine().getErr().println("djbench: " + e.getMessage());
                  e.getCommandLine()
                      .getErr()
                      .println(
                          "Try '"
                              + e.getCommandLine().getCommandSpec().qualifiedName()
                              + " --help' for the options.");
                  return ExitCode.BAD_INPUT.code();
                });
    line.setExitCodeExceptionMapper(e -> ExitCode.BROKEN.code());
    return line.execute(args);
  }

  private static int handle(Exception e, CommandLine line, CommandLine.ParseResult parsed) {
    PrintWriter err = line.getErr();
    if (e instanceof ScenarioException scenario) {
      err.println(
          "djbench: the scenario file has "
              + scenario.problems().size()
              + (scenario.problems().size() == 1 ? " problem:" : " problems:"));
      err.println(scenario.getMessage());
      return ExitCode.BAD_INPUT.code();
    }
    if (e instanceof BadInputException || e instanceof ResultsException) {
      err.println("djbench: " + e.getMessage());
      return ExitCode.BAD_INPUT.code();
    }
    if (e instanceof dev.djbench.sut.process.TargetException target) {
      // The app or a service broke before anything was measured (init's URL listing, say).
      err.println("djbench: " + target.getMessage());
      return ExitCode.BROKEN.code();
    }
    if (e instanceof RunFailedException failed) {
      err.println("djbench: the run failed: " + failed.getMessage());
      err.println(
          "djbench: the trials measured before the failure are kept in " + failed.runDirectory());
      return ExitCode.BROKEN.code();
    }
    err.println("djbench: internal error: " + e);
    e.printStackTrace(err);
    return ExitCode.BROKEN.code();
  }

  /**
   * The djbench installation: {@code --home}, else {@code $DJBENCH_HOME}, else the current
   * directory.
   */
  Path home() {
    if (home != null) {
      return home.toAbsolutePath().normalize();
    }
    String env = System.getenv("DJBENCH_HOME");
    return Path.of(env == null || env.isBlank() ? "." : env).toAbsolutePath().normalize();
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Djbench.class.getPackage().getImplementationVersion();
      return new String[] {"djbench " + (v == null ? "(development build)" : v)};
    }
  }
}
