package dev.djbench.doctor;

import java.util.List;

/**
 * What was measured of one page on one seed size, before any rule is applied.
 *
 * @param status the status of its last answer
 * @param traces its traced requests
 * @param serverMicros the {@code total} server time of each untraced request sent one at a time
 * @param dbMicros the {@code db} time of each of them
 * @param templateMicros the {@code template} time of each of them
 * @param problem what went wrong measuring it; empty when nothing did
 */
public record PageEvidence(
    int status,
    List<RequestTrace> traces,
    double[] serverMicros,
    double[] dbMicros,
    double[] templateMicros,
    String problem) {

  public PageEvidence {
    traces = List.copyOf(traces);
    serverMicros = serverMicros.clone();
    dbMicros = dbMicros.clone();
    templateMicros = templateMicros.clone();
  }

  /** A page that could not be measured at all. */
  public static PageEvidence failed(int status, String problem) {
    return new PageEvidence(
        status, List.of(), new double[0], new double[0], new double[0], problem);
  }

  /**
   * The traced request with the median number of queries: the one the findings are read from, so
   * that a first request's one-off queries (a cold cache, a session) do not decide them.
   */
  public RequestTrace representative() {
    if (traces.isEmpty()) {
      return null;
    }
    List<RequestTrace> sorted =
        traces.stream().sorted(java.util.Comparator.comparingInt(t -> t.queries().size())).toList();
    return sorted.get((sorted.size() - 1) / 2);
  }

  /** Rows read per request, the median over the traced requests; NaN without traces. */
  public double rowsPerRequest() {
    return Rules.median(traces.stream().mapToDouble(RequestTrace::rows).toArray());
  }

  /** Queries per request, the median over the traced requests; NaN without traces. */
  public double queriesPerRequest() {
    return Rules.median(traces.stream().mapToDouble(t -> t.queries().size()).toArray());
  }
}
