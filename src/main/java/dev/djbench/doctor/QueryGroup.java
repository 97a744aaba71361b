package dev.djbench.doctor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The queries of one request that share a SQL shape.
 *
 * @param shape the shape
 * @param queries how many ran
 * @param distinctParameters how many different parameter sets they had (1: all identical)
 * @param largestDuplicate the most queries of the group with one and the same parameters
 * @param micros their database time, summed
 * @param ormMicros the time of the ORM calls that ran them, summed
 * @param location where most of them came from
 * @param relation the relation most of them loaded lazily; null when none did
 */
public record QueryGroup(
    String shape,
    int queries,
    int distinctParameters,
    int largestDuplicate,
    double micros,
    double ormMicros,
    Location location,
    RequestTrace.Relation relation) {

  private static final Pattern SELECT_LIST =
      Pattern.compile("^SELECT\\s+(?:DISTINCT\\s+)?(.+?)\\s+FROM\\s+", Pattern.CASE_INSENSITIVE);
  private static final Pattern FROM_TABLE =
      Pattern.compile("\\bFROM\\s+\"?([A-Za-z0-9_.]+)\"?", Pattern.CASE_INSENSITIVE);
  private static final Pattern VERB = Pattern.compile("^\\s*(\\w+)");
  private static final int STATEMENT_LENGTH = 160;

  /** The request's queries grouped by shape, in the order each shape first ran. */
  public static List<QueryGroup> of(RequestTrace trace) {
    Map<String, List<RequestTrace.Query>> byShape = new LinkedHashMap<>();
    for (RequestTrace.Query q : trace.queries()) {
      byShape.computeIfAbsent(q.shape(), s -> new ArrayList<>()).add(q);
    }
    List<QueryGroup> out = new ArrayList<>();
    byShape.forEach(
        (shape, queries) -> {
          Map<String, Integer> byParams = new HashMap<>();
          queries.forEach(q -> byParams.merge(String.valueOf(q.params()), 1, Integer::sum));
          out.add(
              new QueryGroup(
                  shape,
                  queries.size(),
                  byParams.size(),
                  byParams.values().stream().max(Integer::compare).orElse(0),
                  queries.stream().mapToDouble(RequestTrace.Query::micros).sum(),
                  queries.stream().mapToDouble(RequestTrace.Query::ormMicros).sum(),
                  mostCommon(queries, Location::of),
                  mostCommon(queries, RequestTrace.Query::relation)));
        });
    return out;
  }

  private static <T> T mostCommon(
      List<RequestTrace.Query> queries, Function<RequestTrace.Query, T> key) {
    Map<T, Integer> counts = new LinkedHashMap<>();
    for (RequestTrace.Query q : queries) {
      T value = key.apply(q);
      if (value != null) {
        counts.merge(value, 1, Integer::sum);
      }
    }
    return counts.entrySet().stream()
        .max(Comparator.comparingInt(Map.Entry::getValue))
        .map(Map.Entry::getKey)
        .orElse(null);
  }

  /** The table the statement reads first, unquoted; empty when it names none. */
  public String table() {
    Matcher m = FROM_TABLE.matcher(shape);
    return m.find() ? m.group(1) : "";
  }

  /**
   * The shape as a reader wants it: the column list elided, quotes and the table's own prefix
   * dropped, cut to 160 characters: {@code SELECT … FROM catalog_author WHERE id = ? LIMIT ?}.
   */
  public String statement() {
    String text = shape;
    Matcher select = SELECT_LIST.matcher(text);
    if (select.find()) {
      text = text.substring(0, select.start(1)) + "…" + text.substring(select.end(1));
    }
    String table = table();
    text = text.replace("\"", "").replace("`", "");
    if (!table.isEmpty()) {
      text = text.replace(table + ".", "");
    }
    if (text.length() > STATEMENT_LENGTH) {
      text = text.substring(0, STATEMENT_LENGTH - 1) + "…";
    }
    return text;
  }

  /** The statement's first word, upper case: {@code SELECT}, {@code UPDATE}… */
  public String verb() {
    Matcher m = VERB.matcher(shape);
    return m.find() ? m.group(1).toUpperCase(java.util.Locale.ROOT) : "";
  }
}
