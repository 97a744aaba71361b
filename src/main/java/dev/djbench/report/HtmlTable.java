package dev.djbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Renders a {@link Table} as an HTML table. It reads the table back from its Markdown form — the only form
 * {@link Table} exposes besides plain text — so the columns stay defined once, in {@link SummaryModel}, and the
 * HTML report can never show different columns than the text and Markdown summaries.
 */
final class HtmlTable {

  /** A '|' not escaped by Table.markdown() separates cells. */
  private static final Pattern CELL_SEPARATOR = Pattern.compile("(?<!\\\\)\\|");

  private HtmlTable() {}

  /** The table with every cell escaped. */
  static String render(Table table) {
    return render(table, (header, cell) -> Markup.escape(cell));
  }

  /**
   * The table, each body cell rendered by {@code cellHtml(header, text)}, which must escape what it returns;
   * headers are escaped here.
   */
  static String render(Table table, BiFunction<String, String, String> cellHtml) {
    List<String> lines = table.markdown().lines().toList();
    List<String> headers = cells(lines.get(0));
    List<String> alignments = cells(lines.get(1));
    StringBuilder out = new StringBuilder("<table>\n<thead><tr>");
    for (int c = 0; c < headers.size(); c++) {
      out.append("<th").append(numeric(alignments, c)).append('>').append(Markup.escape(headers.get(c)))
          .append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (String line : lines.subList(2, lines.size())) {
      List<String> cells = cells(line);
      out.append("<tr>");
      for (int c = 0; c < cells.size(); c++) {
        out.append("<td").append(numeric(alignments, c)).append('>')
            .append(cellHtml.apply(headers.get(c), cells.get(c))).append("</td>");
      }
      out.append("</tr>\n");
    }
    return out.append("</tbody>\n</table>\n").toString();
  }

  private static String numeric(List<String> alignments, int column) {
    return alignments.get(column).endsWith(":") ? " class=\"num\"" : "";
  }

  /** The cells of one Markdown row "| a | b |", unescaped. */
  private static List<String> cells(String line) {
    String[] parts = CELL_SEPARATOR.split(line, -1);
    List<String> cells = new ArrayList<>();
    // parts[0] is the text before the leading '|', the last part the text after the trailing '|'.
    for (int i = 1; i < parts.length - 1; i++) {
      cells.add(parts[i].strip().replace("\\|", "|"));
    }
    return cells;
  }
}
