package dev.djbench.cli;

import dev.djbench.report.ReportFormat;
import dev.djbench.report.Reports;
import dev.djbench.results.ResultsIO;
import dev.djbench.results.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code djbench report <run-dir>}: renders a saved run again; measures nothing. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Render the reports of a saved run again from its results.json.")
final class ReportCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "RUN_DIR",
      description = "a run folder (reports/<run-id>) or its results.json")
  Path run;

  @Override
  public Integer call() throws Exception {
    RunResult result = ResultsIO.read(run);
    Path directory = Files.isDirectory(run) ? run : run.toAbsolutePath().getParent();
    Reports.writeAll(result, directory);
    System.out.print(ReportFormat.TEXT.render(result));
    return ExitCode.OK.code();
  }
}
