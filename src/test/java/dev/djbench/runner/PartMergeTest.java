package dev.djbench.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.plan.BlockOrder;
import dev.djbench.plan.InjectTimeline;
import dev.djbench.plan.Profile;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.HistogramCodec;
import dev.djbench.results.InjectPart;
import dev.djbench.results.Machine;
import dev.djbench.results.PartFiles;
import dev.djbench.results.ResultsException;
import dev.djbench.results.ResultsIO;
import dev.djbench.results.RunManifest;
import dev.djbench.results.RunResult;
import dev.djbench.results.TrialResult;
import dev.djbench.scenario.ScenarioLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code djbench merge} of injector parts, on parts recorded here: the merged trial holds every
 * part's requests, its percentiles are those of the parts' histograms added, and a part that lags
 * or is missing is never hidden.
 */
class PartMergeTest {

  static final Path GOLDEN = Path.of("src/test/resources/golden/results-v7-injected.json");
  static final Path PART_GOLDEN = Path.of("src/test/resources/golden/part-v1.json");

  static final String SCENARIO =
      """
      suite: staging
      app: {url: "http://127.0.0.1:18000"}
      defaults:
        load: {rate: 40/s, interleave: requests}
      experiments:
        - id: lists
          equivalence: status
          variants: {books: GET /books/, authors: GET /authors/}
      """;

  static final long SEED = 11;
  static final int PARTS = 4;
  static final int BLOCKS = 3;
  static final String START = "2026-12-03T10:00:00Z";

  static final String[] NAMES = {
    "clientLatencyMicros",
    "serverTotalMicros",
    "serverDbMicros",
    "serverTemplateMicros",
    "serverCacheMicros",
    "dbQueries",
    "dbRepeatedQueries",
    "startLagMicros",
    "serverDbGroupsMicros",
    "gatlingLatencyMicros"
  };

  /** What a part recorded: its files, and its histograms as it wrote them. */
  record Recorded(Path folder, InjectPart part, Map<Integer, Map<String, Histogram>> histograms) {}

  /**
   * Part {@code index} of {@link #PARTS}, as an injector writes it: each trial's share of the
   * arrivals (30 of the trial's 40/s × 3 s), with latencies drawn from the part's own seed: the
   * authors page about 0.6 of the books page's, as the bookshop serves them.
   *
   * @param lagMicros each trial's p99 start lag, by slot; absent: 900 µs
   */
  static Recorded part(
      Path root, int index, Map<Integer, Long> lagMicros, UnaryOperator<InjectPart> edit)
      throws Exception {
    return part(
        root,
        index,
        lagMicros,
        edit,
        SCENARIO,
        Map.of(),
        variant -> variant.equals("books") ? 9000 : 5400);
  }

