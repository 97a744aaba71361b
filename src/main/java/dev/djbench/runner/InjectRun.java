package dev.djbench.runner;

import dev.djbench.load.ArrivalShare;
import dev.djbench.load.GatlingLoadGenerator;
import dev.djbench.load.LoadException;
import dev.djbench.load.TrialSpec;
import dev.djbench.measure.ClockOffset;
import dev.djbench.measure.Histograms;
import dev.djbench.measure.TrialMeasurement;
import dev.djbench.plan.BlockOrder;
import dev.djbench.plan.InjectTimeline;
import dev.djbench.plan.Profile;
import dev.djbench.results.InjectPart;
import dev.djbench.results.Machine;
import dev.djbench.results.PartFiles;
import dev.djbench.results.RunManifest;
import dev.djbench.scenario.Experiment;
import dev.djbench.scenario.Scenario;
import dev.djbench.scenario.Variant;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * One injector of a distributed run ({@code djbench inject --part I/N --start-at T}): its share of
 * the arrivals of every trial of the timeline, sent at the instants the timeline fixes, against a
 * deployment djbench did not start; then its histograms and counts, in a folder {@code djbench
 * merge} joins with the other parts'.
 *
 * <p>The timeline is on the target's clock: this injector measures its own clock's offset from the
 * target's {@code Date} header ({@link ClockOffset}), records it, and starts at {@code T} plus that
 * offset, so that injectors on machines whose clocks disagree still send together.
 */
public final class InjectRun {

  /** The least time between the command and the timeline's start: clock probe and warm-up. */
  public static final int MIN_LEAD_SECONDS = 8;

  /**
   * What to inject.
   *
   * @param scenario a scenario whose app is a URL ({@code app: {url: …}})
   * @param experiments the experiments on the timeline, in order
   * @param profile trial and warm-up lengths
   * @param seed block orders and arrivals
   * @param blocks blocks of each experiment
   * @param threshold δ of the comparisons, recorded for the merge
   * @param share this injector's part
   * @param startAt when the timeline starts, on the target's clock
   * @param folder where the part's files go
   */
  public record Request(
      Scenario scenario,
      List<Experiment> experiments,
      Profile profile,
      long seed,
      int blocks,
      double threshold,
      ArrivalShare share,
      Instant startAt,
      Path folder) {}

  private InjectRun() {}

  /**
   * Why {@code scenario}'s experiments cannot be injected by parts, one message each; empty when
   * they can.
   */
  public static List<String> problems(Scenario scenario, List<Experiment> experiments) {
    List<String> problems = new ArrayList<>();
    if (!scenario.app().remote()) {
      problems.add(
          scenario.file()
              + ": djbench inject loads one deployment that every part reaches, given as app:"
              + " {url: \"http://host:port\"}; this scenario's app is a project folder ("
              + scenario.app().directory()
              + "), which each part would start on its own machine");
    }
    if (scenario.gate().isPresent() && gateTargets(experiments).isEmpty()) {
      problems.add(
          scenario.file()
              + ": a gate scenario compares two deployments: give their URLs with --baseline-url"
              + " and --candidate-url");
    }
    for (Experiment e : experiments) {
      if (e.capacity().isPresent()) {
        problems.add(
            "experiment '"
                + e.id()
                + "': a capacity search chooses its next rate from the last trial, which no part"
                + " sees whole; give it a fixed rate");
      }
      if (e.load().autoRate()) {
        problems.add(
            "experiment '"
                + e.id()
                + "': rate: auto probes the target from one machine; give the parts' total rate,"
                + " e.g. rate: 200/s");
      }
    }
    return problems;
  }

