package dev.djbench.report;

import dev.djbench.results.ExperimentResult;
import dev.djbench.results.RunResult;

/** The plain-text summary printed at the end of a run. */
final class TextReport implements ReportFormat.Renderer {

  @Override
  public String render(RunResult run) {
    StringBuilder out = new StringBuilder(SummaryModel.header(run));
    if (run.gate() != null) {
      out.append('\n').append(SummaryModel.gateHeadline(run)).append('\n');
      out.append(SummaryModel.gateChecks(run).text("  "));
      run.gate().notes().forEach(n -> out.append("  ").append(n).append('\n'));
    }
    for (ExperimentResult e : run.experiments()) {
      out.append('\n').append(e.id()).append(" — ").append(e.technique()).append('\n');
      if (!e.claim().isEmpty()) {
        out.append("  claim: ").append(e.claim()).append('\n');
      }
      if (e.status() != ExperimentResult.Status.MEASURED) {
        out.append("  ")
            .append(e.status().word().toUpperCase(java.util.Locale.ROOT))
            .append(": ")
            .append(e.reason())
            .append('\n');
      }
      if (SummaryModel.capacitySearch(e)) {
        out.append(SummaryModel.capacities(e).text("  "));
        out.append("  ").append(SummaryModel.CAPACITY_NOTE).append('\n');
      } else if (!e.trials().isEmpty()) {
        out.append(SummaryModel.variants(e).text("  "));
      }
      SummaryModel.autoRateNote(e).ifPresent(n -> out.append("  ").append(n).append('\n'));
      Table measurements = SummaryModel.measurements(e);
      if (!measurements.isEmpty()) {
        out.append(measurements.text("  "));
        out.append("  ").append(SummaryModel.measurementNote(e)).append('\n');
      }
      Table comparisons = SummaryModel.comparisons(e);
      if (!comparisons.isEmpty()) {
        out.append(comparisons.text("  "));
        out.append("  ").append(SummaryModel.confidence(e, run.schemaVersion())).append('\n');
      }
    }
    return out.toString();
  }
}
