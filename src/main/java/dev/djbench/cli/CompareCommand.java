package dev.djbench.cli;

import dev.djbench.analysis.RunComparisons;
import dev.djbench.report.RunComparisonReport;
import dev.djbench.results.ResultsIO;
import dev.djbench.results.RunResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code djbench compare OLD NEW}: two saved runs, page by page. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description =
        "Compare two saved runs page by page (a release against the last one): each figure of the"
            + " new run's trials against the old run's, by an unpaired bootstrap. Weaker than a gate,"
            + " which measures both revisions in one interleaved run.")
final class CompareCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "OLD",
      description = "the older run: its folder or results.json")
  Path old;

  @Parameters(index = "1", paramLabel = "NEW", description = "the newer run, likewise")
  Path now;

  @Option(
      names = "--threshold",
      paramLabel = "PCT",
      defaultValue = "5%",
      description = "δ: the smallest change that counts (default: ${DEFAULT-VALUE})")
  String threshold;

  @Option(
      names = "--markdown",
      paramLabel = "FILE",
      description = "also write the table as Markdown")
  Path markdown;

  @Override
  public Integer call() throws Exception {
    double delta = Options.percent("--threshold", threshold);
    RunResult before = ResultsIO.read(old);
    RunResult after = ResultsIO.read(now);
    var comparisons =
        new RunComparisons(delta, before.seed() ^ after.seed()).compare(before, after);
    if (comparisons.isEmpty()) {
      throw new BadInputException(
          old
              + " and "
              + now
              + " have no experiment and variant in common; expected two runs of the same suite");
    }
    System.out.print(RunComparisonReport.render(before, after, comparisons, false));
    if (markdown != null) {
      Files.writeString(
          markdown,
          RunComparisonReport.render(before, after, comparisons, true),
          StandardCharsets.UTF_8);
    }
    return ExitCode.OK.code();
  }
}
