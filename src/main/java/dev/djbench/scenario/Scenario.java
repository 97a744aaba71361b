package dev.djbench.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A suite of experiments, read from one YAML file and fully resolved: every default applied, every
 * value checked.
 *
 * @param file the file it was read from
 * @param suite the suite's name
 * @param app the Django project under test
 * @param experiments the experiments, in file order
 * @param gate present for a gate scenario: what is gated, with which thresholds; its experiments
 *     have the variants {@code baseline} and {@code candidate}
 */
public record Scenario(
    Path file, String suite, AppSpec app, List<Experiment> experiments, Optional<GateSpec> gate) {
  public Scenario {
    experiments = List.copyOf(experiments);
  }

  /**
   * A gate scenario as a page suite, for {@code djbench run}: each experiment's one request
   * measured on its own (the revision in the scenario's app folder), the gate block left aside. The
   * scenario {@code djbench init} writes serves both commands this way.
   */
  public Scenario asPageSuite() {
    List<Experiment> pages =
        experiments.stream()
            .map(
                e ->
                    e.withVariants(
                        List.of(
                            new Variant(
                                e.id(),
                                e.baseline().app(),
                                e.baseline().request(),
                                e.baseline().deployment())),
                        true))
            .toList();
    return new Scenario(file, suite, app, pages, java.util.Optional.empty());
  }

  /**
   * A gate scenario measuring two deployments djbench did not start ({@code djbench inject
   * --baseline-url … --candidate-url …}): each side's requests go to its origin, and the scenario's
   * app is the candidate's, its health path kept.
   */
  public Scenario atGateUrls(String baselineUrl, String candidateUrl) {
    AppSpec candidate = AppSpec.atUrl(app.directory(), candidateUrl, app.healthPath());
    Scenario sides =
        withGateApps(AppSpec.atUrl(app.directory(), baselineUrl, app.healthPath()), candidate);
    return new Scenario(file, suite, candidate, sides.experiments(), gate);
  }

  /**
   * This scenario as {@code djbench inject} runs it, given the origins of a gate's sides by variant
   * name ({@code baseline}, {@code candidate}), or none: a gate scenario's two sides at those
   * origins, or without them its pages; any other scenario as it is.
   */
  public Scenario injected(java.util.Map<String, String> gateOrigins) {
    if (gate.isEmpty()) {
      return this;
    }
    return gateOrigins.isEmpty()
        ? asPageSuite()
        : atGateUrls(gateOrigins.get(GateSpec.BASELINE), gateOrigins.get(GateSpec.CANDIDATE));
  }

  /** A gate scenario with the baseline and candidate variants running the given checkouts. */
  public Scenario withGateApps(AppSpec baseline, AppSpec candidate) {
    List<Experiment> resolved =
        experiments.stream()
            .map(
                e ->
                    e.withVariants(
                        e.variants().stream()
                            .map(
                                v ->
                                    v.withApp(
                                        v.name().equals(GateSpec.BASELINE) ? baseline : candidate))
                            .toList(),
                        e.pages()))
            .toList();
    return new Scenario(file, suite, app, resolved, gate);
  }
}