  /**
   * Runs the part to its end and writes its folder.
   *
   * @return the part as written
   * @throws RunFailedException when the target cannot be reached or the load generator failed; what
   *     was measured is written
   */
  public static InjectPart run(Request request, Path work, PrintStream console)
      throws RunFailedException, IOException, InterruptedException {
    Progress progress = new Progress(console);
    Scenario scenario = request.scenario();
    URI target = URI.create(scenario.app().url());
    var timeline =
        InjectTimeline.of(
            request.experiments(),
            request.profile(),
            new BlockOrder(request.seed()),
            request.blocks());
    ArrivalShare share = request.share();
    Path folder = request.folder();
    Files.createDirectories(folder);
    Files.copy(scenario.file(), folder.resolve(SCENARIO_COPY), StandardCopyOption.REPLACE_EXISTING);
    progress.say(
        "djbench inject: part %s of suite '%s' against %s: %d trials, %s of load from %s (target's"
            + " clock), seed %d, profile %s, %d blocks",
        share.label(),
        scenario.suite(),
        target,
        timeline.slots().size(),
        minutes(timeline.seconds()),
        request.startAt(),
        request.seed(),
        request.profile().label(),
        request.blocks());
    progress.say("part folder: %s", folder);

    Map<String, String> gateTargets = gateTargets(request.experiments());
    if (!gateTargets.isEmpty()) {
      progress.say(
          "gate: baseline %s, candidate %s",
          gateTargets.get(dev.djbench.scenario.GateSpec.BASELINE),
          gateTargets.get(dev.djbench.scenario.GateSpec.CANDIDATE));
    }
    URI health = target.resolve(scenario.app().healthPath());
    checkAnswers(health, folder);
    for (String other : gateTargets.values()) {
      URI otherHealth = URI.create(other).resolve(scenario.app().healthPath());
      if (!otherHealth.equals(health)) {
        checkAnswers(otherHealth, folder);
      }
    }
    ClockOffset clock = null;
    try {
      clock = ClockOffset.measure(health, Duration.ofSeconds(5)).orElse(null);
    } catch (IOException e) {
      throw new RunFailedException(
          health + " stopped answering while its clock was read: " + e.getMessage(), folder, e);
    }
    if (clock == null) {
      progress.say(
          "clock: %s sends no Date header that turns: this injector keeps to its own clock, and"
              + " the merge records its offset as –",
          health);
    } else {
      progress.say(
          "clock: this machine %s against %s (%d requests)",
          clock.describe(), clock.reference(), clock.probes());
    }
    String started = Instant.now().toString();
    var machine =
        Machine.current(
            Map.of(
                Machine.TARGET,
                target + " (a deployment djbench did not start)",
                "gatling",
                GatlingLoadGenerator.version()),
            "injector only: the target's CPUs are not this machine's");
    InjectPart part =
        new InjectPart(
            InjectPart.SCHEMA_VERSION,
            scenario.suite(),
            RunManifest.sha256(scenario.file()),
            scenario.file().toString(),
            target.toString(),
            gateTargets,
            request.profile().label(),
            request.seed(),
            request.blocks(),
            request.threshold(),
            request.startAt().toString(),
            share.index(),
            share.count(),
            hostName(),
            machine,
            clock == null
                ? null
                : new InjectPart.Clock(
                    clock.offsetMillis(),
                    clock.uncertaintyMillis(),
                    clock.reference(),
                    clock.probes()),
            "running",
            "",
            started,
            "",
            request.experiments().stream().map(Experiment::id).toList(),
            List.of());
    PartFiles.writeJson(folder, part);

    GatlingLoadGenerator load = new GatlingLoadGenerator(work.resolve("gatling"));
    double offsetMillis = clock == null ? 0 : clock.offsetMillis();
    double leadMillis = localMillis(request.startAt()) + offsetMillis - nowMillis();
    long warmUpStart = System.nanoTime();
    if (leadMillis > 1000.0 * (GatlingLoadGenerator.warmUpSeconds(false) + 3)) {
      try {
        RunExecutor.warmUpInjector(load, progress, false);
      } catch (dev.djbench.sut.process.TargetException e) {
        throw new RunFailedException(e.getMessage(), folder, e);
      }
    } else {
      progress.say(
          "load generator: no warm-up, the start is %.1f s away (start later for a warm injector)",
          leadMillis / 1000);
    }
    List<GatlingLoadGenerator.Scheduled> streams = new ArrayList<>();
    List<int[]> streamSlot = new ArrayList<>();
    for (InjectTimeline.Slot slot : timeline.slots()) {
      double rate = slot.experiment().load().ratePerSecond();
      int n = slot.unit().size();
      for (int i = 0; i < n; i++) {
        Variant variant = slot.unit().get(i);
        long start = slot.startSeconds() * 1_000_000_000L + Math.round(i * 1e9 / (n * rate));
        streams.add(
            new GatlingLoadGenerator.Scheduled(
                spec(slot, variant, targetOf(variant, target), rate, request.seed(), share),
                start));
        streamSlot.add(new int[] {slot.index(), i});
      }
    }
    // The timeline's start on this machine's monotonic clock: T on the target's clock, moved by
    // this machine's offset from it.
    long anchorNanos =
        System.nanoTime()
            + Math.round((localMillis(request.startAt()) + offsetMillis - nowMillis()) * 1e6);
    double wait = (anchorNanos - System.nanoTime()) / 1e9;
    if (wait < 0) {
      // From this JVM's start: what a part needs between its launch and the timeline's start.
      double ready = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
      throw new RunFailedException(
          String.format(
              Locale.ROOT,
              "the timeline's start %s had passed %.1f s before this part was ready, %.1f s after"
                  + " it started (its injector's warm-up took %.1f s); start the parts with"
                  + " --start-at at least %d s ahead",
              request.startAt(),
              -wait,
              ready,
              (System.nanoTime() - warmUpStart) / 1e9,
              (long) Math.ceil(ready) + MIN_LEAD_SECONDS),
          folder,
          null);
    }
    progress.say(
        "waiting %.1f s for the start, then %s of load (%d streams of %.3g/s each on average)",
        wait,
        minutes(timeline.seconds()),
        streams.size(),
        streams.stream().mapToDouble(s -> s.spec().shareRatePerSecond()).average().orElse(0));
    Thread ticker = ticker(timeline, anchorNanos, progress);
    List<TrialMeasurement> measured;
    try {
      measured = load.runTimeline(streams, anchorNanos);
    } catch (LoadException e) {
      PartFiles.writeJson(
          folder,
          part.ended(
              InjectPart.FAILED,
              "the load generator failed: " + e.getMessage(),
              Instant.now().toString(),
              List.of()));
      throw new RunFailedException("the load generator failed: " + e.getMessage(), folder, e);
    } finally {
      ticker.interrupt();
    }

    Map<Integer, Map<String, Histogram>> histograms = new TreeMap<>();
    Map<Integer, long[]> windows = new TreeMap<>();
    List<InjectPart.Trial> trials = new ArrayList<>();
    long startAtMillis = request.startAt().toEpochMilli();
    for (int s = 0; s < streams.size(); s++) {
      InjectTimeline.Slot slot = timeline.slots().get(streamSlot.get(s)[0]);
      int i = streamSlot.get(s)[1];
      TrialMeasurement m = measured.get(s);
      int index = trials.size();
      long scheduled = startAtMillis + streams.get(s).startNanos() / 1_000_000;
      long windowStart = startAtMillis + slot.startSeconds() * 1000 + slot.warmupSeconds() * 1000L;
      windows.put(index, new long[] {windowStart, windowStart + slot.measureSeconds() * 1000L});
      histograms.put(index, m.histograms().byName());
      trials.add(trial(index, slot, i, Instant.ofEpochMilli(scheduled).toString(), m));
    }
    InjectPart done = part.ended(InjectPart.COMPLETE, "", Instant.now().toString(), trials);
    PartFiles.write(folder, done, histograms, windows);
    long lagging =
        trials.stream()
            .filter(t -> t.startLagP99Micros() > TrialValidity.MAX_START_LAG_P99_MICROS)
            .count();
    progress.say(
        "part %s done: %d trials, %d requests in the measured windows%s; written to %s",
        share.label(),
        trials.size(),
        trials.stream().mapToLong(t -> t.counts().requests()).sum(),
        lagging == 0
            ? ", on schedule throughout"
            : String.format(
                Locale.ROOT,
                "; %d trials fell behind the schedule (p99 start lag over %.0f ms): the merge"
                    + " marks them invalid",
                lagging,
                TrialValidity.MAX_START_LAG_P99_MICROS / 1000.0),
        folder);
    return done;
  }

