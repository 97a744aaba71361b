package dev.djbench.doctor;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One traced request as the probe wrote it ({@code probe/djbench_probe/trace.py}): every query it
 * ran, in order, with where each came from.
 *
 * @param id the trace id the request carried
 * @param method the request's method
 * @param path path and query
 * @param status the response's status
 * @param totalMicros the request's time inside Django (slowed by the tracing itself: never compared
 *     with untraced figures)
 * @param dbMicros time in its queries
 * @param templateMicros time rendering its outermost template
 * @param vendors the database vendors it used
 * @param dropped queries past the probe's limit per trace, not listed
 * @param rows the rows its QuerySet evaluations turned into objects or values ({@code iterator()}
 *     and raw cursors are not counted)
 * @param queries the queries, in the order they ran
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RequestTrace(
    String id,
    String method,
    String path,
    int status,
    double totalMicros,
    double dbMicros,
    double templateMicros,
    List<String> vendors,
    int dropped,
    int rows,
    List<Query> queries) {

  public RequestTrace {
    vendors = vendors == null ? List.of() : List.copyOf(vendors);
    queries = queries == null ? List.of() : List.copyOf(queries);
  }

  /**
   * One query.
   *
   * @param shape the statement with its values replaced: queries that differ only in their values
   *     share it
   * @param sql the statement as sent, cut at 600 characters
   * @param params a digest of its parameters: two queries with one shape and one digest are exact
   *     duplicates
   * @param micros its time in the database
   * @param ormMicros the time of the ORM call that ran it (compiling, the database, rows to
   *     objects; tracing excluded); for the second and later queries of one call, their own
   *     database time
   * @param frame the innermost stack frame in the project's own code; null when there is none
   * @param template the template node it ran under; null when no template caused it
   * @param relation the relation that loaded it lazily; null when none did
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Query(
      String shape,
      String sql,
      String params,
      double micros,
      double ormMicros,
      Frame frame,
      TemplateLine template,
      Relation relation) {}

  /** A line of the project's Python code. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Frame(String file, int line, String function) {
    @Override
    public String toString() {
      return file + ":" + line;
    }
  }

  /**
   * A template node: the template (relative to the project where it is in it) and the line of the
   * tag or variable.
   *
   * @param outer whether the node lies outside the project's frame: the template called the
   *     project's code (a model's {@code __str__}), which ran the query
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record TemplateLine(String name, Integer line, String tag, boolean outer) {
    @Override
    public String toString() {
      return line == null ? name : name + ":" + line;
    }
  }

  /**
   * The relation a lazy load read.
   *
   * @param model the model whose instance it was read on ({@code catalog.Book})
   * @param name the attribute read ({@code author}, {@code genres}, {@code review_set})
   * @param kind {@code forward} (a foreign key or one-to-one read on the instance), {@code
   *     reverse-one} (a reverse one-to-one) or {@code many} (a related manager's queryset)
   * @param method the call that ran the query ({@code get_object}, {@code __iter__}, {@code count})
   * @param sliced whether the related queryset was sliced ({@code [:3]})
   * @param lookup the name for query lookups ({@code Count("review")}); for {@code many} only
   * @param alternatives other relations between the same two models that could have run it
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Relation(
      String model,
      String name,
      String kind,
      String method,
      boolean sliced,
      String lookup,
      List<String> alternatives) {

    public Relation {
      alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }

    /** {@code catalog.Book.author}. */
    public String path() {
      return model + "." + name;
    }
  }
}
