package dev.djbench.doctor;

import dev.djbench.stats.Defaults;
import dev.djbench.stats.Interval;
import dev.djbench.stats.UnpairedBootstrap;
import dev.djbench.stats.UnpairedDistribution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rules that turn a page's traced queries into findings, and its figures at two seed sizes into
 * a growth verdict. {@code docs/doctor.md} states them for users; this is their one implementation.
 *
 * <ol>
 *   <li>A <b>repeated query group</b> is {@value #GROUP_MIN} or more queries of one request with
 *       one SQL shape and at least two different parameter sets.
 *   <li>A repeated group is an <b>N+1</b> when its queries are lazy loads of one relation (a
 *       foreign key or one-to-one read on each instance, or a related manager's unsliced queryset
 *       read on each instance): the ORM can fetch them with the list, so the fix is named.
 *   <li>It is an N+1 too when it has more queries on the larger seed than on the scenario's: one
 *       query per row, whatever code runs it.
 *   <li>Any other repeated group is <b>repeated</b> and not flagged: queries the code needs, a
 *       bounded number per page (a fixed list of sections, a sliced top-N per item, which Django
 *       before 4.2 cannot prefetch), constant in the rows.
 *   <li>Queries with one shape and the same parameters, run twice or more outside a repeated group,
 *       are <b>duplicates</b>.
 *   <li>A page <b>grows with rows</b> when, on the larger seed, it runs more queries or reads more
 *       than {@value #GROWTH_RATIO} times the rows (objects and values its querysets return): both
 *       are counted, not timed, so the verdict does not depend on the machine's noise.
 *   <li>A page that runs as many queries and reads as many rows is <b>slower with rows</b> when the
 *       95% interval of its server-time ratio (larger/seed) lies above {@value #GROWTH_RATIO}: the
 *       database works harder for the same answer (a scan or sort without an index, a COUNT).
 *   <li>Otherwise it is <b>constant</b>.
 * </ol>
 */
public final class Rules {

  /** Queries of one shape in one request from which they are a group (as the probe's dbgroups). */
  public static final int GROUP_MIN = 3;

  /**
   * The server-time ratio, larger seed over the scenario's, from which a page grows with rows. With
   * the default scale of 4, a page whose work is proportional to its rows comes near 4; a page that
   * reads a fixed number of rows stays near 1.
   */
  public static final double GROWTH_RATIO = 1.5;

  private Rules() {}

  /**
   * The findings of one request, N+1 first, then by time.
   *
   * @param groups the request's query groups on the scenario's seed
   * @param larger the same request's groups on the larger seed; null when not measured
   * @param serverMicros the page's median server time, untraced, for each finding's share; null
   *     when not reported
   * @param scale how much larger the larger seed is
   */
  public static List<Finding> findings(
      List<QueryGroup> groups, List<QueryGroup> larger, Double serverMicros, double scale) {
    Map<String, QueryGroup> largerByShape =
        larger == null
            ? Map.of()
            : larger.stream().collect(Collectors.toMap(QueryGroup::shape, Function.identity()));
    List<Finding> out = new ArrayList<>();
    for (QueryGroup g : groups) {
      Integer atLarger =
          larger == null
              ? null
              : largerByShape.containsKey(g.shape()) ? largerByShape.get(g.shape()).queries() : 0;
      if (g.queries() >= GROUP_MIN && g.distinctParameters() >= 2) {
        out.add(repeatedGroup(g, atLarger, serverMicros, scale));
      } else if (g.largestDuplicate() >= 2) {
        out.add(
            finding(
                Finding.Kind.DUPLICATE,
                g,
                atLarger,
                serverMicros,
                "",
                "",
                g.queries()
                    + " identical queries (same statement, same parameters): the result of the"
                    + " first could be kept"));
      }
    }
    out.sort(
        Comparator.comparing(Finding::kind)
            .thenComparing(Comparator.comparingDouble(Finding::ormMicros).reversed()));
    return out;
  }

  private static Finding repeatedGroup(
      QueryGroup g, Integer atLarger, Double serverMicros, double scale) {
    RequestTrace.Relation relation = g.relation();
    String repeats =
        g.largestDuplicate() > 1
            ? " (" + g.distinctParameters() + " different parameter sets)"
            : "";
    String growth =
        atLarger == null
            ? ""
            : atLarger > g.queries()
                ? "; "
                    + g.queries()
                    + " → "
                    + atLarger
                    + " queries with ×"
                    + trim(scale)
                    + " the rows"
                : "; " + g.queries() + " queries at both seed sizes";
    if (relation != null && !relation.sliced()) {
      return finding(
          Finding.Kind.N_PLUS_ONE,
          g,
          atLarger,
          serverMicros,
          fix(relation),
          relation.model(),
          "a lazy load of "
              + relation.path()
              + " on each "
              + relation.model()
              + ", "
              + g.queries()
              + " times in one request"
              + repeats
              + growth
              + alternatives(relation));
    }
    if (atLarger != null && atLarger > g.queries()) {
      String what =
          relation != null
              ? "a sliced query of "
                  + relation.path()
                  + " per row (Prefetch() with a sliced queryset needs Django 4.2 or later)"
              : "the same statement per row";
      return finding(
          Finding.Kind.N_PLUS_ONE,
          g,
          atLarger,
          serverMicros,
          "",
          "",
          "one query per row: " + what + repeats + growth);
    }
    String what =
        relation != null
            ? "a sliced query of "
                + relation.path()
                + " per item (top-N per item), which the code needs"
            : "no lazy relation load: queries the code asks for one by one";
    return finding(
        Finding.Kind.REPEATED,
        g,
        atLarger,
        serverMicros,
        "",
        "",
        what
            + repeats
            + (atLarger == null
                ? "; growth not measured, so it is not known to be per row"
                : growth));
  }

  private static Finding finding(
      Finding.Kind kind,
      QueryGroup g,
      Integer atLarger,
      Double serverMicros,
      String fix,
      String fixOn,
      String why) {
    return new Finding(
        kind,
        g.statement(),
        g.table(),
        g.queries(),
        g.distinctParameters(),
        atLarger,
        round(g.micros()),
        round(g.ormMicros()),
        serverMicros == null || !(serverMicros > 0) ? null : round4(g.ormMicros() / serverMicros),
        g.location(),
        g.relation() == null ? "" : g.relation().path(),
        fix,
        fixOn,
        why);
  }

  /**
   * The change that fetches a lazily loaded relation with its list: {@code
   * select_related('author')} for a foreign key or one-to-one, {@code prefetch_related('genres')}
   * for a many-to-many or reverse relation, {@code annotate(Count('reviews'))} where the code only
   * counts it.
   */
  static String fix(RequestTrace.Relation relation) {
    return switch (relation.kind()) {
      case "forward", "reverse-one" -> "select_related('" + relation.name() + "')";
      default ->
          "count".equals(relation.method())
              ? "annotate(Count('"
                  + (relation.lookup() == null ? relation.name() : relation.lookup())
                  + "'))"
              : "prefetch_related('" + relation.name() + "')";
    };
  }

  private static String alternatives(RequestTrace.Relation relation) {
    return relation.alternatives().isEmpty()
        ? ""
        : "; or one of " + String.join(", ", relation.alternatives()) + " (the same two models)";
  }

  /**
   * The growth verdict of a page.
   *
   * @param queries queries per request on the scenario's seed
   * @param largerQueries the same on the larger seed
   * @param rows rows read per request on the scenario's seed
   * @param largerRows the same on the larger seed
   * @param serverMicros per-request server times on the scenario's seed, each &gt; 0; empty when
   *     not reported
   * @param largerServerMicros the same on the larger seed
   */
  public static Growth growth(
      double scale,
      String seed,
      String largerSeed,
      double queries,
      double largerQueries,
      double rows,
      double largerRows,
      double[] serverMicros,
      double[] largerServerMicros) {
    boolean moreQueries = largerQueries > queries;
    boolean moreRows = largerRows > GROWTH_RATIO * rows && largerRows - rows >= 2;
    String counted =
        trim(queries)
            + " → "
            + trim(largerQueries)
            + " queries and "
            + trim(rows)
            + " → "
            + trim(largerRows)
            + " rows with ×"
            + trim(scale)
            + " the seed";
    Double ratio = null;
    Double lower = null;
    Double upper = null;
    String timed = "; server time not reported by the app";
    if (UnpairedBootstrap.enoughTrials(serverMicros.length, largerServerMicros.length)) {
      UnpairedDistribution d =
          new UnpairedBootstrap(Defaults.RESAMPLES, 1)
              .distribution(serverMicros, largerServerMicros);
      Interval ci = d.interval(1 - Defaults.ALPHA);
      ratio = round4(d.ratio());
      lower = round4(ci.lower());
      upper = round4(ci.upper());
      timed =
          String.format(
              java.util.Locale.ROOT,
              "; server time ×%.2f [%.2f, %.2f] (growth line ×%.1f)",
              d.ratio(),
              ci.lower(),
              ci.upper(),
              GROWTH_RATIO);
    }
    Growth.Verdict verdict =
        moreQueries || moreRows
            ? Growth.Verdict.GROWS
            : lower != null && lower > GROWTH_RATIO
                ? Growth.Verdict.SLOWER
                : Growth.Verdict.CONSTANT;
    return new Growth(
        verdict,
        counted + timed,
        scale,
        seed,
        largerSeed,
        queries,
        largerQueries,
        rows,
        largerRows,
        serverMicros.length == 0 ? null : round(median(serverMicros)),
        largerServerMicros.length == 0 ? null : round(median(largerServerMicros)),
        ratio,
        lower,
        upper);
  }

  /** A figure as plain text: {@code 4}, not {@code 4.0}; {@code 2.5} as it is. */
  public static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  /** The median of the values (the mean of the middle two for an even count). */
  public static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  static double round4(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
