package dev.djbench.cli;

import dev.djbench.load.ArrivalShare;
import dev.djbench.plan.Profile;
import dev.djbench.results.InjectPart;
import dev.djbench.runner.InjectRun;
import dev.djbench.scenario.Experiment;
import dev.djbench.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code djbench inject SCENARIO --part I/N --start-at T --seed S}: one injector of a distributed
 * run; or, with {@code --kubernetes-job}, the Indexed Job that runs all N of them.
 */
@Command(
    name = "inject",
    mixinStandardHelpOptions = true,
    description = {
      "One injector's share of a distributed run against a deployment at a URL (app: {url: …}):"
          + " every part draws the same arrival schedule from --seed and sends every N-th arrival of"
          + " it, from --start-at on the target's clock, then writes part.json and part.hlog"
          + " (HdrHistogram log) to --out. djbench merge PART_DIR… adds the parts' histograms"
          + " exactly and compares the variants on the sum (docs/distributed.md).",
      "With a gate scenario and --baseline-url/--candidate-url, each side's requests go to its own"
          + " deployment, and the merge decides the gate on the parts added together.",
      "With --kubernetes-job, prints instead the Kubernetes Indexed Job that runs the N parts.",
      "Exit 0 when the part ran on schedule to its end, 2 on bad input (nothing is sent), 3 when"
          + " the target or the load generator failed (what was measured is written)."
    })
final class InjectCommand implements Callable<Integer> {

  @picocli.CommandLine.ParentCommand Djbench parent;

  @Parameters(
      index = "0",
      paramLabel = "SCENARIO",
      description = "scenario file whose app is a URL: app: {url: \"http://host:port\"}")
  Path scenario;

  @Option(
      names = "--part",
      paramLabel = "I/N",
      description = "run part I of N (1 <= I <= N): every N-th arrival, starting with the I-th")
  String part;

  @Option(
      names = "--start-at",
      required = true,
      paramLabel = "TIME",
      description =
          "when the timeline starts, on the target's clock: an ISO-8601 instant such as"
              + " 2026-12-03T10:00:00Z, the same for every part, at least "
              + InjectRun.MIN_LEAD_SECONDS
              + " s ahead; with --kubernetes-job also +DURATION from now (e.g. +3m)")
  String startAt;

  @Option(
      names = "--seed",
      required = true,
      paramLabel = "N",
      description = "seed of the block orders and arrivals, the same for every part")
  long seed;

  @Option(
      names = {"-p", "--profile"},
      paramLabel = "PROFILE",
      defaultValue = "quick",
      description = "smoke, quick or full: trial and warm-up lengths (default: ${DEFAULT-VALUE})")
  String profile;

  @Option(
      names = "--blocks",
      paramLabel = "B",
      description =
          "blocks of each experiment, fixed in advance (parts cannot stop early together); default:"
              + " the profile's least")
  Integer blocks;

  @Option(
      names = "--threshold",
      paramLabel = "PERCENT",
      defaultValue = "5%",
      description = "practical threshold δ of the merged verdicts (default: ${DEFAULT-VALUE})")
  String threshold;

  @Option(
      names = "--only",
      paramLabel = "ID",
      split = ",",
      description = "inject only these experiments (comma-separated ids)")
  List<String> only = new ArrayList<>();

  @Option(
      names = "--allow-remote",
      paramLabel = "HOST",
      split = ",",
      description =
          "let app.url load HOST, which is not this machine's loopback (refused otherwise, before"
              + " any request)")
  List<String> allowRemote = new ArrayList<>();

  @Option(
      names = "--baseline-url",
      paramLabel = "URL",
      description =
          "with a gate scenario (and --candidate-url): the baseline deployment's origin; the merge"
              + " then decides the gate's thresholds on the parts added together")
  String baselineUrl;

