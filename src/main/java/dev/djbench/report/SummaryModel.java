package dev.djbench.report;

import dev.djbench.analysis.Comparisons;
import dev.djbench.analysis.Metric;
import dev.djbench.results.Comparison;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.Measurement;
import dev.djbench.results.RunResult;
import dev.djbench.stats.Defaults;
import java.util.List;
import java.util.Set;

/**
 * The tables of a run summary, built once from saved results and rendered as text or Markdown, so
 * the two formats can never disagree.
 */
final class SummaryModel {

  /** The comparisons shown in summaries; results.json has them all. */
  static final Set<String> SHOWN_METRICS =
      Set.of(
          "clientLatencyMicros.p50",
          "clientLatencyMicros.p99",
          "serverTotalMicros.p50",
          "dbQueries.mean",
          "server.cpuMillisPerRequest");

  private SummaryModel() {}

  static Table variants(ExperimentResult e) {
    Table table =
        new Table(
            "variant",
            ">p50 ms",
            ">p90 ms",
            ">p99 ms",
            ">server p50 ms",
            ">queries/req",
            ">CPU ms/req",
            ">rate/s",
            ">errors",
            ">valid trials",
            "deployment");
    for (VariantRow r : VariantRow.of(e)) {
      table.row(
          r.variant(),
          Numbers.fixed(r.p50Millis(), 1),
          Numbers.fixed(r.p90Millis(), 1),
          Numbers.fixed(r.p99Millis(), 1),
          Numbers.fixed(r.serverP50Millis(), 2),
          Numbers.fixed(r.queriesPerRequest(), 1),
          Numbers.fixed(r.cpuMillisPerRequest(), 2),
          Numbers.fixed(r.achievedRate(), 1),
          // Summed over valid trials: with none, nothing was counted (the invalid trials' reasons
          // say what failed), and 0 would read as "no errors".
          r.validTrials() == 0 ? "–" : Long.toString(r.errors()),
          r.validTrials() + "/" + r.trials(),
          r.deployment());
    }
    return table;
  }

  /** A capacity experiment's result per variant; empty for fixed-rate experiments. */
  static Table capacities(ExperimentResult e) {
    Table table =
        new Table(
            "variant",
            ">capacity /s",
            "bracket /s",
            "outcome",
            "objective",
            "probes (rate: p99 ms, errors)");
    for (var c : e.capacities()) {
      String probes = probes(c);
      table.row(
          c.variant(),
          Numbers.fixed(c.capacityPerSecond(), 1),
          "["
              + Numbers.fixed(c.lastPassingPerSecond(), 1)
              + ", "
              + Numbers.fixed(c.firstFailingPerSecond(), 1)
              + ")",
          c.outcome(),
          "p99 ≤ "
              + Numbers.fixed(c.sloP99Micros() / 1000.0, 0)
              + " ms, errors < "
              + Numbers.percent(c.maxErrorFraction(), 1),
          probes);
    }
    return table;
  }

  /** A search's probes in order: "rate: p99 ms, errors ✓/✗; …". */
  private static String probes(dev.djbench.results.CapacityResult c) {
    StringBuilder probes = new StringBuilder();
    for (var p : c.probes()) {
      probes
          .append(probes.length() == 0 ? "" : "; ")
          .append(Numbers.fixed(p.ratePerSecond(), 1))
          .append(": ")
          .append(Numbers.fixed(p.p99Micros() / 1000.0, 1))
          .append(", ")
          .append(Numbers.percent(p.errorFraction(), 1))
          .append(p.passed() ? " ✓" : " ✗");
    }
    return probes.toString();
  }

  /** The note under a capacity table. */
  /**
   * Whether the experiment was a capacity search (its capacities are its result), as opposed to a
   * fixed-rate experiment whose rate {@code rate: auto} chose from a capacity probe of its slowest
   * variant (its one capacity only explains the rate).
   */
  static boolean capacitySearch(ExperimentResult e) {
    return !e.capacities().isEmpty() && e.comparisons().isEmpty() && e.measurements().isEmpty();
  }

  /** Whether {@code rate: auto} chose the experiment's rate; the note says from what. */
  static java.util.Optional<String> autoRateNote(ExperimentResult e) {
    if (e.capacities().isEmpty() || capacitySearch(e)) {
      return java.util.Optional.empty();
    }
    var c = e.capacities().get(0);
    double rate =
        e.trials().stream()
            .mapToDouble(t -> t.window().targetRatePerSecond())
            .max()
            .orElse(Double.NaN);
    return java.util.Optional.of(
        "rate: auto — "
            + c.variant()
            + ", the slowest variant unloaded, held "
            + Numbers.fixed(c.lastPassingPerSecond(), 1)
            + "/s with p99 within "
            + Numbers.fixed(c.sloP99Micros() / 1000.0, 1)
            + " ms ("
            + c.outcome()
            + "); every variant was measured at half that, "
            + Numbers.fixed(rate, 0)
            + "/s. Probes (rate: p99 ms, errors): "
            + probes(c));
  }

