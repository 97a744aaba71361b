package dev.djbench.report;

import dev.djbench.results.Comparison;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.TrialResult;
import java.util.List;

/**
 * One experiment of the HTML report: what it tests, its tables, its charts and its invalid trials.
 */
final class ExperimentSection {

  private ExperimentSection() {}

  /**
   * The fragment id of experiment number {@code index}: unique even when ids differ only in
   * punctuation.
   */
  static String anchor(int index, ExperimentResult experiment) {
    return "exp-" + (index + 1) + "-" + Markup.slug(experiment.id());
  }

  static String render(int index, ExperimentResult e, int schemaVersion) {
    StringBuilder out =
        new StringBuilder("<section class=\"experiment\" id=\"")
            .append(anchor(index, e))
            .append("\">\n<h2>")
            .append(Markup.escape(e.id()))
            .append(' ')
            .append(Badge.status(e.status()))
            .append("</h2>\n<p class=\"technique\">")
            .append(Markup.escape(e.technique()))
            .append("</p>\n");
    if (!e.claim().isEmpty()) {
      out.append("<blockquote>Claim: ").append(Markup.escape(e.claim())).append("</blockquote>\n");
    }
    if (e.status() != ExperimentResult.Status.MEASURED) {
      out.append("<p class=\"callout ")
          .append(Badge.tone(e.status()))
          .append("\"><strong>")
          .append(Markup.escape(e.status().word()))
          .append(":</strong> ")
          .append(Markup.escape(e.reason()))
          .append("</p>\n");
    }
    if (!e.variants().isEmpty()) {
      out.append("<p class=\"requests\">");
      for (int i = 0; i < e.variants().size(); i++) {
        ExperimentResult.VariantInfo v = e.variants().get(i);
        out.append(i == 0 ? "" : " · ")
            .append("<span class=\"swatch\" style=\"background:")
            .append(Svg.variantColour(i))
            .append("\"></span>")
            .append(Markup.escape(v.name()))
            .append(i == 0 ? " (baseline)" : "")
            .append(": <code>")
            .append(Markup.escape(v.request()))
            .append("</code>");
      }
      out.append("</p>\n");
    }
    if (SummaryModel.capacitySearch(e)) {
      out.append("<h3>Capacity</h3>\n")
          .append(HtmlTable.render(SummaryModel.capacities(e)))
          .append("<p class=\"note\">")
          .append(Markup.escape(SummaryModel.CAPACITY_NOTE))
          .append("</p>\n");
    } else if (!e.trials().isEmpty()) {
      out.append("<h3>Variants</h3>\n")
          .append(HtmlTable.render(SummaryModel.variants(e)))
          .append(
              "<p class=\"note\">Each figure is the median over the variant's valid trials of that trial's own "
                  + "value.</p>\n");
    }
    SummaryModel.autoRateNote(e)
        .ifPresent(n -> out.append("<p class=\"note\">").append(Markup.escape(n)).append("</p>\n"));
    Table measurements = SummaryModel.measurements(e);
    if (!measurements.isEmpty()) {
      out.append("<h3>Pages</h3>\n")
          .append(HtmlTable.render(measurements))
          .append("<p class=\"note\">")
          .append(Markup.escape(SummaryModel.measurementNote(e)))
          .append("</p>\n");
    }
    Table comparisons = SummaryModel.comparisons(e);
    if (!comparisons.isEmpty()) {
      out.append("<h3>Comparisons</h3>\n")
          .append(
              HtmlTable.render(
                  comparisons,
                  (header, cell) ->
                      header.equals("verdict") ? Badge.verdict(cell) : Markup.escape(cell)))
          .append("<p class=\"note\">")
          .append(Markup.escape(SummaryModel.confidence(e, schemaVersion)))
          .append("</p>\n");
    }
    if (!SummaryModel.capacitySearch(e)) {
      out.append(charts(e, schemaVersion));
    }
    out.append(invalidTrials(e.trials()));
    return out.append("</section>\n").toString();
  }

  private static String charts(ExperimentResult e, int schemaVersion) {
    StringBuilder out = new StringBuilder();
    String latency = LatencyChart.svg(e);
    if (!latency.isEmpty()) {
      out.append(
          figure(
              latency,
              "Client latency by percentile. Each curve pools the requests of the variant's "
                  + "valid trials, for display only; the statistics above take the trial as their unit. "
                  + HtmlReport.clientClock(schemaVersion)));
    }
    for (ExperimentResult.VariantInfo candidate :
        e.variants().subList(Math.min(1, e.variants().size()), e.variants().size())) {
      String ratios = BlockRatioChart.svg(e, candidate.name());
      if (!ratios.isEmpty()) {
        out.append(
            figure(
                ratios,
                candidate.name()
                    + " ÷ "
                    + e.variants().get(0).name()
                    + ": client p50 ratio in each block (valid trials). Below 1.0 is faster. The line is the geometric "
                    + "mean the verdict uses, the band its interval; inside the shaded zone counts as no change."));
      }
    }
    String breakdown = ServerBreakdownChart.svg(e);
    if (!breakdown.isEmpty()) {
      out.append(
          figure(
              breakdown,
              "What the server's time was spent on (Server-Timing): median over valid trials "
                  + "of each trial's mean per request. \"other\" is total − db − template − cache: Python, middleware, "
                  + "serialization. Medians of parts need not add up to the median total."));
    }
    return out.isEmpty() ? "" : "<h3>Charts</h3>\n<div class=\"charts\">\n" + out + "</div>\n";
  }

  private static String figure(String svg, String caption) {
    return "<figure>\n"
        + svg
        + "\n<figcaption>"
        + Markup.escape(caption)
        + "</figcaption>\n</figure>\n";
  }

  private static String invalidTrials(List<TrialResult> trials) {
    List<TrialResult> invalid = trials.stream().filter(t -> !t.valid()).toList();
    if (invalid.isEmpty()) {
      return "";
    }
    StringBuilder out =
        new StringBuilder("<details>\n<summary>")
            .append(invalid.size())
            .append(invalid.size() == 1 ? " invalid trial" : " invalid trials")
            .append(" — kept in results.json, not used in any figure above</summary>\n<ul>\n");
    for (TrialResult t : invalid) {
      out.append("<li>")
          .append(Markup.escape(t.variant()))
          .append(", block ")
          .append(t.block())
          .append(", position ")
          .append(t.position())
          .append(": ")
          .append(Markup.escape(String.join("; ", t.invalidReasons())))
          .append("</li>\n");
    }
    return out.append("</ul>\n</details>\n").toString();
  }

  /** A one-line headline for the contents: each candidate's client p50 ratio and verdict. */
  static String headline(ExperimentResult e) {
    StringBuilder out = new StringBuilder();
    for (Comparison c : e.comparisons()) {
      if (c.metric().equals(BlockRatioChart.METRIC)) {
        out.append(' ')
            .append(Markup.escape(c.candidate()))
            .append(' ')
            .append(Numbers.factor(c.ratio()))
            .append(' ')
            .append(Badge.verdict(c.verdict()));
      }
    }
    return out.toString();
  }
}
