package dev.djbench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of text cells, rendered aligned for a terminal or as Markdown. Numeric columns align
 * right.
 */
final class Table {

  private final List<String> headers;
  private final boolean[] rightAligned;
  private final List<List<String>> rows = new ArrayList<>();

  /**
   * @param headers column headers; a header starting with '>' marks a right-aligned column (the '>'
   *     is dropped)
   */
  Table(String... headers) {
    this.headers = new ArrayList<>();
    this.rightAligned = new boolean[headers.length];
    for (int i = 0; i < headers.length; i++) {
      rightAligned[i] = headers[i].startsWith(">");
      this.headers.add(rightAligned[i] ? headers[i].substring(1) : headers[i]);
    }
  }

  Table row(String... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "a row needs " + headers.size() + " cells, got " + cells.length);
    }
    rows.add(List.of(cells));
    return this;
  }

  List<String> headers() {
    return List.copyOf(headers);
  }

  List<List<String>> rows() {
    return List.copyOf(rows);
  }

  boolean isRightAligned(int column) {
    return rightAligned[column];
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  String text(String indent) {
    int[] widths = new int[headers.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = headers.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    appendLine(out, indent, headers, widths);
    for (List<String> row : rows) {
      appendLine(out, indent, row, widths);
    }
    return out.toString();
  }

  private void appendLine(StringBuilder out, String indent, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder(indent);
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      String pad = " ".repeat(widths[c] - cell.length());
      line.append(c == 0 ? "" : "  ").append(rightAligned[c] ? pad + cell : cell + pad);
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }

  String markdown() {
    StringBuilder out = new StringBuilder("|");
    headers.forEach(h -> out.append(' ').append(h).append(" |"));
    out.append("\n|");
    for (boolean right : rightAligned) {
      out.append(right ? "---:|" : "---|");
    }
    out.append('\n');
    for (List<String> row : rows) {
      out.append('|');
      row.forEach(cell -> out.append(' ').append(cell.replace("|", "\\|")).append(" |"));
      out.append('\n');
    }
    return out.toString();
  }
}