  /**
   * Part {@code index} of a run of {@code scenarioText}, its sides at {@code gateTargets} (a gate
   * of deployments) or none, each variant's latencies about {@code centre} µs.
   */
  static Recorded part(
      Path root,
      int index,
      Map<Integer, Long> lagMicros,
      UnaryOperator<InjectPart> edit,
      String scenarioText,
      Map<String, String> gateTargets,
      java.util.function.ToDoubleFunction<String> centreMicros)
      throws Exception {
    Path folder = root.resolve("part-" + index + "-of-" + PARTS);
    Files.createDirectories(folder);
    Path scenario = folder.resolve(InjectRun.SCENARIO_COPY);
    Files.writeString(scenario, scenarioText, StandardCharsets.UTF_8);
    var experiments =
        new ScenarioLoader(Path.of("")).load(scenario).injected(gateTargets).experiments();
    var timeline = InjectTimeline.of(experiments, Profile.QUICK, new BlockOrder(SEED), BLOCKS);
    Random random = new Random(1000 + index);
    List<InjectPart.Trial> trials = new ArrayList<>();
    Map<Integer, Map<String, Histogram>> histograms = new TreeMap<>();
    Map<Integer, long[]> windows = new TreeMap<>();
    long start = java.time.Instant.parse(START).toEpochMilli();
    for (InjectTimeline.Slot slot : timeline.slots()) {
      for (int i = 0; i < slot.unit().size(); i++) {
        int s = trials.size();
        String variant = slot.unit().get(i).name();
        double centre = centreMicros.applyAsDouble(variant);
        long lag = lagMicros.getOrDefault(s, 900L);
        int requests = 120 / PARTS;
        Map<String, Histogram> named = new LinkedHashMap<>();
        for (String name : NAMES) {
          named.put(name, new Histogram(3_600_000_000L, 3));
        }
        for (int r = 0; r < requests; r++) {
          long micros = Math.round(centre * Math.exp(0.25 * random.nextGaussian()));
          named.get("clientLatencyMicros").recordValue(micros);
          named.get("gatlingLatencyMicros").recordValue((micros + 500) / 1000 * 1000);
          named.get("startLagMicros").recordValue(r == requests - 1 ? lag : 200 + r);
        }
        histograms.put(s, named);
        long open = start + (slot.startSeconds() + slot.warmupSeconds()) * 1000;
        windows.put(s, new long[] {open, open + slot.measureSeconds() * 1000L});
        trials.add(
            new InjectPart.Trial(
                s,
                slot.experiment().id(),
                variant,
                slot.block(),
                slot.position() + i,
                java.time.Instant.ofEpochMilli(start + slot.startSeconds() * 1000 + 12L * i)
                    .toString(),
                slot.warmupSeconds(),
                slot.measureSeconds(),
                10.0,
                new TrialResult.Counts(20, requests, requests, 0, 0, requests, 0, 0, 0),
                Map.of("200", (long) requests),
                Map.of(),
                Map.of(),
                lag));
      }
    }
    InjectPart part =
        edit.apply(
            new InjectPart(
                InjectPart.SCHEMA_VERSION,
                "staging",
                RunManifest.sha256(scenario),
                "/builds/staging.yaml",
                "http://127.0.0.1:18000",
                gateTargets,
                "quick",
                SEED,
                BLOCKS,
                0.05,
                START,
                index,
                PARTS,
                "injector-" + index,
                new Machine(
                    2,
                    "Test CPU",
                    4L << 30,
                    "Linux test",
                    "17",
                    Map.of("target", "http://127.0.0.1:18000 (a deployment djbench did not start)"),
                    "injector only: the target's CPUs are not this machine's"),
                new InjectPart.Clock(0.25 * index - 0.5, 1.5, "Date header of /", 40),
                InjectPart.COMPLETE,
                "",
                "2026-12-03T09:59:40Z",
                "2026-12-03T10:00:40Z",
                experiments.stream().map(dev.djbench.scenario.Experiment::id).toList(),
                trials));
    PartFiles.write(folder, part, histograms, windows);
    return new Recorded(folder, part, histograms);
  }

  static List<Recorded> parts(Path root) throws Exception {
    List<Recorded> out = new ArrayList<>();
    for (int i = 1; i <= PARTS; i++) {
      out.add(part(root, i, Map.of(), p -> p));
    }
    return out;
  }

  static RunResult merge(List<Recorded> parts) throws ResultsException {
    return PartMerge.merge(
        parts.stream().map(Recorded::folder).toList(),
        Path.of(""),
        "20261203-100100-abcd",
        dev.djbench.results.GateResult.Policy.FAIL);
  }

