package dev.djbench.report;

import dev.djbench.results.GateResult;
import dev.djbench.results.Word;

/** The HTML report's gate section: the regression gate's outcome and every check behind it. */
final class GateSection {

  private GateSection() {}

  static String render(GateResult gate) {
    StringBuilder out =
        new StringBuilder("<section id=\"gate\" class=\"gate ")
            .append(Badge.tone(gate.outcome()))
            .append("\">\n<h2>Gate: ")
            .append(Badge.gate(gate.outcome()))
            .append("</h2>\n<p>")
            .append(Markup.escape(modeInWords(gate.mode())))
            .append(" Baseline <code>")
            .append(Markup.escape(gate.baseline()))
            .append("</code>, candidate <code>")
            .append(Markup.escape(gate.candidate()))
            .append("</code>. Inconclusive checks ")
            .append(gate.inconclusivePolicy().word())
            .append(" the gate (policy <code>")
            .append(Markup.escape(gate.inconclusivePolicy().word()))
            .append("</code>); error rate held at ")
            .append(Numbers.percent(gate.familyAlpha(), 1))
            .append(" across all checks (Holm).</p>\n");
    Table checks =
        new Table(
            "experiment",
            "metric",
            ">δ",
            ">ratio",
            "interval",
            ">level",
            ">blocks",
            "verdict",
            "status",
            "message");
    for (GateResult.GateCheck c : gate.checks()) {
      checks.row(
          c.experiment(),
          c.metric(),
          Numbers.percent(c.threshold(), 1),
          Numbers.factor(c.ratio()),
          Numbers.interval(c.lower(), c.upper()),
          Numbers.percent(c.confidenceLevel(), 2),
          Integer.toString(c.blocks()),
          c.verdict(),
          c.status().word(),
          c.message());
    }
    out.append(
        HtmlTable.render(
            checks,
            (header, cell) ->
                switch (header) {
                  case "verdict" -> Badge.verdict(cell);
                  case "status" -> Badge.gate(Word.parse(GateResult.CheckStatus.class, cell));
                  default -> Markup.escape(cell);
                }));
    if (!gate.notes().isEmpty()) {
      out.append("<ul class=\"notes\">\n");
      gate.notes().forEach(n -> out.append("<li>").append(Markup.escape(n)).append("</li>\n"));
      out.append("</ul>\n");
    }
    return out.append("</section>\n").toString();
  }

  private static String modeInWords(GateResult.Mode mode) {
    return switch (mode) {
      case SAME_RUN -> "Both revisions were measured in one interleaved run.";
      case STORED_BASELINE ->
          "The candidate was measured against a stored baseline run; drift of the machine "
              + "between the two runs is not controlled.";
    };
  }
}
