package dev.djbench.runner;

import dev.djbench.gate.Checkouts;
import dev.djbench.gate.GateEvaluator;
import dev.djbench.gate.GateInputException;
import dev.djbench.gate.StoredBaseline;
import dev.djbench.gate.Thresholds;
import dev.djbench.results.GateResult;
import dev.djbench.results.RunResult;
import dev.djbench.scenario.AppSpec;
import dev.djbench.scenario.Scenario;
import dev.djbench.stats.Defaults;
import dev.djbench.stats.SequentialPlan;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A gate, from the revisions named to the decision: checks the revisions out, measures them (both
 * in one interleaved run, or the candidate alone against a stored run), and evaluates the gate's
 * checks at the family error rate.
 */
public final class GateRun {

  /**
   * What to gate.
   *
   * @param options the run's options, for the gate scenario as loaded
   * @param thresholds δ per gated metric, and where each came from
   * @param stored a stored gate run whose candidate trials are the baseline; empty to measure the
   *     {@code baseline} revision now
   * @param baseline the baseline revision (a git ref or a directory); unused with {@code stored}
   * @param candidate the candidate revision
   * @param repo the git repository refs belong to; null for the one holding the scenario's app
   * @param policy what an inconclusive check does
   */
  public record Request(
      RunOptions options,
      Thresholds thresholds,
      Optional<StoredBaseline> stored,
      String baseline,
      String candidate,
      Path repo,
      GateResult.Policy policy) {}

  private GateRun() {}

  /**
   * Runs the gate and returns the measured run with the gate's decision on it.
   *
   * @throws GateInputException when a revision cannot be checked out
   * @throws RunFailedException when the system under test broke; what was measured is written
   */
  public static RunResult run(Request request, PrintStream console)
      throws GateInputException, RunFailedException, IOException {
    RunOptions options = request.options();
    Scenario loaded = options.scenario();
    try (Checkouts checkouts = new Checkouts(Files.createTempDirectory("djbench-gate-"))) {
      AppSpec candidateApp =
          checkouts.resolve(request.candidate(), loaded.app(), request.repo(), "candidate");
      AppSpec baselineApp =
          request.stored().isPresent()
              ? candidateApp
              : checkouts.resolve(request.baseline(), loaded.app(), request.repo(), "baseline");
      // Against a stored run the runner still needs two variants: the candidate runs on both
      // sides (an A/A) and only its 'candidate' trials are compared. Nothing is gated during the
      // run, so every block of the profile runs and the verdicts are made at one look; same-run
      // gates stop early and pay for their looks in α.
      Map<String, Double> stopOn =
          request.stored().isPresent() ? Map.of() : request.thresholds().byMetric();
      RunResult measured =
          new RunExecutor(
                  options.forGate(loaded.withGateApps(baselineApp, candidateApp), stopOn), console)
              .execute();
      GateResult decision;
      if (request.stored().isPresent()) {
        decision =
            new GateEvaluator(
                    request.thresholds().byMetric(), Defaults.FAMILY_ALPHA, options.seed())
                .evaluate(
                    request.stored().get(),
                    measured,
                    request.candidate(),
                    request.policy(),
                    request.thresholds().notes());
      } else {
        var shape = options.profile().forGate();
        double alphaPerLook =
            new SequentialPlan(shape.minBlocks(), shape.maxBlocks(), Defaults.FAMILY_ALPHA)
                .alphaPerLook();
        decision =
            new GateEvaluator(request.thresholds().byMetric(), alphaPerLook, options.seed())
                .evaluate(
                    measured,
                    request.baseline(),
                    request.candidate(),
                    request.policy(),
                    request.thresholds().notes());
      }
      return measured.withGate(decision);
    }
  }
}
