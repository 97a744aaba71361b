package dev.djbench.report;

import java.util.List;

/**
 * A small builder of inline SVG: the few shapes the report's charts draw, with every text escaped.
 * Coordinates are written to a tenth of a pixel, finer than the eye sees, and grid lines share one
 * path, to keep the page light.
 */
final class Svg {

  /**
   * Colours of variants, baseline first; distinguishable with the common colour-vision
   * deficiencies.
   */
  private static final String[] VARIANT_COLOURS = {
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00"
  };

  private final StringBuilder out = new StringBuilder();

  /** Grid lines, gathered into one path drawn beneath everything: one element instead of dozens. */
  private final StringBuilder grid = new StringBuilder();

  /**
   * @param widthPx the drawing's width
   * @param heightPx its height
   * @param label what the chart shows, for screen readers
   */
  Svg(int widthPx, int heightPx, String label) {
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(widthPx)
        .append(' ')
        .append(heightPx)
        .append("\" width=\"")
        .append(widthPx)
        .append("\" height=\"")
        .append(heightPx)
        .append("\" role=\"img\" aria-label=\"")
        .append(Markup.escape(label))
        .append("\">\n");
  }

  /** The colour of the variant at {@code index} in its experiment, the same in every chart. */
  static String variantColour(int index) {
    return VARIANT_COLOURS[index % VARIANT_COLOURS.length];
  }

  /** A line; lines of class {@code grid} go beneath every other shape. */
  Svg line(double x1, double y1, double x2, double y2, String cssClass) {
    if (cssClass.equals("grid")) {
      grid.append('M')
          .append(n(x1))
          .append(' ')
          .append(n(y1))
          .append('L')
          .append(n(x2))
          .append(' ')
          .append(n(y2));
      return this;
    }
    out.append("<line x1=\"")
        .append(n(x1))
        .append("\" y1=\"")
        .append(n(y1))
        .append("\" x2=\"")
        .append(n(x2))
        .append("\" y2=\"")
        .append(n(y2))
        .append("\" class=\"")
        .append(cssClass)
        .append("\"/>\n");
    return this;
  }

  /** A rectangle; {@code tooltip}, when not empty, is shown on hover. */
  Svg rect(
      double x,
      double y,
      double width,
      double height,
      String cssClass,
      String fill,
      String tooltip) {
    out.append("<rect x=\"")
        .append(n(x))
        .append("\" y=\"")
        .append(n(y))
        .append("\" width=\"")
        .append(n(Math.max(0, width)))
        .append("\" height=\"")
        .append(n(Math.max(0, height)))
        .append('"');
    attributes(cssClass, fill);
    if (tooltip.isEmpty()) {
      out.append("/>\n");
    } else {
      out.append("><title>").append(Markup.escape(tooltip)).append("</title></rect>\n");
    }
    return this;
  }

  Svg circle(double x, double y, double radius, String cssClass, String fill, String tooltip) {
    out.append("<circle cx=\"")
        .append(n(x))
        .append("\" cy=\"")
        .append(n(y))
        .append("\" r=\"")
        .append(n(radius))
        .append('"');
    attributes(cssClass, fill);
    out.append("><title>").append(Markup.escape(tooltip)).append("</title></circle>\n");
    return this;
  }

  /** An open line through {@code points} given as x, y pairs. */
  Svg polyline(List<double[]> points, String cssClass, String stroke) {
    out.append("<polyline class=\"")
        .append(cssClass)
        .append("\" stroke=\"")
        .append(stroke)
        .append("\" points=\"");
    for (int i = 0; i < points.size(); i++) {
      out.append(i == 0 ? "" : " ")
          .append(n(points.get(i)[0]))
          .append(',')
          .append(n(points.get(i)[1]));
    }
    out.append("\"/>\n");
    return this;
  }

  /** Text; {@code anchor} is start, middle or end. */
  Svg text(double x, double y, String anchor, String cssClass, String text) {
    out.append("<text x=\"")
        .append(n(x))
        .append("\" y=\"")
        .append(n(y))
        .append("\" text-anchor=\"")
        .append(anchor)
        .append("\" class=\"")
        .append(cssClass)
        .append("\">")
        .append(Markup.escape(text))
        .append("</text>\n");
    return this;
  }

  /** Text turned a quarter left, centred on (x, y): a y axis title. */
  Svg verticalText(double x, double y, String cssClass, String text) {
    out.append("<text x=\"")
        .append(n(x))
        .append("\" y=\"")
        .append(n(y))
        .append("\" transform=\"rotate(-90 ")
        .append(n(x))
        .append(' ')
        .append(n(y))
        .append(")\" text-anchor=\"middle\" class=\"")
        .append(cssClass)
        .append("\">")
        .append(Markup.escape(text))
        .append("</text>\n");
    return this;
  }

  /** The outline of a plot area, so that points near its edge are seen to be inside it. */
  Svg frame(double leftPx, double topPx, double rightPx, double bottomPx) {
    return rect(leftPx, topPx, rightPx - leftPx, bottomPx - topPx, "frame", "", "");
  }

  /**
   * Horizontal grid lines and labels for each tick of a y axis, across {@code [leftPx, rightPx]}.
   */
  Svg yTicks(Axis y, double leftPx, double rightPx, String unitSuffix) {
    for (double tick : y.ticks()) {
      double py = y.px(tick);
      line(leftPx, py, rightPx, py, "grid");
      text(leftPx - 4, py + 4, "end", "tick", Axis.label(tick) + unitSuffix);
    }
    return this;
  }

  String end() {
    if (!grid.isEmpty()) {
      out.insert(out.indexOf("\n") + 1, "<path class=\"grid\" d=\"" + grid + "\"/>\n");
    }
    return out.append("</svg>").toString();
  }

  private void attributes(String cssClass, String fill) {
    if (!cssClass.isEmpty()) {
      out.append(" class=\"").append(cssClass).append('"');
    }
    if (!fill.isEmpty()) {
      out.append(" fill=\"").append(fill).append('"');
    }
  }

  /** A coordinate to a tenth of a pixel, without a trailing ".0" and never "-0". */
  private static String n(double value) {
    String text = Numbers.fixed(value, 1);
    text = text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    return text.equals("-0") ? "0" : text;
  }
}
