package dev.djbench.report;

/**
 * Coloured labels for verdicts and statuses: green for good news, red for bad, amber for "not
 * decided", grey for "nothing to report". The colour repeats the words, never replaces them.
 */
final class Badge {

  private Badge() {}

  /** A verdict of a comparison or gate check: faster, slower, no change, inconclusive, n/a… */
  static String verdict(String verdict) {
    String tone =
        switch (verdict) {
          case "faster" -> "good";
          case "slower" -> "bad";
          case "no change" -> "neutral";
          case "inconclusive" -> "unsure";
          default -> "plain";
        };
    return badge(tone, verdict);
  }

  /**
   * A gate check's status (pass, fail, inconclusive) or the gate's outcome (pass, regression,
   * inconclusive, broken).
   */
  static String gate(String status) {
    return badge(gateTone(status), status);
  }

  /** The CSS tone of a gate check's status or the gate's outcome. */
  static String gateTone(String status) {
    return switch (status) {
      case "pass" -> "good";
      case "fail", "regression", "broken" -> "bad";
      case "inconclusive" -> "unsure";
      default -> "plain";
    };
  }

  /**
   * An experiment's or a run's status: measured and complete are good, skipped and aborted unsure,
   * else bad.
   */
  static String status(String status) {
    return badge(statusTone(status), status);
  }

  /** The CSS tone of an experiment status, for its call-out box. */
  static String statusTone(String status) {
    return switch (status) {
      case "measured", "complete" -> "good";
      case "skipped", "aborted" -> "unsure";
      default -> "bad";
    };
  }

  private static String badge(String tone, String text) {
    return "<span class=\"badge " + tone + "\">" + Markup.escape(text) + "</span>";
  }
}
