package dev.djbench.doctor;

import java.util.List;

/**
 * Everything the doctor says of one page.
 *
 * @param experiment the scenario's experiment
 * @param page the page's name in it (its variant)
 * @param request {@code GET /books/}
 * @param status the status its traced requests answered with
 * @param queriesPerRequest the median queries per request (traced requests); null when not measured
 * @param serverMicros the median server time of untraced requests sent one at a time; null when not
 *     reported
 * @param dbShare the share of server time spent in queries (untraced requests); null when not
 *     reported
 * @param templateShare the share of server time spent rendering templates; null when not reported
 * @param findings repeated groups and duplicates, N+1 first
 * @param growth how queries and server time change with the rows
 * @param load what the repeated groups cost under load; null when the page has no N+1 or when load
 *     was not measured
 * @param problem why the page could not be diagnosed (it answered 500, the probe sent no trace…);
 *     empty when it was
 */
public record PageDiagnosis(
    String experiment,
    String page,
    String request,
    int status,
    Double queriesPerRequest,
    Double serverMicros,
    Double dbShare,
    Double templateShare,
    List<Finding> findings,
    Growth growth,
    LoadCost load,
    String problem) {

  public PageDiagnosis {
    findings = List.copyOf(findings);
  }

  /** Whether the doctor found an N+1 on the page. */
  public boolean hasNPlusOne() {
    return findings.stream().anyMatch(f -> f.kind() == Finding.Kind.N_PLUS_ONE);
  }

  /** Whether the page has exact duplicate queries. */
  public boolean hasDuplicates() {
    return findings.stream().anyMatch(f -> f.kind() == Finding.Kind.DUPLICATE);
  }

  /** Whether the page's queries, rows or time grow with the data. */
  public boolean grows() {
    return growth.verdict() == Growth.Verdict.GROWS || growth.verdict() == Growth.Verdict.SLOWER;
  }

  /** {@code select-related/naive}, or the page's name alone when it is the experiment's. */
  public String label() {
    return experiment.equals(page) ? page : experiment + "/" + page;
  }
}
