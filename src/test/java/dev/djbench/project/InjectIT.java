package dev.djbench.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.cli.Djbench;
import dev.djbench.results.Comparison;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.HistogramCodec;
import dev.djbench.results.PartFiles;
import dev.djbench.results.ResultsIO;
import dev.djbench.results.RunResult;
import dev.djbench.results.TrialResult;
import dev.djbench.sut.process.Ports;
import dev.djbench.testsupport.Processes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A distributed run on loopback: four {@code djbench inject} processes, each sending a quarter of
 * the arrivals, against the bookshop under a Gunicorn this test starts; merged, then set against
 * one injector sending the whole schedule to the same target.
 */
class InjectIT {

  private static final String SEED = "21";
  private static final int PARTS = 4;

  @Test
  void fourInjectorsAtAQuarterOfTheRateMergeIntoOneRun(@TempDir Path dir) throws Exception {
    Path project = Projects.copy("bookshop", dir.resolve("bookshop"));
    Projects.manage(project, "migrate", "--noinput");
    Projects.manage(project, "populate", "--books", "5");
    int port = Ports.freeLoopbackPort();
    Process server = Projects.gunicorn(project, port, dir.resolve("gunicorn.log"));
    List<Process> injectors = new ArrayList<>();
    try {
      Projects.awaitUp(
          URI.create("http://127.0.0.1:" + port + "/books/"), dir.resolve("gunicorn.log"));
      Path scenario = Projects.listsAtUrl(dir, port, 40);

      // Four parts, started together as a Job's pods are, each told the same instant: far enough
      // ahead for four JVMs on two cores to start and warm up (about 45 s together here).
      Instant start = Instant.now().plusSeconds(75).truncatedTo(ChronoUnit.SECONDS);
      for (int i = 1; i <= PARTS; i++) {
        injectors.add(
            inject(scenario, i + "/" + PARTS, start, dir.resolve("parts/part-" + i), dir));
      }
      for (int i = 0; i < PARTS; i++) {
        assertEquals(0, finish(injectors.get(i)), log(dir, "part-" + (i + 1)));
      }
      // The same schedule from one injector, afterwards, against the same target.
      Process whole =
          inject(
              scenario,
              "1/1",
              Instant.now().plusSeconds(30).truncatedTo(ChronoUnit.SECONDS),
              dir.resolve("whole"),
              dir);
      injectors.add(whole);
      assertEquals(0, finish(whole), log(dir, "whole"));

      List<String> merge = new ArrayList<>(List.of("--home", Projects.HOME.toString(), "merge"));
      for (int i = 1; i <= PARTS; i++) {
        merge.add(dir.resolve("parts/part-" + i).toString());
      }
      merge.addAll(List.of("--reports", dir.resolve("merged").toString()));
      int merged = Djbench.execute(merge.toArray(String[]::new));
      assertEquals(
          0,
          Djbench.execute(
              "--home",
              Projects.HOME.toString(),
              "merge",
              dir.resolve("whole").toString(),
              "--reports",
              dir.resolve("one").toString()));
      RunResult four = ResultsIO.read(Projects.onlyRun(dir.resolve("merged")));
      RunResult one = ResultsIO.read(Projects.onlyRun(dir.resolve("one")));

      // The merged request count is the sum of the parts', trial by trial, and each merged
      // histogram is exactly the parts' added.
      List<PartFiles.Loaded> parts = new ArrayList<>();
      for (int i = 1; i <= PARTS; i++) {
        parts.add(PartFiles.read(dir.resolve("parts/part-" + i)));
      }
      List<TrialResult> trials = four.experiments().get(0).trials();
      assertEquals(2 * 3, trials.size(), "3 blocks of 2 variants");
      for (int s = 0; s < trials.size(); s++) {
        long sum = 0;
        Histogram added = new Histogram(3);
        for (PartFiles.Loaded p : parts) {
          sum += p.part().trials().get(s).counts().requests();
          added.add(p.histograms().get(s).get("clientLatencyMicros"));
        }
        TrialResult t = trials.get(s);
        assertEquals(sum, t.counts().requests(), "trial " + s);
        assertEquals(added, HistogramCodec.decode(t.histograms().get("clientLatencyMicros")));
        assertEquals(
            one.experiments().get(0).trials().get(s).counts().requests(),
            t.counts().requests(),
            2 * PARTS,
            "the four parts sent the one injector's schedule: trial " + s);
      }

      // Every injector is listed with its clock, measured against the target's Date header: on
      // loopback the clocks are one, so the offset is 0 within its bound.
      assertEquals(PARTS, four.injectors().size());
      for (RunResult.InjectorRun i : four.injectors()) {
        assertEquals("complete", i.status(), i.message());
        assertTrue(i.clockOffsetMillis() != null, "a Gunicorn sends Date: the offset is measured");
        assertTrue(
            Math.abs(i.clockOffsetMillis()) <= i.clockUncertaintyMillis() + 2,
            i.label() + ": " + i.clockOffsetMillis() + " ± " + i.clockUncertaintyMillis());
        assertTrue(i.requests() > 0);
      }
      String summary =
          Files.readString(Projects.onlyRun(dir.resolve("merged")).resolve("summary.md"));
      assertTrue(summary.contains("injector 3/4: "), summary);

      // A trial is invalid exactly when a part lagged in it, or the sum broke a rule of its own:
      // the lag of a part is never averaged away by the others'.
      for (int s = 0; s < trials.size(); s++) {
        TrialResult t = trials.get(s);
        final int slot = s;
        boolean lagged =
            parts.stream().anyMatch(p -> p.part().trials().get(slot).startLagP99Micros() > 25_000);
        if (lagged) {
          assertFalse(t.valid(), "trial " + s + " had a part behind its schedule");
        }
      }
      // Measured against the same target, the four parts and the one injector agree within the
      // intervals: the two runs' intervals of the same ratio overlap, once allowed the run's δ (5%)
      // for the drift of a shared machine between two runs minutes apart, which neither interval
      // holds (each is measured within its run). Variants mixed up between trials, or one side's
      // parts dropped, would move the ratio far beyond that. A run whose trials were invalid (a
      // machine too busy for the schedule) says so and gives no interval to compare.
      ExperimentResult a = four.experiments().get(0);
      ExperimentResult b = one.experiments().get(0);
      Comparison ca = p50(a);
      Comparison cb = p50(b);
      if (merged == 0 && Double.isFinite(ca.lower()) && Double.isFinite(cb.lower())) {
        double drift = 1 + ca.threshold();
        assertTrue(
            ca.lower() <= cb.upper() * drift && cb.lower() <= ca.upper() * drift,
            "four parts " + ca + " against one injector " + cb);
      } else {
        assertTrue(
            a.trials().stream().anyMatch(t -> !t.valid())
                || b.trials().stream().anyMatch(t -> !t.valid()),
            "no interval, and no invalid trial to say why: " + ca + " / " + cb);
      }

      // A gate of two deployments, decided by the merge: here the one Gunicorn under two origins
      // (an A/A), whose δ of 50% leaves it no way to regress, sent by one injector.
      Path gateScenario = dir.resolve("gate.yaml");
      Files.writeString(
          gateScenario,
          """
          suite: staging-gate
          app: {url: "http://127.0.0.1:%d"}
          defaults:
            load: {rate: 40/s, interleave: requests}
          gate:
            p50: 50%%
          experiments:
            - id: books
              request: GET /books/
          """
              .formatted(port));
      String baselineUrl = "http://127.0.0.1:" + port;
      String candidateUrl = "http://localhost:" + port;
      Process gate =
          inject(
              gateScenario,
              "1/1",
              Instant.now().plusSeconds(30).truncatedTo(ChronoUnit.SECONDS),
              dir.resolve("gate"),
              dir,
              "--baseline-url",
              baselineUrl,
              "--candidate-url",
              candidateUrl);
      injectors.add(gate);
      assertEquals(0, finish(gate), log(dir, "gate"));
      int gated =
          Djbench.execute(
              "--home",
              Projects.HOME.toString(),
              "merge",
              dir.resolve("gate").toString(),
              "--reports",
              dir.resolve("gated").toString());
      RunResult decided = ResultsIO.read(Projects.onlyRun(dir.resolve("gated")));
      var decision = decided.gate();
      assertTrue(decision != null, "a gate's parts are gated by the merge");
      assertEquals(baselineUrl, decision.baseline());
      assertEquals(candidateUrl, decision.candidate());
      assertEquals(1, decision.checks().size(), decision.toString());
      var check = decision.checks().get(0);
      assertEquals("clientLatencyMicros.p50", check.metric());
      assertTrue(
          decision.outcome() != dev.djbench.results.GateResult.Outcome.REGRESSION,
          decision.toString());
      if (gated != 0) {
        assertEquals(3, gated, decision.toString());
        assertTrue(
            decided.experiments().get(0).trials().stream().noneMatch(TrialResult::valid),
            "a broken gate here means no valid trial: " + decision);
      } else {
        assertTrue(check.ratio() > 0.5 && check.ratio() < 2, check.toString());
      }
    } finally {
      for (Process p : injectors) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
      Projects.stop(server);
    }
    assertEquals(List.of(), Processes.mentioning(dir.toString()));
  }

