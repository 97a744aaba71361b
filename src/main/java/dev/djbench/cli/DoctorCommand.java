package dev.djbench.cli;

import dev.djbench.doctor.Check;
import dev.djbench.doctor.DoctorResult;
import dev.djbench.report.DoctorReport;
import dev.djbench.runner.DoctorRun;
import dev.djbench.runner.ProjectInit;
import dev.djbench.runner.RunOptions;
import dev.djbench.scenario.Scenario;
import dev.djbench.sut.ProviderChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code djbench doctor [SCENARIO | PROJECT]}: the N+1 queries, duplicates and query growth of
 * every page, where they come from, and what they cost under load.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Trace every page's queries: N+1 groups and duplicates with the project line or template"
          + " line that runs them and the select_related()/prefetch_related() that fixes them;"
          + " growth between the seed and a larger one; what the N+1 costs under load.",
      "Writes reports/doctor-<id>/ (doctor.json, index.html, summary.md, junit.xml)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every page was diagnosed and no --fail-on check failed",
      "1:a --fail-on check failed",
      "2:bad input (arguments, scenario file)",
      "3:a server, a service or the load broke, or a --fail-on check could not be evaluated"
    })
final class DoctorCommand implements Callable<Integer> {

  @ParentCommand Djbench parent;

  @picocli.CommandLine.Mixin RunSettings settings = new RunSettings();

  @picocli.CommandLine.ArgGroup(exclusive = false, heading = "Services and CPU placement:%n")
  ServiceOptions serviceOptions = new ServiceOptions();

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SCENARIO|PROJECT",
      description =
          "a scenario file, or a project's folder (its djbench.yaml if it has one, else the pages"
              + " init finds) (default: scenarios/techniques.yaml in the djbench home)")
  Path target;

  @Option(
      names = "--fail-on",
      paramLabel = "CHECK",
      split = ",",
      description = "exit 1 when a page fails one of these: n+1, growth, duplicates")
  List<String> failOn = new ArrayList<>();

  @Option(
      names = "--only",
      paramLabel = "ID",
      split = ",",
      description = "diagnose only these experiments (comma-separated ids)")
  List<String> only = new ArrayList<>();

  @Option(
      names = "--scale",
      paramLabel = "N",
      defaultValue = "4",
      description = "the larger seed is the seed times N (default: ${DEFAULT-VALUE})")
  double scale;

  @Option(
      names = "--grow",
      paramLabel = "OPTION",
      split = ",",
      description =
          "the seed options to multiply (default: every whole-number option but a random seed)")
  List<String> grow = new ArrayList<>();

  @Option(names = "--no-load", description = "do not measure the pages with an N+1 under load")
  boolean noLoad;

  @Override
  public Integer call() throws Exception {
    Path home = parent.home();
    Set<Check> checks = new LinkedHashSet<>();
    for (String word : failOn) {
      checks.add(
          Check.of(word)
              .orElseThrow(
                  () ->
                      new BadInputException(
                          "--fail-on names '"
                              + word
                              + "'; expected n+1, growth or duplicates (comma-separated)")));
    }
    if (!(scale > 1) || Double.isInfinite(scale)) {
      throw new BadInputException("--scale is " + scale + "; expected a number above 1, e.g. 4");
    }
    if (serviceOptions.choice() == ProviderChoice.DOCKER) {
      throw new BadInputException(
          "doctor reads the probe's query traces from this machine's disk; use --services local");
    }
    Path reports = settings.reports(home);
    Scenario scenario =
        Scenarios.startedByDjbench(
            scenario(home, reports),
            "doctor",
            "traces every query in the app's own processes, next to its database");
    List<String> unknown =
        only.stream()
            .filter(id -> scenario.experiments().stream().noneMatch(e -> e.id().equals(id)))
            .toList();
    if (!unknown.isEmpty()) {
      throw new BadInputException(
          "--only names "
              + unknown
              + ", not experiments of "
              + scenario.file()
              + "; expected some of "
              + scenario.experiments().stream().map(e -> e.id()).toList());
    }
    RunOptions options =
        settings.options(
            scenario,
            home,
            serviceOptions,
            dev.djbench.stats.Defaults.THRESHOLD,
            only,
            dev.djbench.plan.ShardPlan.WHOLE);
    DoctorRun.Outcome outcome =
        new DoctorRun(options, new DoctorRun.Settings(scale, grow, !noLoad), System.out).execute();
    DoctorResult result = outcome.result();
    DoctorReport.writeAll(result, checks, outcome.directory());
    System.out.println();
    System.out.print(DoctorReport.text(result, checks));
    System.out.println();
    System.out.println(
        "reports: "
            + outcome.directory()
            + " (index.html, summary.md, doctor.json, junit.xml, logs/)");
    return switch (DoctorReport.Verdict.of(result, checks).word()) {
      case "passed" -> ExitCode.OK.code();
      case "failed" -> ExitCode.REGRESSION.code();
      default -> ExitCode.BROKEN.code();
    };
  }

  /**
   * The scenario: the file given; a project folder's {@code djbench.yaml}; or, for a folder without
   * one, the scenario init would write, kept in the reports folder (the project is not touched).
   */
  private Scenario scenario(Path home, Path reports) throws Exception {
    if (target != null && Files.isDirectory(target)) {
      Path project = target.toAbsolutePath().normalize();
      Path own = project.resolve("djbench.yaml");
      if (Files.isRegularFile(own)) {
        return Scenarios.forRun(home, own);
      }
      Path drafts = Files.createDirectories(reports.resolve("doctor-scenarios"));
      Path file =
          drafts.resolve(
              project.getFileName()
                  + "-"
                  + Integer.toHexString(project.toString().hashCode())
                  + ".yaml");
      Files.deleteIfExists(file);
      try {
        ProjectInit.Result found = ProjectInit.init(project, file, home);
        System.out.println(
            "djbench doctor: "
                + project
                + " has no djbench.yaml; its "
                + found.pages().size()
                + " pages without parameters are in "
                + file);
      } catch (ProjectInit.InitException e) {
        throw new BadInputException(e.getMessage());
      }
      return Scenarios.forRun(home, file);
    }
    return Scenarios.forRun(home, target);
  }
}