  static final String CAPACITY_NOTE =
      "capacity = the highest arrival rate whose trial met the objective; the "
          + "bracket is the search's resolution (last rate met, first missed), each rate probed once — not a confidence "
          + "interval";

  /**
   * The figures of pages measured each on its own, with their intervals over trials; empty for a
   * comparison.
   */
  static Table measurements(ExperimentResult e) {
    Table table = new Table("page", "metric", ">value", "interval", ">trials", "note");
    for (Measurement m : e.measurements()) {
      if (!SHOWN_METRICS.contains(m.metric())) {
        continue;
      }
      table.row(
          m.variant(),
          Metric.columnLabelOf(m.metric()),
          Numbers.inColumnUnit(m.metric(), m.value()),
          Double.isNaN(m.lower())
              ? "(no interval)"
              : "["
                  + Numbers.inColumnUnit(m.metric(), m.lower())
                  + ", "
                  + Numbers.inColumnUnit(m.metric(), m.upper())
                  + "]",
          Integer.toString(m.trials()),
          m.note());
    }
    return table;
  }

  /** What a page's figures and intervals are. */
  static String measurementNote(ExperimentResult e) {
    return String.format(
        java.util.Locale.ROOT,
        "value = geometric mean over the page's valid trials of each trial's own value; interval at"
            + " %.0f%% confidence over trials (Student t on the log scale), widened by the clock's"
            + " step%s",
        100 * (1 - Defaults.ALPHA),
        notReported(e) ? "; " + NOT_REPORTED_NOTE : "");
  }

  static Table comparisons(ExperimentResult e) {
    Table table =
        new Table(
            "comparison",
            "metric",
            ">baseline",
            ">candidate",
            ">ratio",
            "interval",
            "verdict",
            ">blocks");
    for (Comparison c : e.comparisons()) {
      if (!SHOWN_METRICS.contains(c.metric())) {
        continue;
      }
      table.row(
          c.candidate() + " vs " + c.baseline(),
          Metric.columnLabelOf(c.metric()),
          Numbers.inColumnUnit(c.metric(), c.baselineValue()),
          Numbers.inColumnUnit(c.metric(), c.candidateValue()),
          Numbers.factor(c.ratio()),
          Numbers.interval(c.lower(), c.upper()),
          c.verdict(),
          Integer.toString(c.blocks()));
    }
    return table;
  }

  /** The gate's checks, one row each; empty for runs without a gate. */
  static Table gateChecks(RunResult run) {
    Table table =
        new Table(
            "experiment",
            "metric",
            ">threshold",
            ">ratio",
            "interval",
            "verdict",
            "result",
            ">blocks");
    if (run.gate() == null) {
      return table;
    }
    for (var c : run.gate().checks()) {
      table.row(
          c.experiment(),
          Metric.columnLabelOf(c.metric()),
          Numbers.percent(c.threshold(), 1),
          Numbers.factor(c.ratio()),
          Numbers.interval(c.lower(), c.upper()),
          c.verdict(),
          c.status().word().toUpperCase(java.util.Locale.ROOT),
          Integer.toString(c.blocks()));
    }
    return table;
  }

  /**
   * One line: the gate's outcome, what was compared, and what the outcome means for the exit code.
   */
  static String gateHeadline(RunResult run) {
    var g = run.gate();
    String meaning =
        switch (g.outcome()) {
          case PASS -> "no gated metric regressed";
          case REGRESSION -> "a gated metric is slower beyond its threshold";
          case INCONCLUSIVE ->
              "not enough evidence either way (counted as " + g.inconclusivePolicy() + ")";
          case BROKEN -> "the gate could not measure everything";
        };
    return String.format(
        java.util.Locale.ROOT,
        "GATE %s: %s — candidate %s against baseline %s (%s; family error rate %.2f%%)",
        g.outcome().word().toUpperCase(java.util.Locale.ROOT),
        meaning,
        g.candidate(),
        g.baseline(),
        g.mode(),
        100 * g.familyAlpha());
  }

  static String header(RunResult run) {
    String target = run.machine().versions().get(dev.djbench.results.Machine.TARGET);
    return head(run)
        + (target == null ? "" : "target: " + target + "\n")
        + shards(run)
        + injectors(run);
  }

  /** Each injector of a merged distributed run, one line each. */
  static String injectors(RunResult run) {
    StringBuilder out = new StringBuilder();
    for (RunResult.InjectorRun i : run.injectors()) {
      out.append("injector ").append(i.label()).append(": ").append(injector(i)).append('\n');
    }
    return out.toString();
  }

