package dev.djbench.analysis;

import dev.djbench.results.TrialResult;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A per-trial number that comparisons and gates are made on: one statistic of one histogram, or a
 * resource figure. The one list of them: the scenario's {@code gate:} keys, the names in results
 * files, the labels of reports and the clock each is read on all come from here. Declaration order
 * is report order; client latency first, since it is what users feel.
 */
public enum Metric {
  CLIENT_P50(
      "p50", "clientLatencyMicros", "p50", Clock.CLIENT, "client p50 ms", "p50 client latency"),
  CLIENT_P90(
      "p90", "clientLatencyMicros", "p90", Clock.CLIENT, "client p90 ms", "p90 client latency"),
  CLIENT_P95(
      "p95", "clientLatencyMicros", "p95", Clock.CLIENT, "client p95 ms", "p95 client latency"),
  CLIENT_P99(
      "p99", "clientLatencyMicros", "p99", Clock.CLIENT, "client p99 ms", "p99 client latency"),
  SERVER_P50(
      "server_p50", "serverTotalMicros", "p50", Clock.SERVER, "server p50 ms", "p50 server time"),
  SERVER_MEAN(
      "server_mean",
      "serverTotalMicros",
      "mean",
      Clock.SERVER,
      "server mean µs",
      "mean server time"),
  QUERIES("queries", "dbQueries", "mean", Clock.EXACT, "queries/req", "queries per request"),
  CPU("cpu", "server", "cpuMillisPerRequest", Clock.EXACT, "CPU ms/req", "server CPU per request");

  /** The metrics that decide, in a plain run, when an experiment has seen enough blocks. */
  public static final List<Metric> RUN_GATING = List.of(CLIENT_P50, SERVER_P50);

  /**
   * The clock a metric is read on. Its tolerance is half the clock's step, in the metric's unit: a
   * trial's value is known to within plus or minus that much, and no interval of a ratio of it may
   * be narrower than that allows ({@link dev.djbench.stats.ResolutionBound}). Client latency comes
   * on the injector's monotonic clock to the microsecond (0.5 µs; results of schema 4 and before
   * took Gatling's whole milliseconds: 500 µs, see {@link #tolerance(int)}); server times from
   * {@code Server-Timing} in microseconds (0.5 µs). Query counts are exact; CPU per request is left
   * at 0 (its clock ticks are summed over many requests).
   */
  enum Clock {
    CLIENT(0.5),
    SERVER(0.5),
    EXACT(0);

    private final double tolerance;

    Clock(double tolerance) {
      this.tolerance = tolerance;
    }
  }

  private final String yamlKey;
  private final String histogram;
  private final String statistic;
  private final Clock clock;
  private final String columnLabel;
  private final String description;

  Metric(
      String yamlKey,
      String histogram,
      String statistic,
      Clock clock,
      String columnLabel,
      String description) {
    this.yamlKey = yamlKey;
    this.histogram = histogram;
    this.statistic = statistic;
    this.clock = clock;
    this.columnLabel = columnLabel;
    this.description = description;
  }

  /** Its key under a scenario's {@code gate:}, e.g. {@code server_p50}. */
  public String yamlKey() {
    return yamlKey;
  }

  /**
   * The histogram's name in {@link TrialResult#distributions()}, or {@code server} for resources.
   */
  public String histogram() {
    return histogram;
  }

  /**
   * {@code p50}, {@code p90}, {@code p95}, {@code p99}, {@code mean}, or for {@code server}: {@code
   * cpuMillisPerRequest}.
   */
  public String statistic() {
    return statistic;
  }

  /** {@code clientLatencyMicros.p50} and the like: its name in results files and JUnit. */
  public String key() {
    return histogram + "." + statistic;
  }

  /** Its column label in tables, with the unit shown: {@code server p50 ms}. */
  public String columnLabel() {
    return columnLabel;
  }

  /** Its name in sentences: {@code p50 server time}. */
  public String description() {
    return description;
  }

  /**
   * Half the step of the clock this metric is read on, in the metric's unit (see {@link Clock}).
   */
  public double tolerance() {
    return clock.tolerance;
  }

  /** The first results schema whose client latency is timed to the microsecond. */
  public static final int FINE_CLIENT_CLOCK_SCHEMA = 5;

