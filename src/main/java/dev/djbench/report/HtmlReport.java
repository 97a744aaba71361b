package dev.djbench.report;

import dev.djbench.results.ExperimentResult;
import dev.djbench.results.Machine;
import dev.djbench.results.RunResult;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run as one self-contained HTML page, {@code index.html}: inline CSS and inline SVG charts, no
 * script and nothing fetched, so it opens on an offline machine and as a CI artifact. Every text
 * from the run is escaped.
 */
final class HtmlReport implements ReportFormat.Renderer {

  static final String STYLE =
      """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1d1d1f;
      margin:0 auto;padding:16px 24px 48px;max-width:1240px;background:#fff}
      h1{font-size:22px;margin:8px 0}h2{font-size:18px;margin:0 0 6px}h3{font-size:15px;margin:16px 0 6px}
      code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f3f3f5;padding:1px 4px;
      border-radius:3px}
      dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:8px 0}
      dl.meta dt{color:#666}dl.meta dd{margin:0}
      .note{color:#555;font-size:12.5px;margin:4px 0}
      table{border-collapse:collapse;margin:4px 0 6px;font-size:13px}
      th,td{padding:3px 9px;border-bottom:1px solid #e4e4e7;text-align:left;vertical-align:top;white-space:nowrap}
      td:last-child{white-space:normal}
      th{background:#f6f6f8;font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
      .badge{display:inline-block;padding:0 7px;border-radius:9px;font-size:12px;font-weight:600;
      white-space:nowrap;border:1px solid transparent;vertical-align:1px}
      .badge.good{background:#dcf5e3;color:#0f6b2f;border-color:#9fdcb2}
      .badge.bad{background:#fde2e1;color:#9b1c17;border-color:#f3a7a3}
      .badge.unsure{background:#fff1cc;color:#7a5200;border-color:#f0cf73}
      .badge.neutral{background:#ececef;color:#444;border-color:#cfcfd4}
      .badge.plain{background:#fff;color:#444;border-color:#cfcfd4}
      section{border-top:1px solid #ddd;padding:14px 0 6px;margin-top:10px}
      section.gate{border:2px solid #ccc;border-radius:6px;padding:10px 14px;margin:14px 0}
      section.gate.good{border-color:#7cc896}section.gate.bad{border-color:#e0706a;background:#fffafa}
      section.gate.unsure{border-color:#e8c04f}
      .callout{padding:8px 12px;border-radius:5px;border-left:5px solid}
      .callout.bad{background:#fdecea;border-color:#c62828}.callout.unsure{background:#fff6dd;border-color:#d39e00}
      .callout.good{background:#eef8f0;border-color:#2e7d32}
      blockquote{margin:6px 0;padding:2px 12px;border-left:3px solid #ccc;color:#444}
      .technique{margin:2px 0;font-weight:500}
      .swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px}
      .charts{display:flex;flex-wrap:wrap;gap:8px 24px}
      figure{margin:0;max-width:560px}figcaption{font-size:12px;color:#555;margin-top:2px}
      svg{display:block;max-width:100%;height:auto;font-size:11px}
      svg .grid{stroke:#e6e6ea;stroke-width:1;fill:none}svg .frame{fill:none;stroke:#c8c8cc}
      svg .tick{fill:#555}svg .axis{fill:#333;font-size:12px}
      svg .legend{fill:#222}
      svg .curve{fill:none;stroke-width:2;stroke-linejoin:round}
      svg .one{stroke:#222;stroke-width:1.2}svg .mean{stroke:#222;stroke-width:2;stroke-dasharray:6 3}
      svg .band{fill:#0072b2;fill-opacity:.16}svg .zone{fill:#9e9e9e;fill-opacity:.22}
      svg .dot{stroke:#fff;stroke-width:1}
      nav ol{padding-left:22px;margin:4px 0}nav li{margin:2px 0}
      details{margin:8px 0}summary{cursor:pointer;color:#7a5200}
      """;

