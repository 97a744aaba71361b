package dev.djbench.report;

import dev.djbench.results.Comparison;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.TrialResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Chart (b): for one candidate, the ratio candidate/baseline of client p50 in each block (dots),
 * their geometric mean as reported (line), its confidence interval (band), the no-change zone
 * {@code [1/(1+δ), 1+δ]} (shaded) and 1.0. It shows what the verdict was made from: a wide spread
 * of dots is why an interval is wide.
 */
final class BlockRatioChart {

  static final String METRIC = "clientLatencyMicros.p50";

  private static final int WIDTH_PX = 440;
  private static final int HEIGHT_PX = 300;
  private static final double LEFT_PX = 52;
  private static final double RIGHT_PX = WIDTH_PX - 12;
  private static final double TOP_PX = 44;
  private static final double BOTTOM_PX = HEIGHT_PX - 40;

  private BlockRatioChart() {}

  /**
   * Client p50 of {@code candidate} over {@code baseline} per block, from each block's valid
   * trials, for blocks where both have one with a p50 above zero. Where a block holds more than one
   * valid trial of a variant, the last counts, as in the comparisons.
   */
  static SortedMap<Integer, Double> blockRatios(
      ExperimentResult experiment, String baseline, String candidate) {
    Map<Integer, Double> base = validP50ByBlock(experiment.trials(), baseline);
    Map<Integer, Double> cand = validP50ByBlock(experiment.trials(), candidate);
    SortedMap<Integer, Double> ratios = new TreeMap<>();
    base.forEach(
        (block, b) -> {
          Double c = cand.get(block);
          if (c != null && b > 0 && c > 0) {
            ratios.put(block, c / b);
          }
        });
    return ratios;
  }

  /** The chart for {@code candidate} as inline SVG; empty when no block has both variants. */
  static String svg(ExperimentResult experiment, String candidate) {
    String baseline = experiment.variants().get(0).name();
    SortedMap<Integer, Double> ratios = blockRatios(experiment, baseline, candidate);
    Optional<Comparison> comparison =
        experiment.comparisons().stream()
            .filter(c -> c.candidate().equals(candidate) && c.metric().equals(METRIC))
            .findFirst();
    if (ratios.isEmpty()) {
      return "";
    }
    double delta = comparison.map(Comparison::threshold).orElse(Double.NaN);
    List<Double> shown = new ArrayList<>(ratios.values());
    shown.add(1.0);
    comparison.ifPresent(c -> List.of(c.ratio(), c.lower(), c.upper()).forEach(shown::add));
    if (delta > 0) {
      shown.add(1 + delta);
      shown.add(1 / (1 + delta));
    }
    double low =
        shown.stream().filter(v -> v > 0 && Double.isFinite(v)).mapToDouble(v -> v).min().orElse(1);
    double high =
        shown.stream().filter(v -> v > 0 && Double.isFinite(v)).mapToDouble(v -> v).max().orElse(1);
    // A little room beyond the extreme values so dots on them are not cut by the frame.
    Axis y = new Axis(low / 1.15, high * 1.15, BOTTOM_PX, TOP_PX, true);
    int firstBlock = ratios.firstKey();
    int lastBlock = ratios.lastKey();
    Axis x = new Axis(firstBlock - 0.5, lastBlock + 0.5, LEFT_PX, RIGHT_PX, false);

    Svg svg =
        new Svg(WIDTH_PX, HEIGHT_PX, candidate + " / " + baseline + ": client p50 ratio per block");
    if (delta > 0) {
      svg.rect(
          LEFT_PX,
          y.px(1 + delta),
          RIGHT_PX - LEFT_PX,
          y.px(1 / (1 + delta)) - y.px(1 + delta),
          "zone",
          "",
          "no-change zone ±" + Numbers.percent(delta, 1));
    }
    comparison
        .filter(c -> !Double.isNaN(c.lower()) && !Double.isNaN(c.upper()))
        .ifPresent(
            c ->
                svg.rect(
                    LEFT_PX,
                    y.px(c.upper()),
                    RIGHT_PX - LEFT_PX,
                    y.px(c.lower()) - y.px(c.upper()),
                    "band",
                    "",
                    Numbers.percent(c.confidenceLevel(), 1)
                        + " interval "
                        + Numbers.interval(c.lower(), c.upper())));
    svg.yTicks(y, LEFT_PX, RIGHT_PX, "");
    svg.line(LEFT_PX, y.px(1), RIGHT_PX, y.px(1), "one")
        .text(RIGHT_PX - 2, y.px(1) - 3, "end", "tick", "1.0 (same)");
    comparison
        .filter(c -> Double.isFinite(c.ratio()))
        .ifPresent(c -> svg.line(LEFT_PX, y.px(c.ratio()), RIGHT_PX, y.px(c.ratio()), "mean"));
    String colour = Svg.variantColour(variantIndex(experiment, candidate));
    ratios.forEach(
        (block, ratio) ->
            svg.circle(
                x.px(block),
                y.px(ratio),
                4,
                "dot",
                colour,
                "block " + block + ": " + Numbers.factor(ratio)));
    int labelEvery = Math.max(1, (lastBlock - firstBlock + 1) / 12);
    for (int block = firstBlock; block <= lastBlock; block += labelEvery) {
      svg.text(x.px(block), BOTTOM_PX + 16, "middle", "tick", Integer.toString(block));
    }
    svg.text((LEFT_PX + RIGHT_PX) / 2, HEIGHT_PX - 4, "middle", "axis", "block")
        .verticalText(14, (TOP_PX + BOTTOM_PX) / 2, "axis", "ratio (log)");
    svg.frame(LEFT_PX, TOP_PX, RIGHT_PX, BOTTOM_PX);
    legend(svg, colour, comparison, delta);
    return svg.end();
  }