  @Option(
      names = "--candidate-url",
      paramLabel = "URL",
      description = "with a gate scenario: the candidate deployment's origin")
  String candidateUrl;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "the part's folder (default: reports/part-I-of-N in the home)")
  Path out;

  @Option(
      names = "--kubernetes-job",
      description =
          "print the Kubernetes Indexed Job (batch/v1) that runs --parts injectors with these"
              + " options, instead of injecting")
  boolean kubernetesJob;

  @Option(
      names = "--parts",
      paramLabel = "N",
      description = "with --kubernetes-job: how many injector pods")
  Integer parts;

  @Option(
      names = "--image",
      paramLabel = "IMAGE",
      defaultValue = "djbench:latest",
      description =
          "with --kubernetes-job: an image with Java 17 and djbench on PATH (default:"
              + " ${DEFAULT-VALUE})")
  String image;

  @Option(
      names = "--volume-claim",
      paramLabel = "PVC",
      defaultValue = "djbench-parts",
      description =
          "with --kubernetes-job: a ReadWriteMany PersistentVolumeClaim the parts write to"
              + " (default: ${DEFAULT-VALUE})")
  String volumeClaim;

  @Override
  public Integer call() throws Exception {
    Path home = parent.home();
    Profile chosen = Options.profile(profile);
    double delta = Options.percent("--threshold", threshold);
    int blockCount = blocks == null ? chosen.minBlocks() : blocks;
    if (blockCount < 1 || blockCount > chosen.maxBlocks()) {
      throw new BadInputException(
          "--blocks "
              + blockCount
              + ": the "
              + chosen.label()
              + " profile runs 1 to "
              + chosen.maxBlocks()
              + " blocks");
    }
    Scenario loaded = Scenarios.forInject(home, scenario, allowRemote, baselineUrl, candidateUrl);
    List<Experiment> experiments = selected(loaded);
    List<String> problems = InjectRun.problems(loaded, experiments);
    if (!problems.isEmpty()) {
      throw new BadInputException(
          "djbench inject cannot run " + loaded.file() + ":\n  " + String.join("\n  ", problems));
    }
    if (kubernetesJob) {
      return printJob(loaded, chosen, blockCount);
    }
    if (part == null) {
      throw new BadInputException(
          "djbench inject needs --part I/N (which injector this is), or --kubernetes-job --parts N"
              + " to print the Job that runs them all");
    }
    if (parts != null) {
      throw new BadInputException(
          "--parts goes with --kubernetes-job; an injector says which part it is with --part I/N");
    }
    ArrivalShare share;
    try {
      share = ArrivalShare.parse(part);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--part: " + e.getMessage());
    }
    Instant start = absoluteStart(startAt);
    Path folder =
        (out != null ? out : home.resolve("reports").resolve(partFolder(share)))
            .toAbsolutePath()
            .normalize();
    if (Files.isRegularFile(folder.resolve(dev.djbench.results.PartFiles.PART_FILE))) {
      throw new BadInputException(
          "--out "
              + folder
              + " already holds a part ("
              + dev.djbench.results.PartFiles.PART_FILE
              + "); give each part and each run a folder of its own");
    }
    Path work = Files.createTempDirectory("djbench-inject-");
    // A pod stopped at its deadline gets SIGTERM: the work folder goes then too.
    Thread cleanup = new Thread(() -> deleteQuietly(work), "djbench-inject-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      InjectPart done =
          InjectRun.run(
              new InjectRun.Request(
                  loaded, experiments, chosen, seed, blockCount, delta, share, start, folder),
              work,
              System.out);
      return done.status().equals(InjectPart.COMPLETE)
          ? ExitCode.OK.code()
          : ExitCode.BROKEN.code();
    } finally {
      deleteQuietly(work);
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run
      }
    }
  }

  /** "part-2-of-4". */
  static String partFolder(ArrivalShare share) {
    return "part-" + share.index() + "-of-" + share.count();
  }

  private List<Experiment> selected(Scenario loaded) throws BadInputException {
    List<String> unknown =
        only.stream()
            .filter(id -> loaded.experiments().stream().noneMatch(e -> e.id().equals(id)))
            .toList();
    if (!unknown.isEmpty()) {
      throw new BadInputException(
          "--only names "
              + unknown
              + ", not experiments of "
              + loaded.file()
              + "; expected some of "
              + loaded.experiments().stream().map(Experiment::id).toList());
    }
    return loaded.experiments().stream()
        .filter(e -> only.isEmpty() || only.contains(e.id()))
        .toList();
  }

  private Integer printJob(Scenario loaded, Profile chosen, int blockCount)
      throws BadInputException {
    if (part != null) {
      throw new BadInputException(
          "--kubernetes-job prints the Job of every part: give --parts N, not --part "
              + part
              + " (each pod's part comes from its completion index)");
    }
    if (parts == null || parts < 1 || parts > KubernetesJob.MAX_PARTS) {
      throw new BadInputException(
          "--kubernetes-job needs --parts N, from 1 to "
              + KubernetesJob.MAX_PARTS
              + (parts == null ? "" : " (was " + parts + ")"));
    }
    Instant start =
        startAt.startsWith("+") ? Instant.now().plus(relative(startAt)) : absoluteStart(startAt);
    var job =
        new KubernetesJob(
            loaded,
            scenario,
            parts,
            start.truncatedTo(ChronoUnit.SECONDS),
            seed,
            chosen.label(),
            blockCount,
            threshold,
            only,
            allowRemote,
            image,
            volumeClaim);
    System.out.print(job.yaml());
    return ExitCode.OK.code();
  }

  private static final Pattern RELATIVE = Pattern.compile("\\+(\\d+)([smh])");

  private static Duration relative(String value) throws BadInputException {
    Matcher m = RELATIVE.matcher(value.trim());
    if (!m.matches()) {
      throw new BadInputException(
          "--start-at " + value + ": expected +N followed by s, m or h, e.g. +3m");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  private static Instant absoluteStart(String value) throws BadInputException {
    if (value.startsWith("+")) {
      throw new BadInputException(
          "--start-at "
              + value
              + ": an injector needs the instant itself, the same for every part (a time relative"
              + " to each part's own start would differ between them); e.g. --start-at "
              + Instant.now().plusSeconds(120).truncatedTo(ChronoUnit.SECONDS));
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new BadInputException(
          "--start-at "
              + value
              + ": not an ISO-8601 instant; expected e.g. "
              + Instant.now().plusSeconds(120).truncatedTo(ChronoUnit.SECONDS));
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // a temporary folder left behind is not worth failing the part for
    }
  }
}
