package dev.djbench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps data values onto one pixel axis of a chart, linearly or on a log10 scale, and proposes tick
 * values.
 *
 * @param min the smallest value shown (positive on a log axis)
 * @param max the largest value shown
 * @param fromPx the pixel coordinate of {@code min}
 * @param toPx the pixel coordinate of {@code max} (smaller than {@code fromPx} for a y axis, as
 *     SVG's y grows down)
 * @param log whether the scale is log10
 */
record Axis(double min, double max, double fromPx, double toPx, boolean log) {

  private static final double[] NICE_STEPS = {1, 2, 5};

  Axis {
    if (!(max > min) || (log && !(min > 0))) {
      throw new IllegalArgumentException(
          "bad axis range [" + min + ", " + max + "]" + (log ? " (log)" : ""));
    }
  }

  /**
   * The pixel coordinate of {@code value}, clamped to the axis so outliers stay on the chart's
   * edge.
   */
  double px(double value) {
    double v = Math.max(min, Math.min(max, value));
    double fraction =
        log
            ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
            : (v - min) / (max - min);
    return fromPx + fraction * (toPx - fromPx);
  }

  /**
   * Tick values inside the axis: 1-2-5 steps per decade on a log axis (fewer when it spans many),
   * else round steps.
   */
  List<Double> ticks() {
    List<Double> ticks = new ArrayList<>();
    if (log) {
      double decades = Math.log10(max / min);
      double[] multipliers =
          decades > 4 ? new double[] {1} : decades > 2 ? new double[] {1, 3} : NICE_STEPS;
      for (int exponent = (int) Math.floor(Math.log10(min));
          exponent <= (int) Math.ceil(Math.log10(max));
          exponent++) {
        for (double m : multipliers) {
          double value = m * Math.pow(10, exponent);
          if (value >= min * 0.999 && value <= max * 1.001) {
            ticks.add(value);
          }
        }
      }
    } else {
      double step = niceCeil((max - min) / 5);
      for (double value = Math.ceil(min / step) * step; value <= max * 1.000001; value += step) {
        ticks.add(value);
      }
    }
    return ticks;
  }

  /** The smallest 1, 2 or 5 times a power of ten at or above {@code value} (value > 0). */
  static double niceCeil(double value) {
    double power = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : NICE_STEPS) {
      if (step * power >= value * 0.999999) {
        return step * power;
      }
    }
    return 10 * power;
  }

  /** The largest 1, 2 or 5 times a power of ten at or below {@code value} (value > 0). */
  static double niceFloor(double value) {
    double power = Math.pow(10, Math.floor(Math.log10(value)));
    for (int i = NICE_STEPS.length - 1; i >= 0; i--) {
      if (NICE_STEPS[i] * power <= value * 1.000001) {
        return NICE_STEPS[i] * power;
      }
    }
    return power;
  }

  /** A tick label: as few decimals as the value needs (0.05, 0.5, 5, 50). */
  static String label(double value) {
    if (value >= 10 || value == Math.rint(value)) {
      return Numbers.fixed(value, 0);
    }
    int decimals = (int) Math.min(4, Math.ceil(-Math.log10(value)) + 1);
    String text = Numbers.fixed(value, decimals);
    return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
  }
}
