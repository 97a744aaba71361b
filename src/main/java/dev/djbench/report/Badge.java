package dev.djbench.report;

import dev.djbench.results.ExperimentResult;
import dev.djbench.results.GateResult;
import dev.djbench.results.RunResult;
import dev.djbench.results.Word;
import dev.djbench.stats.Verdict;
import java.util.Arrays;

/**
 * Coloured labels for verdicts and statuses: green for good news, red for bad, amber for "not
 * decided", grey for "nothing to report". The colour repeats the words, never replaces them.
 */
final class Badge {

  private Badge() {}

  /** A verdict of a comparison or gate check: faster, slower, no change, inconclusive, n/a… */
  static String verdict(String verdict) {
    String tone =
        Arrays.stream(Verdict.values())
            .filter(v -> v.label().equals(verdict))
            .findFirst()
            .map(
                v ->
                    switch (v) {
                      case FASTER -> "good";
                      case SLOWER -> "bad";
                      case NO_CHANGE -> "neutral";
                      case INCONCLUSIVE -> "unsure";
                    })
            .orElse("plain");
    return badge(tone, verdict);
  }

  /** The gate's outcome. */
  static String gate(GateResult.Outcome outcome) {
    return badge(tone(outcome), outcome);
  }

  /** A gate check's status. */
  static String gate(GateResult.CheckStatus status) {
    return badge(tone(status), status);
  }

  /** The CSS tone of the gate's outcome. */
  static String tone(GateResult.Outcome outcome) {
    return switch (outcome) {
      case PASS -> "good";
      case REGRESSION, BROKEN -> "bad";
      case INCONCLUSIVE -> "unsure";
    };
  }

  /** The CSS tone of a gate check's status. */
  static String tone(GateResult.CheckStatus status) {
    return switch (status) {
      case PASS -> "good";
      case FAIL, ERROR -> "bad";
      case INCONCLUSIVE -> "unsure";
    };
  }

  /** An experiment's status. */
  static String status(ExperimentResult.Status status) {
    return badge(tone(status), status);
  }

  /** A run's status. */
  static String status(RunResult.Status status) {
    return badge(tone(status), status);
  }

  /** The CSS tone of an experiment's status, for its call-out box. */
  static String tone(ExperimentResult.Status status) {
    return switch (status) {
      case MEASURED -> "good";
      case SKIPPED, ABORTED -> "unsure";
      case BROKEN, FAILED -> "bad";
    };
  }

  /** The CSS tone of a run's status. */
  static String tone(RunResult.Status status) {
    return switch (status) {
      case COMPLETE -> "good";
      case ABORTED, INTERRUPTED -> "unsure";
      case FAILED -> "bad";
    };
  }

  private static String badge(String tone, Word word) {
    return badge(tone, word.word());
  }

  private static String badge(String tone, String text) {
    return "<span class=\"badge " + tone + "\">" + Markup.escape(text) + "</span>";
  }
}
