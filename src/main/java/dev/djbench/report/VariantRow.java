package dev.djbench.report;

import dev.djbench.analysis.Metric;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.TrialResult;
import dev.djbench.stats.Median;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One variant's line in a report: each figure is the median, over the variant's valid trials, of
 * that trial's own value — the trial is the unit, so requests are never pooled across trials.
 *
 * @param variant the variant's name
 * @param deployment its deployment label
 * @param validTrials trials that count
 * @param trials trials run, valid or not
 * @param p50Millis client latency p50
 * @param p90Millis client latency p90
 * @param p99Millis client latency p99
 * @param serverP50Millis the app's own total time, p50
 * @param queriesPerRequest mean database queries per request
 * @param cpuMillisPerRequest server CPU per request
 * @param peakRssMegabytes largest resident memory of the server's processes
 * @param achievedRate requests per second achieved
 * @param errors error responses and failures, summed over valid trials
 * @param requests requests in the measured windows of valid trials
 */
public record VariantRow(
    String variant,
    String deployment,
    int validTrials,
    int trials,
    double p50Millis,
    double p90Millis,
    double p99Millis,
    double serverP50Millis,
    double queriesPerRequest,
    double cpuMillisPerRequest,
    double peakRssMegabytes,
    double achievedRate,
    long errors,
    long requests) {

  /** The rows of an experiment, in variant order. */
  public static List<VariantRow> of(ExperimentResult experiment) {
    return experiment.variants().stream().map(v -> of(v, experiment.trials())).toList();
  }

  static VariantRow of(ExperimentResult.VariantInfo variant, List<TrialResult> all) {
    List<TrialResult> mine = all.stream().filter(t -> t.variant().equals(variant.name())).toList();
    List<TrialResult> valid = mine.stream().filter(TrialResult::valid).toList();
    return new VariantRow(
        variant.name(),
        variant.describe()
            + databaseNote(variant.deployment(), valid)
            + (variant.request().startsWith("GET ") ? statusNote(valid) : ""),
        valid.size(),
        mine.size(),
        median(valid, t -> Metric.CLIENT_P50.valueOf(t) / 1000.0),
        median(valid, t -> Metric.CLIENT_P90.valueOf(t) / 1000.0),
        median(valid, t -> Metric.CLIENT_P99.valueOf(t) / 1000.0),
        median(valid, t -> Metric.SERVER_P50.valueOf(t) / 1000.0),
        median(valid, Metric.QUERIES::valueOf),
        median(valid, Metric.CPU::valueOf),
        median(valid, t -> t.server().peakRssBytes() / 1048576.0),
        median(valid, t -> t.window().achievedRatePerSecond()),
        valid.stream().mapToLong(t -> t.counts().errors()).sum(),
        valid.stream().mapToLong(t -> t.counts().requests()).sum());
  }

  /**
   * What the probe says really ran, where it is not the database the deployment's label names: a
   * mislabelled comparison must not pass unseen. Empty when they agree or nothing was reported.
   */
  static String databaseNote(String deployment, List<TrialResult> trials) {
    java.util.Set<String> vendors = new java.util.TreeSet<>();
    trials.forEach(t -> vendors.addAll(t.databaseVendors().keySet()));
    if (vendors.isEmpty()) {
      return "";
    }
    boolean agrees =
        vendors.stream()
            .allMatch(
                v ->
                    (v.equals("sqlite") && deployment.contains("sqlite"))
                        || (v.equals("postgresql") && deployment.contains("postgres")));
    return agrees ? "" : " · DATABASE THAT RAN: " + String.join(", ", vendors);
  }

  /**
   * The statuses other than 2xx that most of the answers had: a page measured as a redirect (to a
   * login page, to HTTPS) is not the page. Empty when most answers were 2xx; asked of GET requests
   * only, since a form's POST answers with a redirect by design.
   */
  static String statusNote(List<TrialResult> trials) {
    java.util.Map<String, Long> statuses = new java.util.TreeMap<>();
    trials.forEach(t -> t.statusCounts().forEach((k, v) -> statuses.merge(k, v, Long::sum)));
    long all = statuses.values().stream().mapToLong(Long::longValue).sum();
    long ok =
        statuses.entrySet().stream()
            .filter(e -> e.getKey().startsWith("2"))
            .mapToLong(e -> e.getValue())
            .sum();
    if (all == 0 || 2 * ok > all) {
      return "";
    }
    return " · ANSWERED "
        + String.join(", ", statuses.keySet().stream().filter(k -> !k.startsWith("2")).toList())
        + " (not the page itself)";
  }

  /** The median over {@code trials} of each trial's own value. */
  static double median(List<TrialResult> trials, ToDoubleFunction<TrialResult> value) {
    return Median.of(trials.stream().mapToDouble(value).toArray());
  }

  static double[] values(List<VariantRow> rows, ToDoubleFunction<VariantRow> f) {
    return rows.stream().mapToDouble(f).toArray();
  }

  @Override
  public String toString() {
    return variant + Arrays.toString(new double[] {p50Millis, serverP50Millis, queriesPerRequest});
  }
}
