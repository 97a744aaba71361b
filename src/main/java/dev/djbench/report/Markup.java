package dev.djbench.report;

/**
 * Escaping for HTML and XML text and attribute values. Every string that comes from a scenario or a
 * run (names, claims, reasons, messages) passes through here before it reaches a report, so a
 * scenario cannot inject markup.
 */
final class Markup {

  private Markup() {}

  /**
   * {@code text} safe inside an element or a double- or single-quoted attribute of HTML or XML 1.0.
   * Characters XML 1.0 forbids (most control characters, lone surrogates) are replaced by U+FFFD
   * rather than dropped, so a reader sees that something was there. Line breaks are kept as they
   * are.
   */
  static String escape(String text) {
    return escape(text, false);
  }

  /**
   * As {@link #escape(String)}, with line breaks and tabs as character references: an XML parser
   * turns raw ones in an attribute value into spaces, and a message's lines should survive.
   */
  static String escapeAttribute(String text) {
    return escape(text, true);
  }

  private static String escape(String text, boolean attribute) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        case '\n', '\r', '\t' -> {
          if (attribute) {
            out.append("&#").append((int) c).append(';');
          } else {
            out.append(c);
          }
        }
        default -> {
          if (Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * A fragment-identifier-safe form of {@code text} for {@code id} attributes: letters, digits, '-'
   * and '_' kept, anything else turned into '-'. Callers add a prefix that keeps ids unique.
   */
  static String slug(String text) {
    String slug = text == null ? "" : text.replaceAll("[^A-Za-z0-9_-]+", "-");
    return slug.isEmpty() ? "x" : slug;
  }
}