  @Test
  void theMergedTrialsHoldEveryPartsRequestsAndTheirHistogramsAddedExactly(@TempDir Path dir)
      throws Exception {
    List<Recorded> parts = parts(dir);
    RunResult run = merge(parts);
    assertEquals(RunResult.Status.COMPLETE, run.status(), run.message());
    ExperimentResult lists = run.experiments().get(0);
    assertEquals(ExperimentResult.Status.MEASURED, lists.status(), lists.reason());
    assertEquals(2 * BLOCKS, lists.trials().size());
    long total = 0;
    for (int s = 0; s < lists.trials().size(); s++) {
      TrialResult merged = lists.trials().get(s);
      assertTrue(merged.valid(), merged.invalidReasons().toString());
      long sum = 0;
      for (Recorded p : parts) {
        sum += p.part().trials().get(s).counts().requests();
      }
      assertEquals(sum, merged.counts().requests(), "trial " + s + ": the sum of the parts");
      assertEquals(120, merged.counts().requests(), "the whole schedule: 40/s × 3 s");
      assertEquals(Map.of("200", sum), merged.statusCounts());
      assertEquals(40.0, merged.window().targetRatePerSecond(), 1e-9, "the parts' rates added");
      total += sum;
      for (String name :
          new String[] {"clientLatencyMicros", "gatlingLatencyMicros", "startLagMicros"}) {
        Histogram added = new Histogram(3);
        for (Recorded p : parts) {
          added.add(p.histograms().get(s).get(name));
        }
        Histogram read = HistogramCodec.decode(merged.histograms().get(name));
        assertEquals(added, read, "trial " + s + " " + name + ": exactly the parts' sum");
        var d = merged.distribution(name);
        assertEquals(added.getTotalCount(), d.count());
        assertEquals(added.getValueAtPercentile(50), d.p50(), 0.0);
        assertEquals(added.getValueAtPercentile(99), d.p99(), 0.0);
        assertEquals(added.getMaxValue(), d.max(), 0.0);
      }
    }
    assertEquals(total, run.injectors().stream().mapToLong(RunResult.InjectorRun::requests).sum());
    assertEquals(PARTS, run.injectors().size());
    var second = run.injectors().get(1);
    assertEquals("2/4", second.label());
    assertEquals(0.0, second.clockOffsetMillis(), 1e-12);
    assertEquals(1.5, second.clockUncertaintyMillis(), 1e-12);
    assertEquals(List.of(), second.laggedTrials());
    // The variants are compared on the merged trials: authors is the faster page.
    var p50 =
        lists.comparisons().stream()
            .filter(c -> c.metric().equals("clientLatencyMicros.p50"))
            .findFirst()
            .orElseThrow();
    assertEquals("faster", p50.verdict());
    assertTrue(p50.upper() < 1, p50.toString());
  }

  static final String GATE_SCENARIO =
      """
      suite: staging
      app: {url: "http://127.0.0.1:18000"}
      defaults:
        load: {rate: 40/s, interleave: requests}
      gate:
        p50: 10%
      experiments:
        - id: books
          request: GET /books/
      """;

  static final Map<String, String> SIDES =
      Map.of("baseline", "http://127.0.0.1:18001", "candidate", "http://127.0.0.1:18002");

  static List<Recorded> gateParts(Path root, double candidateFactor) throws Exception {
    return gateParts(root, candidateFactor, GATE_SCENARIO);
  }

  static List<Recorded> gateParts(Path root, double candidateFactor, String scenarioText)
      throws Exception {
    List<Recorded> out = new ArrayList<>();
    for (int i = 1; i <= PARTS; i++) {
      out.add(
          part(
              root,
              i,
              Map.of(),
              p -> p,
              scenarioText,
              SIDES,
              v -> v.equals("candidate") ? 9000 * candidateFactor : 9000));
    }
    return out;
  }

