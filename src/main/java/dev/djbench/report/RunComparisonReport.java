package dev.djbench.report;

import dev.djbench.analysis.Metric;
import dev.djbench.results.Comparison;
import dev.djbench.results.RunResult;
import dev.djbench.stats.Defaults;
import java.util.List;
import java.util.Locale;

/** {@code djbench compare}'s answer in text or Markdown: each page's figures, old against new. */
public final class RunComparisonReport {

  /** What the comparison can and cannot say. */
  static final String NOTE =
      "ratio = new/old, ratio of the geometric means of the two runs' valid trials (unpaired"
          + " bootstrap); weaker than a same-run gate (djbench gate): whatever the machine did"
          + " between the two runs counts as an effect";

  private RunComparisonReport() {}

  /**
   * @param markdown Markdown, or aligned text for a terminal
   */
  public static String render(
      RunResult old, RunResult now, List<Comparison> comparisons, boolean markdown) {
    Table table =
        new Table("page", "metric", ">old", ">new", ">ratio", "interval", "verdict", ">trials");
    for (Comparison c : comparisons) {
      if (!SummaryModel.SHOWN_METRICS.contains(c.metric())) {
        continue;
      }
      table.row(
          c.baseline().substring("old:".length()),
          Metric.columnLabelOf(c.metric()),
          Numbers.inColumnUnit(c.metric(), c.baselineValue()),
          Numbers.inColumnUnit(c.metric(), c.candidateValue()),
          Numbers.factor(c.ratio()),
          Numbers.interval(c.lower(), c.upper()),
          c.verdict(),
          Integer.toString(c.blocks()));
    }
    String header =
        String.format(
            Locale.ROOT,
            "compare: old %s (%s, %s) against new %s (%s, %s)",
            old.runId(),
            old.suite(),
            old.startedAt(),
            now.runId(),
            now.suite(),
            now.startedAt());
    String note =
        String.format(
            Locale.ROOT,
            "%s; interval at %.0f%% confidence, never narrower than the clock's step allows; δ ="
                + " %s",
            NOTE,
            100
                * (comparisons.isEmpty()
                    ? 1 - Defaults.ALPHA
                    : comparisons.get(0).confidenceLevel()),
            comparisons.isEmpty() ? "–" : Numbers.percent(comparisons.get(0).threshold(), 1));
    return markdown
        ? "# " + header + "\n\n" + table.markdown() + "\n" + note + "\n"
        : header + "\n" + table.text("  ") + "  " + note + "\n";
  }
}