  @Override
  public String render(RunResult run) {
    StringBuilder out =
        new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append(
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>djbench: ")
            .append(Markup.escape(run.suite()))
            .append(" · ")
            .append(Markup.escape(run.runId()))
            .append("</title>\n")
            .append("<style>\n")
            .append(STYLE)
            .append("</style>\n</head>\n<body>\n");
    out.append(header(run));
    if (run.gate() != null) {
      out.append(GateSection.render(run.gate()));
    }
    out.append(contents(run));
    for (int i = 0; i < run.experiments().size(); i++) {
      out.append(ExperimentSection.render(i, run.experiments().get(i), run.schemaVersion()));
    }
    return out.append("</body>\n</html>\n").toString();
  }

  private static String header(RunResult run) {
    Machine m = run.machine();
    StringBuilder out =
        new StringBuilder("<header>\n<h1>djbench: ")
            .append(Markup.escape(run.suite()))
            .append(' ')
            .append(Badge.status(run.status()))
            .append("</h1>\n");
    if (!run.message().isEmpty()) {
      out.append("<p class=\"callout ")
          .append(Badge.tone(run.status()))
          .append("\">")
          .append(Markup.escape(run.message()))
          .append("</p>\n");
    }
    out.append("<dl class=\"meta\">\n");
    item(out, "run", run.runId());
    item(out, "suite · profile · seed", run.suite() + " · " + run.profile() + " · " + run.seed());
    item(out, "scenario", run.scenarioFile());
    if (m.versions().containsKey(Machine.TARGET)) {
      item(out, "target", m.versions().get(Machine.TARGET));
    }
    item(out, "time", toSeconds(run.startedAt()) + " → " + toSeconds(run.finishedAt()));
    item(
        out,
        SummaryModel.machineLabel(run),
        m.cores()
            + " cores, "
            + m.cpuModel()
            + ", "
            + Numbers.fixed(m.memoryBytes() / 1073741824.0, 1)
            + " GiB, "
            + m.os());
    item(out, "Java", m.java());
    item(out, "versions", versions(m.versions()));
    item(out, "CPU layout", m.cpuLayout());
    item(out, "resolution", run.clientLatencyResolution());
    if (run.shard() != null) {
      item(
          out,
          "shard",
          run.shard().label()
              + ": "
              + run.experiments().size()
              + " of the "
              + run.shard().selected().size()
              + " experiments selected");
    }
    for (RunResult.ShardRun s : run.shards()) {
      item(
          out,
          "shard " + s.label(),
          "run "
              + s.runId()
              + " ("
              + s.status()
              + "), "
              + s.machine().cores()
              + " cores, "
              + s.machine().cpuModel()
              + ", "
              + s.machine().os()
              + ": "
              + (s.experiments().isEmpty() ? "no experiment" : String.join(", ", s.experiments())));
    }
    for (RunResult.InjectorRun i : run.injectors()) {
      item(out, "injector " + i.label(), SummaryModel.injector(i));
    }
    out.append("</dl>\n<p class=\"note\">")
        .append(clientClock(run.schemaVersion()))
        .append(" Server timings are in microseconds.</p>\n</header>\n");
    return out.toString();
  }

  /** Which clock a run's client latency figures are read on, in one sentence. */
  static String clientClock(int schemaVersion) {
    return schemaVersion < dev.djbench.analysis.Metric.FINE_CLIENT_CLOCK_SCHEMA
        ? "Client latency has 1 ms resolution (Gatling's clock): differences below a millisecond are"
            + " not seen by the client."
        : "Client latency is timed to the microsecond on the injector's monotonic clock, from a"
            + " virtual user's start to the end of its response; Gatling's own value, in whole"
            + " milliseconds, is kept as gatlingLatencyMicros.";
  }

  /**
   * An ISO-8601 instant without its fraction of a second, which only makes the header harder to
   * read.
   */
  private static String toSeconds(String instant) {
    return instant.replaceFirst("^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)\\.\\d+", "$1");
  }

  private static void item(StringBuilder out, String term, String text) {
    out.append("<dt>")
        .append(Markup.escape(term))
        .append("</dt><dd>")
        .append(Markup.escape(text))
        .append("</dd>\n");
  }

  private static String versions(Map<String, String> versions) {
    StringBuilder out = new StringBuilder();
    // Sorted: Map.copyOf has no stable order, and the page must be the same for the same results.
    new TreeMap<>(versions)
        .forEach((k, v) -> out.append(out.isEmpty() ? "" : ", ").append(k).append(' ').append(v));
    return out.isEmpty() ? "not recorded" : out.toString();
  }

  private static String contents(RunResult run) {
    StringBuilder out = new StringBuilder("<nav>\n<h2>Contents</h2>\n<ol>\n");
    if (run.gate() != null) {
      out.append("<li><a href=\"#gate\">Gate</a> ")
          .append(Badge.gate(run.gate().outcome()))
          .append("</li>\n");
    }
    for (int i = 0; i < run.experiments().size(); i++) {
      ExperimentResult e = run.experiments().get(i);
      out.append("<li><a href=\"#")
          .append(ExperimentSection.anchor(i, e))
          .append("\">")
          .append(Markup.escape(e.id()))
          .append("</a>");
      out.append(
          e.status() == ExperimentResult.Status.MEASURED
              ? ExperimentSection.headline(e)
              : " " + Badge.status(e.status()));
      out.append("</li>\n");
    }
    return out.append("</ol>\n</nav>\n").toString();
  }
}