  private static Comparison p50(ExperimentResult e) {
    return e.comparisons().stream()
        .filter(c -> c.metric().equals("clientLatencyMicros.p50"))
        .findFirst()
        .orElseThrow(() -> new AssertionError(e.id() + " " + e.status() + ": " + e.reason()));
  }

  /**
   * {@code java -jar target/djbench.jar inject …}: an injector process, as a pod runs one. Here
   * five of them share two cores with the target's Gunicorn: each JVM's optimizing compiler (C2),
   * busy in the first trials, would take CPU from the server, which a pod on a machine of its own
   * does not; so every injector, the one at the full rate too, compiles with C1 alone.
   */
  private static Process inject(
      Path scenario, String part, Instant start, Path out, Path dir, String... more)
      throws Exception {
    String name = out.getFileName().toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens",
                "java.base/java.lang=ALL-UNNAMED",
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                Projects.HOME.resolve("target/djbench.jar").toString(),
                "--home",
                Projects.HOME.toString(),
                "inject",
                scenario.toString(),
                "--part",
                part,
                "--start-at",
                start.toString(),
                "--seed",
                SEED,
                "--out",
                out.toString()));
    command.addAll(List.of(more));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile())
        .start();
  }

  private static int finish(Process p) throws Exception {
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("an injector ran past 3 minutes");
    }
    return p.exitValue();
  }

  private static String log(Path dir, String name) throws Exception {
    return Files.readString(dir.resolve(name + ".log"), StandardCharsets.UTF_8);
  }
}
