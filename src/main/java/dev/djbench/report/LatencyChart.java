package dev.djbench.report;

import dev.djbench.results.ExperimentResult;
import dev.djbench.results.HistogramCodec;
import dev.djbench.results.TrialResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Chart (a): client latency against percentile, one curve per variant, on HdrHistogram's usual x
 * axis ({@code x = -log10(1 - p)}, so 90%, 99%, 99.9% are evenly spaced) and a log latency axis.
 *
 * <p>Each curve adds up the requests of the variant's valid trials. That pooling is for this
 * picture only: every statistic in the report takes the trial as its unit.
 */
final class LatencyChart {

  static final String HISTOGRAM = "clientLatencyMicros";

  private static final int WIDTH_PX = 560;
  private static final int HEIGHT_PX = 300;
  private static final double LEFT_PX = 56;
  private static final double RIGHT_PX = WIDTH_PX - 26;
  private static final double TOP_PX = 14;
  private static final double BOTTOM_PX = HEIGHT_PX - 40;

  /** Percentile resolution: steps of 0.05 on the x axis. */
  private static final double STEP_X = 0.05;

  /** The x axis stops at 99.999%; past that a run has too few requests to say anything. */
  private static final double MAX_X = 5;

  private static final String[] PERCENTILE_LABELS = {
    "0%", "90%", "99%", "99.9%", "99.99%", "99.999%"
  };

  private LatencyChart() {}

  /**
   * Per variant (in variant order), the sum of its valid trials' client latency histograms;
   * variants without a valid trial holding one are left out. For display only.
   */
  static Map<String, Histogram> pooledValidTrials(ExperimentResult experiment) {
    Map<String, Histogram> pooled = new LinkedHashMap<>();
    for (ExperimentResult.VariantInfo variant : experiment.variants()) {
      Histogram sum = null;
      for (TrialResult trial : experiment.trials()) {
        String encoded = trial.histograms().get(HISTOGRAM);
        if (!trial.valid() || !trial.variant().equals(variant.name()) || encoded == null) {
          continue;
        }
        Histogram h = HistogramCodec.decode(encoded);
        if (sum == null) {
          // Auto-resizing, so trials recorded with different ranges still add up.
          sum = new Histogram(h.getNumberOfSignificantValueDigits());
        }
        sum.add(h);
      }
      if (sum != null && sum.getTotalCount() > 0) {
        pooled.put(variant.name(), sum);
      }
    }
    return pooled;
  }

  /** The chart as inline SVG; empty when no valid trial recorded latency. */
  static String svg(ExperimentResult experiment) {
    Map<String, Histogram> pooled = pooledValidTrials(experiment);
    if (pooled.isEmpty()) {
      return "";
    }
    Map<String, List<double[]>> curves = new LinkedHashMap<>();
    double lowestMillis = Double.MAX_VALUE;
    double highestMillis = 0;
    double lastX = 0;
    for (Map.Entry<String, Histogram> entry : pooled.entrySet()) {
      List<double[]> curve = curve(entry.getValue());
      curves.put(entry.getKey(), curve);
      for (double[] point : curve) {
        if (point[1] > 0) {
          lowestMillis = Math.min(lowestMillis, point[1]);
        }
        highestMillis = Math.max(highestMillis, point[1]);
      }
      lastX = Math.max(lastX, curve.get(curve.size() - 1)[0]);
    }
    if (highestMillis <= 0) {
      return "";
    }
    lowestMillis = Math.min(lowestMillis, highestMillis);
    double yMin = Axis.niceFloor(lowestMillis);
    double yMax = Axis.niceCeil(highestMillis);
    Axis y = new Axis(yMin, yMax > yMin ? yMax : yMin * 2, BOTTOM_PX, TOP_PX, true);
    Axis x = new Axis(0, Math.max(1, Math.ceil(lastX - 1e-9)), LEFT_PX, RIGHT_PX, false);

    Svg svg = new Svg(WIDTH_PX, HEIGHT_PX, "client latency by percentile, per variant");
    svg.yTicks(y, LEFT_PX, RIGHT_PX, "");
    for (int i = 0; i <= (int) x.max(); i++) {
      svg.line(x.px(i), TOP_PX, x.px(i), BOTTOM_PX, "grid")
          .text(x.px(i), BOTTOM_PX + 16, "middle", "tick", PERCENTILE_LABELS[i]);
    }
    double median = Math.log10(2);
    svg.line(x.px(median), TOP_PX, x.px(median), BOTTOM_PX, "grid")
        .text(x.px(median), BOTTOM_PX + 16, "middle", "tick", "50%")
        .text((LEFT_PX + RIGHT_PX) / 2, HEIGHT_PX - 4, "middle", "axis", "percentile")
        .verticalText(14, (TOP_PX + BOTTOM_PX) / 2, "axis", "latency ms (log)");
    int index = 0;
    for (ExperimentResult.VariantInfo variant : experiment.variants()) {
      List<double[]> curve = curves.get(variant.name());
      String colour = Svg.variantColour(index++);
      if (curve == null) {
        continue;
      }
      List<double[]> pixels =
          curve.stream().map(p -> new double[] {x.px(p[0]), y.px(p[1])}).toList();
      svg.polyline(pixels, "curve", colour);
    }
    svg.frame(LEFT_PX, TOP_PX, RIGHT_PX, BOTTOM_PX);
    legend(svg, experiment, pooled);
    return svg.end();
  }

  /**
   * The curve of one histogram as (x, latency ms) points from 0% to the highest percentile its
   * request count supports, then its maximum. Points inside a flat run are dropped: with 1 ms
   * resolution most are.
   */
  static List<double[]> curve(Histogram histogram) {
    double lastX = Math.min(MAX_X, Math.log10(histogram.getTotalCount()));
    List<double[]> all = new ArrayList<>();
    for (double px = 0; px == 0 || px < lastX; px += STEP_X) {
      double percentile = 100 * (1 - Math.pow(10, -px));
      all.add(new double[] {px, histogram.getValueAtPercentile(percentile) / 1000.0});
    }
    all.add(new double[] {Math.max(lastX, STEP_X), histogram.getMaxValue() / 1000.0});
    List<double[]> kept = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      boolean flatBefore = i > 0 && all.get(i - 1)[1] == all.get(i)[1];
      boolean flatAfter = i + 1 < all.size() && all.get(i + 1)[1] == all.get(i)[1];
      if (!(flatBefore && flatAfter)) {
        kept.add(all.get(i));
      }
    }
    return kept;
  }

  private static void legend(Svg svg, ExperimentResult experiment, Map<String, Histogram> pooled) {
    double rowY = TOP_PX + 14;
    int index = 0;
    for (ExperimentResult.VariantInfo variant : experiment.variants()) {
      String colour = Svg.variantColour(index++);
      Histogram h = pooled.get(variant.name());
      if (h == null) {
        continue;
      }
      svg.rect(LEFT_PX + 10, rowY - 8, 14, 4, "", colour, "")
          .text(
              LEFT_PX + 30,
              rowY - 2,
              "start",
              "legend",
              variant.name() + " (" + h.getTotalCount() + " requests)");
      rowY += 15;
    }
  }
}