  /** Where {@code variant}'s requests go: its own deployment (a gate's side), or the target. */
  private static URI targetOf(Variant variant, URI target) {
    return variant.app() != null && variant.app().remote()
        ? URI.create(variant.app().url())
        : target;
  }

  /**
   * A gate's two deployments, by side ({@code baseline}, {@code candidate}): the URLs its variants'
   * own apps are at; empty when the experiments are not a gate's of two URLs.
   */
  public static Map<String, String> gateTargets(List<Experiment> experiments) {
    Map<String, String> targets = new TreeMap<>();
    for (Experiment e : experiments) {
      for (Variant v : e.variants()) {
        boolean side =
            v.name().equals(dev.djbench.scenario.GateSpec.BASELINE)
                || v.name().equals(dev.djbench.scenario.GateSpec.CANDIDATE);
        if (side && v.app() != null && v.app().remote()) {
          targets.put(v.name(), v.app().url());
        }
      }
    }
    return targets.size() == 2 ? targets : Map.of();
  }

  /** The scenario's copy in a part's folder, which the merge reads the experiments from. */
  public static final String SCENARIO_COPY = "scenario.yaml";

  private static TrialSpec spec(
      InjectTimeline.Slot slot,
      Variant variant,
      URI target,
      double rate,
      long seed,
      ArrivalShare share) {
    Experiment experiment = slot.experiment();
    var settings = experiment.load();
    return new TrialSpec(
        experiment.id() + "/" + variant.name() + "/b" + slot.block(),
        target,
        variant.request().method(),
        variant.request().path(),
        variant.request().headers(),
        variant.request().body(),
        rate,
        settings.poisson(),
        slot.warmupSeconds(),
        slot.measureSeconds(),
        settings.timeoutSeconds(),
        TrialRunner.arrivalSeed(seed, experiment.id(), slot.block()),
        settings.connections() == dev.djbench.scenario.Connections.KEEP_ALIVE,
        share);
  }

