package dev.djbench.report;

import dev.djbench.results.ExperimentResult;
import dev.djbench.results.TrialResult;
import java.util.List;

/**
 * Chart (c): what the app's time per request was spent on, per variant — database, templates, cache
 * and the rest (Python, middleware, serialization: total − db − template − cache), from the app's
 * {@code Server-Timing}. Each part is the median over valid trials of the trial's mean, so the
 * parts need not add up to the median total.
 */
final class ServerBreakdownChart {

  /** The parts, drawn in this order. */
  enum Part {
    DB("db", "#0072b2"),
    TEMPLATE("template", "#e69f00"),
    CACHE("cache", "#009e73"),
    OTHER("other", "#999999");

    final String label;
    final String colour;

    Part(String label, String colour) {
      this.label = label;
      this.colour = colour;
    }

    /** This part's mean time per request in one trial, in ms. */
    double millisIn(TrialResult trial) {
      return switch (this) {
        case DB -> meanMillis(trial, "serverDbMicros");
        case TEMPLATE -> meanMillis(trial, "serverTemplateMicros");
        case CACHE -> meanMillis(trial, "serverCacheMicros");
          // Clamped: the parts are measured separately and may overlap, e.g. a cache backed by the
          // database.
        case OTHER ->
            Math.max(
                0,
                meanMillis(trial, "serverTotalMicros")
                    - DB.millisIn(trial)
                    - TEMPLATE.millisIn(trial)
                    - CACHE.millisIn(trial));
      };
    }
  }

  private static final int WIDTH_PX = 560;
  private static final double LEFT_PX = 130;
  private static final double RIGHT_PX = WIDTH_PX - 70;
  private static final double TOP_PX = 30;
  private static final double BAR_PX = 22;
  private static final double GAP_PX = 12;
  private static final int NAME_CHARS = 18;

  private ServerBreakdownChart() {}

  /**
   * Per part, the median over {@code variant}'s valid trials of the part's mean ms per request; NaN
   * when none.
   */
  static double[] medianMillis(ExperimentResult experiment, String variant) {
    List<TrialResult> valid =
        experiment.trials().stream().filter(t -> t.valid() && t.variant().equals(variant)).toList();
    double[] medians = new double[Part.values().length];
    for (Part part : Part.values()) {
      medians[part.ordinal()] = VariantRow.median(valid, part::millisIn);
    }
    return medians;
  }

  /** The chart as inline SVG; empty when no valid trial carried Server-Timing. */
  static String svg(ExperimentResult experiment) {
    List<ExperimentResult.VariantInfo> variants = experiment.variants();
    double[][] medians =
        variants.stream().map(v -> medianMillis(experiment, v.name())).toArray(double[][]::new);
    double longest = 0;
    for (double[] m : medians) {
      if (!Double.isNaN(sum(m))) {
        longest = Math.max(longest, sum(m));
      }
    }
    if (!(longest > 0)) {
      return "";
    }
    int heightPx = (int) (TOP_PX + variants.size() * (BAR_PX + GAP_PX) + 30);
    double axisBottom = TOP_PX + variants.size() * (BAR_PX + GAP_PX);
    Axis x = new Axis(0, Axis.niceCeil(longest), LEFT_PX, RIGHT_PX, false);
    Svg svg = new Svg(WIDTH_PX, heightPx, "server time per request by part, per variant");
    for (double tick : x.ticks()) {
      svg.line(x.px(tick), TOP_PX - 4, x.px(tick), axisBottom, "grid")
          .text(x.px(tick), axisBottom + 14, "middle", "tick", Axis.label(tick));
    }
    svg.text(
        RIGHT_PX,
        axisBottom + 28,
        "end",
        "axis",
        "ms per request (median over valid trials of trial means)");
    for (int v = 0; v < variants.size(); v++) {
      double top = TOP_PX + v * (BAR_PX + GAP_PX);
      svg.text(LEFT_PX - 6, top + BAR_PX / 2 + 4, "end", "legend", shorten(variants.get(v).name()));
      double start = 0;
      for (Part part : Part.values()) {
        double millis = medians[v][part.ordinal()];
        if (millis > 0) {
          svg.rect(
              x.px(start),
              top,
              x.px(start + millis) - x.px(start),
              BAR_PX,
              "",
              part.colour,
              variants.get(v).name() + " " + part.label + ": " + Numbers.fixed(millis, 2) + " ms");
          start += millis;
        }
      }
      svg.text(
          x.px(start) + 4,
          top + BAR_PX / 2 + 4,
          "start",
          "tick",
          Double.isNaN(sum(medians[v]))
              ? "no valid trial"
              : Numbers.fixed(sum(medians[v]), 2) + " ms");
    }
    double legendX = LEFT_PX;
    for (Part part : Part.values()) {
      svg.rect(legendX, 8, 12, 12, "", part.colour, "")
          .text(legendX + 16, 18, "start", "legend", part.label);
      legendX += 24 + 8 * part.label.length();
    }
    return svg.end();
  }

  private static double sum(double[] values) {
    double total = 0;
    for (double v : values) {
      total += v;
    }
    return total;
  }

  /**
   * Long variant names are cut so the bars keep their room; the full name is in the bars' tooltips.
   */
  private static String shorten(String name) {
    return name.length() <= NAME_CHARS ? name : name.substring(0, NAME_CHARS - 1) + "…";
  }

  private static double meanMillis(TrialResult trial, String histogram) {
    return trial.distribution(histogram).mean() / 1000.0;
  }
}
