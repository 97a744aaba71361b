package dev.djbench.report;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Renders a {@link Table} as an HTML table, so the columns stay defined once, in {@link
 * SummaryModel}, and the HTML report can never show different columns than the text and Markdown
 * summaries.
 */
final class HtmlTable {

  private HtmlTable() {}

  /** The table with every cell escaped. */
  static String render(Table table) {
    return render(table, (header, cell) -> Markup.escape(cell));
  }

  /**
   * The table, each body cell rendered by {@code cellHtml(header, text)}, which must escape what it
   * returns; headers are escaped here.
   */
  static String render(Table table, BiFunction<String, String, String> cellHtml) {
    List<String> headers = table.headers();
    StringBuilder out = new StringBuilder("<table>\n<thead><tr>");
    for (int c = 0; c < headers.size(); c++) {
      out.append("<th")
          .append(numeric(table, c))
          .append('>')
          .append(Markup.escape(headers.get(c)))
          .append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (List<String> cells : table.rows()) {
      out.append("<tr>");
      for (int c = 0; c < cells.size(); c++) {
        out.append("<td")
            .append(numeric(table, c))
            .append('>')
            .append(cellHtml.apply(headers.get(c), cells.get(c)))
            .append("</td>");
      }
      out.append("</tr>\n");
    }
    return out.append("</tbody>\n</table>\n").toString();
  }

  private static String numeric(Table table, int column) {
    return table.isRightAligned(column) ? " class=\"num\"" : "";
  }
}
