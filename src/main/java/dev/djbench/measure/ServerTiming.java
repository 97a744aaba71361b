package dev.djbench.measure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One parsed {@code Server-Timing} response header.
 *
 * <p>The reference app sends {@code total;dur=12.345, db;dur=3.210;count=101,
 * cache;dur=0.120;hit=3;miss=1, template;dur=5.000}: {@code dur} is in milliseconds with three
 * decimals (microsecond resolution), as the W3C Server-Timing specification wants milliseconds;
 * other parameters are integers. This class keeps every metric it finds, whatever its name, so that
 * a user's own app can report phases of its own.
 *
 * @param metrics metric name to its parameters, in header order
 */
public record ServerTiming(Map<String, Metric> metrics) {

  /** The empty value, for a response without the header. */
  public static final ServerTiming NONE = new ServerTiming(Map.of());

  /**
   * One metric of the header.
   *
   * @param name the metric name ({@code total}, {@code db}, …)
   * @param durationMicros the {@code dur} parameter converted to microseconds, or -1 when absent
   * @param params the other parameters, raw
   */
  public record Metric(String name, long durationMicros, Map<String, String> params) {
    public Metric {
      params = Map.copyOf(params);
    }

    /** An integer parameter such as {@code count}, or -1 when absent or not a whole number. */
    public long longParam(String key) {
      String value = params.get(key);
      if (value == null) {
        return -1;
      }
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        return -1;
      }
    }
  }

  public ServerTiming {
    metrics = Map.copyOf(metrics);
  }

  /** The named metric, if the header had it. */
  public Optional<Metric> metric(String name) {
    return Optional.ofNullable(metrics.get(name));
  }

  /**
   * Parses a header value. Malformed entries (no name, a {@code dur} that is not a number) are
   * skipped rather than failing the request: a broken header must not turn a successful response
   * into an error, and the missing metric shows up as a gap in the report.
   *
   * @param header the header value, or {@code null} when the response had none
   */
  public static ServerTiming parse(String header) {
    if (header == null || header.isBlank()) {
      return NONE;
    }
    Map<String, Metric> metrics = new LinkedHashMap<>();
    for (String entry : splitOutsideQuotes(header, ',')) {
      Metric metric = parseMetric(entry);
      if (metric != null) {
        metrics.putIfAbsent(metric.name(), metric);
      }
    }
    return new ServerTiming(metrics);
  }

  private static Metric parseMetric(String entry) {
    var parts = splitOutsideQuotes(entry, ';');
    if (parts.isEmpty()) {
      return null;
    }
    String name = parts.get(0).trim();
    if (name.isEmpty()) {
      return null;
    }
    long durationMicros = -1;
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 1; i < parts.size(); i++) {
      String part = parts.get(i).trim();
      int eq = part.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = part.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT);
      String value = unquote(part.substring(eq + 1).trim());
      if (key.equals("dur")) {
        try {
          durationMicros = Math.round(Double.parseDouble(value) * 1000.0);
        } catch (NumberFormatException e) {
          return null;
        }
      } else {
        params.put(key, value);
      }
    }
    return new Metric(name, durationMicros, params);
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      return value.substring(1, value.length() - 1).replace("\\\"", "\"");
    }
    return value;
  }

  private static java.util.List<String> splitOutsideQuotes(String text, char separator) {
    var out = new java.util.ArrayList<String>();
    var current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
        quoted = !quoted;
      }
      if (c == separator && !quoted) {
        out.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    if (current.length() > 0) {
      out.add(current.toString());
    }
    return out;
  }
}