  private static void legend(
      Svg svg, String colour, Optional<Comparison> comparison, double delta) {
    double rowY = 14;
    svg.circle(LEFT_PX + 4, rowY - 4, 4, "dot", colour, "block ratio")
        .text(LEFT_PX + 12, rowY, "start", "legend", "block ratio");
    comparison
        .filter(c -> Double.isFinite(c.ratio()))
        .ifPresent(
            c -> {
              svg.line(LEFT_PX + 100, rowY - 4, LEFT_PX + 116, rowY - 4, "mean")
                  .text(
                      LEFT_PX + 120,
                      rowY,
                      "start",
                      "legend",
                      "geometric mean " + Numbers.factor(c.ratio()));
              if (!Double.isNaN(c.lower())) {
                svg.rect(LEFT_PX, rowY + 8, 16, 8, "band", "", "")
                    .text(
                        LEFT_PX + 20,
                        rowY + 16,
                        "start",
                        "legend",
                        Numbers.percent(c.confidenceLevel(), 1) + " interval");
              }
            });
    if (delta > 0) {
      svg.rect(LEFT_PX + 140, rowY + 8, 16, 8, "zone", "", "")
          .text(
              LEFT_PX + 160,
              rowY + 16,
              "start",
              "legend",
              "no change (±" + Numbers.percent(delta, 1) + ")");
    }
  }

  private static int variantIndex(ExperimentResult experiment, String variant) {
    for (int i = 0; i < experiment.variants().size(); i++) {
      if (experiment.variants().get(i).name().equals(variant)) {
        return i;
      }
    }
    return 0;
  }

  private static Map<Integer, Double> validP50ByBlock(List<TrialResult> trials, String variant) {
    Map<Integer, Double> out = new TreeMap<>();
    for (TrialResult t : trials) {
      if (t.valid() && t.variant().equals(variant)) {
        out.put(t.block(), (double) t.distribution(LatencyChart.HISTOGRAM).p50());
      }
    }
    return out;
  }
}
