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
    description =
        "Render the reports of a saved run again from its results.json (an interrupted run without"
            + " one from its journal, marked interrupted), or of a doctor run from its"
            + " doctor.json.")
final class ReportCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "RUN_DIR",
      description = "a run folder (reports/<run-id>) or its results.json")
  Path run;

  @picocli.CommandLine.Option(
      names = "--fail-on",
      paramLabel = "CHECK",
      split = ",",
      description = "for a doctor run: the checks its junit.xml holds (n+1, growth, duplicates)")
  java.util.List<String> failOn = new java.util.ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Path folder = RunFolders.folder(run);
    if (Files.isRegularFile(folder.resolve(dev.djbench.doctor.DoctorIO.FILE))
        && !Files.isRegularFile(folder.resolve(dev.djbench.results.ResultsIO.RESULTS_FILE))) {
      var checks = new java.util.LinkedHashSet<dev.djbench.doctor.Check>();
      for (String word : failOn) {
        checks.add(
            dev.djbench.doctor.Check.of(word)
                .orElseThrow(
                    () ->
                        new BadInputException(
                            "--fail-on names '" + word + "'; expected n+1, growth or duplicates")));
      }
      dev.djbench.doctor.DoctorResult doctor;
      try {
        doctor = dev.djbench.doctor.DoctorIO.read(folder);
      } catch (java.io.IOException e) {
        throw new BadInputException(e.getMessage());
      }
      dev.djbench.report.DoctorReport.writeAll(doctor, checks, folder);
      System.out.print(dev.djbench.report.DoctorReport.text(doctor, checks));
      return ExitCode.OK.code();
    }
    if (RunFolders.isInterrupted(run)) {
      System.err.println(
          "djbench: "
              + run
              + " has no "
              + ResultsIO.RESULTS_FILE
              + ": the run was interrupted; rendering it from its journal (continue it with"
              + " djbench run --resume "
              + run
              + ")");
    }
    RunResult result = RunFolders.read(run);
    Reports.writeAll(result, folder);
    System.out.print(ReportFormat.TEXT.render(result));
    return ExitCode.OK.code();
  }
}