  /**
   * Half the clock's step for trials of a results file of {@code schemaVersion}: client latency
   * counted whole milliseconds before schema {@value #FINE_CLIENT_CLOCK_SCHEMA}.
   */
  public double tolerance(int schemaVersion) {
    return clock == Clock.CLIENT && schemaVersion < FINE_CLIENT_CLOCK_SCHEMA
        ? 500
        : clock.tolerance;
  }

  /**
   * This metric's value in one trial; NaN when the trial has none: the app reported nothing for it
   * (no {@code Server-Timing} header, an empty histogram) or the server's processes could not be
   * seen (its CPU). A value that was not measured is never 0.
   */
  public double valueOf(TrialResult trial) {
    if (histogram.equals("server")) {
      return trial.server().processes() > 0 ? trial.server().cpuMillisPerRequest() : Double.NaN;
    }
    var distribution = trial.distribution(histogram);
    return distribution.count() > 0 ? distribution.value(statistic) : Double.NaN;
  }

  /**
   * The fewest requests a trial needs for this statistic to say anything of its own: {@code 10 / (1
   * - q)} for a tail percentile {@code pq} (100 for p90, 200 for p95, 1000 for p99), so that at
   * least ten requests lie beyond it. Below that a trial's "p99" is its maximum or near it, and
   * comparing it as a p99 would be dishonest. The median and the means need no more than the trial
   * has: 0.
   */
  public long requestsNeeded() {
    if (!statistic.startsWith("p") || histogram.equals("server")) {
      return 0;
    }
    double q = Integer.parseInt(statistic.substring(1)) / 100.0;
    return q > 0.5 ? (long) Math.ceil(10 / (1 - q) - 1e-9) : 0;
  }

  /**
   * Why this metric cannot be estimated from {@code trials}: the fewest requests one of them
   * recorded, against {@link #requestsNeeded()}, as {@code not estimable (n = 50 < 1000)}; empty
   * when it can.
   */
  public Optional<String> notEstimable(java.util.Collection<TrialResult> trials) {
    long needed = requestsNeeded();
    if (needed == 0 || trials.isEmpty()) {
      return Optional.empty();
    }
    long fewest = trials.stream().mapToLong(t -> t.distribution(histogram).count()).min().orElse(0);
    return fewest < needed
        ? Optional.of(NOT_ESTIMABLE + " (n = " + fewest + " < " + needed + ")")
        : Optional.empty();
  }

  /** The start of the verdict of a tail percentile that a trial has too few requests for. */
  public static final String NOT_ESTIMABLE = "not estimable";

  /**
   * Why this metric of trials of two results schemas cannot be compared: client latency read on
   * Gatling's milliseconds (before schema {@value #FINE_CLIENT_CLOCK_SCHEMA}) against the
   * microsecond clock differs by the clocks as well as by the app. Empty when it can.
   */
  public Optional<String> clocksDiffer(int oneSchema, int otherSchema) {
    boolean oneFine = oneSchema >= FINE_CLIENT_CLOCK_SCHEMA;
    boolean otherFine = otherSchema >= FINE_CLIENT_CLOCK_SCHEMA;
    return clock == Clock.CLIENT && oneFine != otherFine
        ? Optional.of(CLOCKS_DIFFER)
        : Optional.empty();
  }

  /** The verdict of a client metric of two results files timed on different clocks. */
  public static final String CLOCKS_DIFFER = "not comparable (client clocks differ)";

  /** Whether this metric comes from the app's {@code Server-Timing} header. */
  public boolean fromServerTiming() {
    return clock == Clock.SERVER || this == QUERIES;
  }

  /** The metric whose {@link #key()} is {@code key}. */
  public static Optional<Metric> byKey(String key) {
    return Arrays.stream(values()).filter(m -> m.key().equals(key)).findFirst();
  }

  /** The metric whose {@link #yamlKey()} is {@code yamlKey}. */
  public static Optional<Metric> byYamlKey(String yamlKey) {
    return Arrays.stream(values()).filter(m -> m.yamlKey.equals(yamlKey)).findFirst();
  }

  /** Every {@code gate:} key, in report order. */
  public static List<String> yamlKeys() {
    return Arrays.stream(values()).map(Metric::yamlKey).toList();
  }

  /**
   * The column label of the metric named {@code key}, or the key itself for one it does not know.
   */
  public static String columnLabelOf(String key) {
    return byKey(key).map(Metric::columnLabel).orElse(key);
  }

  /**
   * The description of the metric named {@code key}, or the key itself for one it does not know.
   */
  public static String describe(String key) {
    return byKey(key).map(Metric::description).orElse(key);
  }
}
