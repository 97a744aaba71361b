package dev.djbench.report;

import dev.djbench.results.Comparison;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.GateResult;
import dev.djbench.results.Measurement;
import dev.djbench.results.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The run as JUnit XML, {@code junit.xml}, the format CI systems show as tests. For a gate run each
 * check is a test: a regression fails it, an inconclusive check is skipped or fails as the gate's
 * policy says. For a plain run each comparison shown in the summaries is a passing test whose
 * output holds the verdict, so CI lists the results without judging them. Experiments that could
 * not be measured are skipped (a component is missing) or errors.
 *
 * <p>Test cases take no time of their own (a check is computed from trials already measured); the
 * suite's time is the run's wall-clock time.
 */
final class JUnitReport implements ReportFormat.Renderer {

  /** How one test case ended. */
  enum Outcome {
    PASSED,
    FAILURE,
    ERROR,
    SKIPPED
  }

  /**
   * One test case.
   *
   * @param className the experiment, qualified by the suite
   * @param name the metric, or {@code run} for the experiment as a whole
   * @param outcome how it ended
   * @param type the failure's or error's type (regression, inconclusive, broken…); empty otherwise
   * @param message one line for the CI list
   * @param detail the failure's or error's text
   * @param systemOut what CI shows as the test's output; empty for none
   */
  record Case(
      String className,
      String name,
      Outcome outcome,
      String type,
      String message,
      String detail,
      String systemOut) {}

  @Override
  public String render(RunResult run) {
    List<Case> cases = run.gate() != null ? gateCases(run) : comparisonCases(run);
    if (run.status() != RunResult.Status.COMPLETE) {
      cases.add(
          0,
          new Case(
              run.suite(),
              "run",
              Outcome.ERROR,
              run.status().word(),
              "run " + run.status() + (run.message().isEmpty() ? "" : ": " + run.message()),
              run.message(),
              ""));
    }
    return JUnitXml.write(run, cases);
  }

  static List<Case> gateCases(RunResult run) {
    GateResult gate = run.gate();
    List<Case> cases = new ArrayList<>();
    for (ExperimentResult e : run.experiments()) {
      unmeasured(run, e).ifPresent(cases::add);
      for (GateResult.GateCheck check : gate.checks()) {
        if (check.experiment().equals(e.id())) {
          cases.add(gateCase(run, gate, check));
        }
      }
    }
    // Checks of experiments the run does not list (a stored baseline's) are still decisions of the
    // gate.
    for (GateResult.GateCheck check : gate.checks()) {
      if (run.experiments().stream().noneMatch(e -> e.id().equals(check.experiment()))) {
        cases.add(gateCase(run, gate, check));
      }
    }
    return cases;
  }

  private static Case gateCase(RunResult run, GateResult gate, GateResult.GateCheck check) {
    String className = run.suite() + "." + check.experiment();
    String summary =
        check.metric()
            + ": ratio "
            + Numbers.factor(check.ratio())
            + " "
            + Numbers.interval(check.lower(), check.upper())
            + ", verdict "
            + check.verdict()
            + " — "
            + check.message();
    String detail =
        "metric "
            + check.metric()
            + "\nratio "
            + Numbers.factor(check.ratio())
            + (gate.mode() == GateResult.Mode.STORED_BASELINE
                ? " (candidate / baseline, ratio of the geometric means of new and stored trials)\ninterval "
                : " (candidate / baseline, geometric mean of per-block ratios)\ninterval ")
            + Numbers.interval(check.lower(), check.upper())
            + " at "
            + Numbers.percent(check.confidenceLevel(), 2)
            + " confidence (Holm-adjusted)\nthreshold δ "
            + Numbers.percent(check.threshold(), 1)
            + "\nblocks "
            + check.blocks()
            + "\nverdict "
            + check.verdict()
            + "\n"
            + check.message()
            + "\nbaseline "
            + gate.baseline()
            + ", candidate "
            + gate.candidate()
            + " ("
            + gate.mode()
            + ")";
    return switch (check.status()) {
      case PASS -> new Case(className, check.metric(), Outcome.PASSED, "", "", "", "");
      case FAIL ->
          new Case(className, check.metric(), Outcome.FAILURE, "regression", summary, detail, "");
      case INCONCLUSIVE ->
          gate.inconclusivePolicy() == GateResult.Policy.FAIL
              ? new Case(
                  className, check.metric(), Outcome.FAILURE, "inconclusive", summary, detail, "")
              : new Case(className, check.metric(), Outcome.SKIPPED, "", summary, "", detail);
      case ERROR ->
          new Case(
              className, check.metric(), Outcome.ERROR, check.status().word(), summary, detail, "");
    };
  }

  static List<Case> comparisonCases(RunResult run) {
    List<Case> cases = new ArrayList<>();
    for (ExperimentResult e : run.experiments()) {
      unmeasured(run, e).ifPresent(cases::add);
      for (Measurement m : e.measurements()) {
        if (SummaryModel.SHOWN_METRICS.contains(m.metric())) {
          cases.add(
              new Case(
                  run.suite() + "." + e.id(),
                  m.metric() + " " + m.variant(),
                  Outcome.PASSED,
                  "",
                  "",
                  "",
                  m.variant()
                      + ", "
                      + m.metric()
                      + ": "
                      + Numbers.fixed(m.value(), 1)
                      + " "
                      + (Double.isNaN(m.lower())
                          ? "(no interval" + (m.note().isEmpty() ? "" : ": " + m.note()) + ")"
                          : "["
                              + Numbers.fixed(m.lower(), 1)
                              + ", "
                              + Numbers.fixed(m.upper(), 1)
                              + "]")
                      + " over "
                      + m.trials()
                      + " trials"));
        }
      }
      for (Comparison c : e.comparisons()) {
        if (SummaryModel.SHOWN_METRICS.contains(c.metric())) {
          cases.add(
              new Case(
                  run.suite() + "." + e.id(),
                  c.metric() + " " + c.candidate() + " vs " + c.baseline(),
                  Outcome.PASSED,
                  "",
                  "",
                  "",
                  inWords(c)));
        }
      }
    }
    return cases;
  }

  /** A comparison in one line, in the metric's own unit, for a test's output. */
  private static String inWords(Comparison c) {
    return c.candidate()
        + " vs "
        + c.baseline()
        + ", "
        + c.metric()
        + ": "
        + Numbers.fixed(c.baselineValue(), 1)
        + " → "
        + Numbers.fixed(c.candidateValue(), 1)
        + ", ratio "
        + Numbers.factor(c.ratio())
        + " "
        + Numbers.interval(c.lower(), c.upper())
        + ", verdict "
        + c.verdict()
        + " ("
        + c.blocks()
        + (c.blocks() == 1 ? " block" : " blocks")
        + ", δ "
        + Numbers.percent(c.threshold(), 1)
        + ")";
  }

  /**
   * The case of an experiment that was not measured: skipped when a component is missing, an error
   * otherwise.
   */
  private static Optional<Case> unmeasured(RunResult run, ExperimentResult e) {
    if (e.status() == ExperimentResult.Status.MEASURED) {
      return Optional.empty();
    }
    String message = e.status() + ": " + e.reason();
    Outcome outcome =
        e.status() == ExperimentResult.Status.SKIPPED ? Outcome.SKIPPED : Outcome.ERROR;
    return Optional.of(
        new Case(
            run.suite() + "." + e.id(),
            "run",
            outcome,
            e.status().word(),
            message,
            e.reason(),
            ""));
  }
}