  @Test
  void theGateOfTwoDeploymentsIsDecidedOnTheMergedTrials(@TempDir Path dir) throws Exception {
    RunResult slower = merge(gateParts(dir.resolve("slower"), 1.5));
    assertEquals(RunResult.Status.COMPLETE, slower.status(), slower.message());
    var gate = slower.gate();
    assertTrue(gate != null, "the parts of a gate of deployments are gated on the merge");
    assertEquals("http://127.0.0.1:18001", gate.baseline());
    assertEquals("http://127.0.0.1:18002", gate.candidate());
    assertEquals(dev.djbench.results.GateResult.Outcome.REGRESSION, gate.outcome());
    var p50 =
        gate.checks().stream()
            .filter(c -> c.metric().equals("clientLatencyMicros.p50"))
            .findFirst()
            .orElseThrow();
    assertEquals(BLOCKS, p50.blocks(), "every block, at one look");
    assertTrue(p50.lower() > 1.1, "the 1.5× slower candidate, beyond δ: " + p50);
    // The check's ratio is the merged trials' own: the geometric mean of the blocks' p50 ratios.
    ExperimentResult books = slower.experiments().get(0);
    double logs = 0;
    for (int b = 0; b < BLOCKS; b++) {
      final int block = b;
      double[] p = new double[2];
      books.trials().stream()
          .filter(t -> t.block() == block)
          .forEach(
              t ->
                  p[t.variant().equals("candidate") ? 1 : 0] =
                      t.distribution("clientLatencyMicros").p50());
      logs += Math.log(p[1] / p[0]);
    }
    assertEquals(Math.exp(logs / BLOCKS), p50.ratio(), 1e-9);
    // Each side's trials name the deployment they were sent to.
    assertTrue(
        books.trials().stream()
            .allMatch(t -> t.variant().equals("baseline") || t.variant().equals("candidate")));
    // Server time was not reported (no Server-Timing): a gate on it cannot be decided, and says
    // so; it never passes.
    RunResult unreported =
        merge(
            gateParts(
                dir.resolve("server"),
                1.0,
                GATE_SCENARIO.replace("p50: 10%", "p50: 10%\n  server_p50: 10%")));
    assertEquals(
        dev.djbench.results.GateResult.Outcome.BROKEN,
        unreported.gate().outcome(),
        unreported.gate().toString());
    assertEquals(RunResult.Status.FAILED, unreported.status());
    var server =
        unreported.gate().checks().stream()
            .filter(c -> c.metric().equals("serverTotalMicros.p50"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        dev.djbench.results.GateResult.CheckStatus.ERROR, server.status(), server.message());

    RunResult same = merge(gateParts(dir.resolve("same"), 1.0));
    assertFalse(
        same.gate().outcome() == dev.djbench.results.GateResult.Outcome.REGRESSION,
        same.gate().toString());
    // A run of pages (no sides given) is merged as its pages, with no gate.
    List<Recorded> pages = new ArrayList<>();
    for (int i = 1; i <= PARTS; i++) {
      pages.add(part(dir.resolve("pages"), i, Map.of(), p -> p, GATE_SCENARIO, Map.of(), v -> 9e3));
    }
    RunResult asPages = merge(pages);
    assertEquals(null, asPages.gate());
    assertEquals(
        List.of("books"),
        asPages.experiments().get(0).trials().stream()
            .map(TrialResult::variant)
            .distinct()
            .toList());
  }

  @Test
  void aPartThatFellBehindInvalidatesTheTrialsItLaggedIn(@TempDir Path dir) throws Exception {
    List<Recorded> parts = parts(dir);
    parts.set(1, part(dir, 2, Map.of(2, 31_000L), p -> p));
    RunResult run = merge(parts);
    List<TrialResult> trials = run.experiments().get(0).trials();
    TrialResult lagged = trials.get(2);
    assertFalse(lagged.valid());
    assertTrue(
        lagged
            .invalidReasons()
            .contains(
                "part 2/4 (injector-2) fell behind its schedule: p99 start lag 31.0 ms (limit 25.0 ms)"),
        lagged.invalidReasons().toString());
    // Its block's other variant was measured with it: invalid too, never compared alone.
    TrialResult partner = trials.get(3);
    assertFalse(partner.valid());
    assertTrue(
        partner.invalidReasons().get(0).startsWith("measured together with an invalid trial"));
    assertTrue(trials.get(0).valid() && trials.get(4).valid());
    assertEquals(
        List.of("lists/" + lagged.variant() + "/block 2"), run.injectors().get(1).laggedTrials());
    assertEquals(31_000, run.injectors().get(1).worstLagP99Micros());
    // The lag of one part in four is not diluted by the others' being on time.
    assertTrue(lagged.distribution("startLagMicros").p99() < 25_000);
  }

  @Test
  void aFailedPartLeavesItsShareMissingAndTheMergeSaysSo(@TempDir Path dir) throws Exception {
    List<Recorded> parts = parts(dir);
    parts.set(
        3,
        part(
            dir,
            4,
            Map.of(),
            p ->
                p.ended(
                    InjectPart.FAILED,
                    "the load generator failed: boom",
                    "2026-12-03T10:00:05Z",
                    List.of())));
    RunResult run = merge(parts);
    assertEquals(RunResult.Status.FAILED, run.status());
    assertTrue(
        run.message().contains("part 4/4 (injector-4) failed: the load generator failed: boom"),
        run.message());
    ExperimentResult lists = run.experiments().get(0);
    assertEquals(ExperimentResult.Status.FAILED, lists.status());
    for (TrialResult t : lists.trials()) {
      assertFalse(t.valid());
      assertTrue(
          t.invalidReasons().stream()
              .anyMatch(r -> r.contains("part 4/4 (injector-4) has no share of it")),
          t.invalidReasons().toString());
    }
  }

  @Test
  void foldersThatAreNotThePartsOfOneRunAreRefusedNamingWhatDiffers(@TempDir Path dir)
      throws Exception {
    List<Recorded> parts = parts(dir.resolve("a"));
    var missing = assertThrows(ResultsException.class, () -> merge(parts.subList(0, 3)));
    assertTrue(missing.getMessage().startsWith("part 4/4 is missing"), missing.getMessage());
    List<Recorded> twice = new ArrayList<>(parts);
    twice.set(3, parts.get(2));
    var duplicate = assertThrows(ResultsException.class, () -> merge(twice));
    assertTrue(
        duplicate.getMessage().startsWith("part 3/4 is given twice"), duplicate.getMessage());
    List<Recorded> otherSeed = new ArrayList<>(parts);
    otherSeed.set(
        2,
        part(
            dir.resolve("b"),
            3,
            Map.of(),
            p ->
                new InjectPart(
                    p.schemaVersion(),
                    p.suite(),
                    p.scenarioSha256(),
                    p.scenarioFile(),
                    p.target(),
                    p.gateTargets(),
                    p.profile(),
                    12,
                    p.blocks(),
                    p.threshold(),
                    p.startAt(),
                    p.index(),
                    p.count(),
                    p.host(),
                    p.machine(),
                    p.clock(),
                    p.status(),
                    p.message(),
                    p.startedAt(),
                    p.finishedAt(),
                    p.selected(),
                    p.trials())));
    var seed = assertThrows(ResultsException.class, () -> merge(otherSeed));
    assertTrue(
        seed.getMessage()
            .startsWith("these are not parts of one distributed run: the seed differs: 11 in"),
        seed.getMessage());
    Files.writeString(
        parts.get(0).folder().resolve(InjectRun.SCENARIO_COPY), SCENARIO + "# edited\n");
    var edited = assertThrows(ResultsException.class, () -> merge(parts));
    assertTrue(
        edited.getMessage().contains("the copy was changed after the part ran"),
        edited.getMessage());
  }

  /** Seals the merged run's format, injectors and all. */
  @Test
  void theMergedFormatIsSealedByItsGoldenFile(@TempDir Path dir) throws Exception {
    String json = ResultsIO.toJson(merge(parts(dir))) + "\n";
    if (System.getenv("DJBENCH_WRITE_GOLDEN") != null) {
      Files.writeString(GOLDEN, json, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), json, "merged results changed");
    assertEquals(json, ResultsIO.toJson(ResultsIO.read(GOLDEN)) + "\n");
  }

  /** Seals part.json: the parts of one run may be written by injectors built at other times. */
  @Test
  void thePartFormatIsSealedByItsGoldenFile(@TempDir Path dir) throws Exception {
    Recorded p = part(dir, 1, Map.of(), x -> x);
    String json = Files.readString(p.folder().resolve(PartFiles.PART_FILE), StandardCharsets.UTF_8);
    if (System.getenv("DJBENCH_WRITE_GOLDEN") != null) {
      Files.writeString(PART_GOLDEN, json, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(PART_GOLDEN, StandardCharsets.UTF_8), json, "part.json changed");
    var back = PartFiles.read(p.folder());
    assertEquals(p.part(), back.part());
    for (var slot : p.histograms().entrySet()) {
      for (var named : slot.getValue().entrySet()) {
        assertEquals(named.getValue(), back.histograms().get(slot.getKey()).get(named.getKey()));
      }
    }
  }
}