  /**
   * One injector: its host, how it ended, its clock against the target's ({@code –} when it could
   * not be measured), its requests and how far it fell behind its schedule, and its machine.
   */
  static String injector(RunResult.InjectorRun i) {
    String clock =
        i.clockOffsetMillis() == null
            ? "clock offset –"
            : String.format(
                java.util.Locale.ROOT,
                "clock %+.2f ± %.2f ms against the target's",
                i.clockOffsetMillis(),
                i.clockUncertaintyMillis());
    String lag =
        i.worstLagP99Micros() < 0
            ? "start lag –"
            : String.format(
                java.util.Locale.ROOT,
                "worst p99 start lag %.1f ms",
                i.worstLagP99Micros() / 1000.0);
    return String.format(
        java.util.Locale.ROOT,
        "%s, %s%s, %s, %d requests, %s%s · %d cores, %s, %s",
        i.host(),
        i.status(),
        i.message().isEmpty() ? "" : " (" + i.message() + ")",
        clock,
        i.requests(),
        lag,
        i.laggedTrials().isEmpty()
            ? ""
            : "; behind its schedule in " + String.join(", ", i.laggedTrials()) + " (invalid)",
        i.machine().cores(),
        i.machine().cpuModel(),
        i.machine().os());
  }

  /**
   * Which share of the suite a shard's run measured, or each shard of a merged run with its
   * machine: the shards of a CI matrix run on different machines, and each experiment's figures are
   * from its shard's.
   */
  static String shards(RunResult run) {
    StringBuilder out = new StringBuilder();
    if (run.shard() != null) {
      out.append(
          String.format(
              java.util.Locale.ROOT,
              "shard %s: %d of the %d experiments selected (djbench merge joins the shards)%n",
              run.shard().label(),
              run.experiments().size(),
              run.shard().selected().size()));
    }
    for (RunResult.ShardRun s : run.shards()) {
      out.append(
          String.format(
              java.util.Locale.ROOT,
              "shard %s: run %s, %s, %s · %d cores, %s, %s · %s%n",
              s.label(),
              s.runId(),
              s.status(),
              s.startedAt().replaceFirst("\\.\\d+Z$", "Z"),
              s.machine().cores(),
              s.machine().cpuModel(),
              s.machine().os(),
              s.experiments().isEmpty() ? "no experiment" : String.join(", ", s.experiments())));
    }
    return out.toString();
  }

  /** Whose machine the run's machine is: a shard's or an injector's when merged. */
  static String machineLabel(RunResult run) {
    if (!run.shards().isEmpty()) {
      return "machine of shard " + run.shards().get(0).label();
    }
    if (!run.injectors().isEmpty()) {
      return "machine of injector " + run.injectors().get(0).label();
    }
    return "machine";
  }

  private static String head(RunResult run) {
    return String.format(
        java.util.Locale.ROOT,
        "run %s · suite %s · profile %s · seed %d · status %s%s%n"
            + "%s: %d cores, %s, %s; %s%n"
            + "resolution: %s%n",
        run.runId(),
        run.suite(),
        run.profile(),
        run.seed(),
        run.status(),
        run.message().isEmpty() ? "" : " (" + run.message() + ")",
        machineLabel(run),
        run.machine().cores(),
        run.machine().cpuModel(),
        run.machine().os(),
        run.machine().cpuLayout(),
        run.clientLatencyResolution());
  }

  static String confidence(ExperimentResult e, int schemaVersion) {
    List<Comparison> c = e.comparisons();
    if (c.isEmpty() || Double.isNaN(c.get(0).confidenceLevel())) {
      return "";
    }
    return String.format(
        java.util.Locale.ROOT,
        "ratio = candidate/baseline, geometric mean of per-block ratios; interval at %.1f%% confidence "
            + "(at least %.0f%% overall across sequential looks), never narrower than the clock's step"
            + " allows (client latency: %s per value); δ = %.1f%%%s",
        100 * c.get(0).confidenceLevel(),
        100 * (1 - Defaults.ALPHA),
        schemaVersion >= 5 ? "±0.5 µs" : "±0.5 ms",
        100 * c.get(0).threshold(),
        (e.measuredTogether()
                ? "; each block measured its variants together, their requests alternating"
                    + " (interleave: requests)"
                : "")
            + (e.serverRestarts() > 0
                ? "; the servers got fresh processes before every block ("
                    + e.serverRestarts()
                    + " restarts)"
                : "")
            + (notReported(e) ? "; " + NOT_REPORTED_NOTE : ""));
  }

  /** What a "–" means where the app reported nothing. */
  static final String NOT_REPORTED_NOTE =
      "– = not reported: the app sent no Server-Timing value for it (djbench's probe was not in its"
          + " middleware) or the server's processes could not be seen; absent is never shown as 0";

  /** Whether a figure of {@code e} that should come from the app is absent. */
  static boolean notReported(ExperimentResult e) {
    return e.comparisons().stream().anyMatch(c -> c.verdict().equals(Comparisons.NOT_REPORTED))
        || VariantRow.of(e).stream()
            .anyMatch(
                r ->
                    r.validTrials() > 0
                        && (Double.isNaN(r.serverP50Millis())
                            || Double.isNaN(r.queriesPerRequest())
                            || Double.isNaN(r.cpuMillisPerRequest())));
  }
}