  private static InjectPart.Trial trial(
      int index, InjectTimeline.Slot slot, int i, String scheduledAt, TrialMeasurement m) {
    Map<String, Long> statuses = new LinkedHashMap<>();
    m.statusCounts().forEach((status, count) -> statuses.put(Integer.toString(status), count));
    Histograms h = m.histograms();
    long lagP99 =
        h.startLagMicros().getTotalCount() == 0 ? -1 : h.startLagMicros().getValueAtPercentile(99);
    return new InjectPart.Trial(
        index,
        slot.experiment().id(),
        slot.unit().get(i).name(),
        slot.block(),
        slot.position() + i,
        scheduledAt,
        slot.warmupSeconds(),
        slot.measureSeconds(),
        m.targetRatePerSecond(),
        m.counts(),
        statuses,
        m.failureMessages(),
        m.databaseVendors(),
        lagP99);
  }

  /** Fails, before any load, when the target does not answer its health path. */
  private static void checkAnswers(URI health, Path folder) throws RunFailedException {
    try {
      HttpResponse<Void> response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(5))
              .build()
              .send(
                  HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(10)).GET().build(),
                  HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() >= 500) {
        throw new RunFailedException(
            health + " answered " + response.statusCode() + ": the target is not healthy",
            folder,
            null);
      }
    } catch (IOException e) {
      throw new RunFailedException(
          health + " does not answer (" + e + "): is the target up, and reachable from here?",
          folder,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunFailedException("interrupted", folder, e);
    }
  }

  /** A line as each slot's load starts, while Gatling runs the timeline. */
  private static Thread ticker(InjectTimeline timeline, long anchorNanos, Progress progress) {
    Thread thread =
        new Thread(
            () -> {
              try {
                for (InjectTimeline.Slot slot : timeline.slots()) {
                  long at = anchorNanos + slot.startSeconds() * 1_000_000_000L;
                  long sleep = (at - System.nanoTime()) / 1_000_000;
                  if (sleep > 0) {
                    Thread.sleep(sleep);
                  }
                  progress.say(
                      "  [%d/%d] %s block %d: %s",
                      slot.index() + 1,
                      timeline.slots().size(),
                      slot.experiment().id(),
                      slot.block() + 1,
                      String.join(" + ", slot.unit().stream().map(Variant::name).toList()));
                }
              } catch (InterruptedException e) {
                // the timeline ended, or failed
              }
            },
            "djbench-inject-progress");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static double localMillis(Instant instant) {
    return instant.getEpochSecond() * 1000.0 + instant.getNano() / 1e6;
  }

  private static double nowMillis() {
    return localMillis(Instant.now());
  }

  private static String minutes(long seconds) {
    return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }

  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
