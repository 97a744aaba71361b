package dev.djbench.report;

import dev.djbench.results.ExperimentResult;
import dev.djbench.results.RunResult;

/**
 * The summary as Markdown: {@code summary.md}, usable as a CI job summary or a pull-request
 * comment.
 */
final class MarkdownReport implements ReportFormat.Renderer {

  @Override
  public String render(RunResult run) {
    StringBuilder out = new StringBuilder("# djbench: ").append(run.suite()).append("\n\n");
    SummaryModel.header(run).lines().forEach(l -> out.append(l).append("  \n"));
    if (run.gate() != null) {
      out.append("\n**").append(SummaryModel.gateHeadline(run)).append("**\n\n");
      out.append(SummaryModel.gateChecks(run).markdown()).append('\n');
      run.gate().notes().forEach(n -> out.append("- ").append(n).append('\n'));
    }
    for (ExperimentResult e : run.experiments()) {
      out.append("\n## ").append(e.id()).append("\n\n").append(e.technique()).append("\n\n");
      if (!e.claim().isEmpty()) {
        out.append("> Claim: ").append(e.claim()).append("\n\n");
      }
      if (e.status() != ExperimentResult.Status.MEASURED) {
        out.append("**").append(e.status()).append("**: ").append(e.reason()).append("\n\n");
      }
      if (SummaryModel.capacitySearch(e)) {
        out.append(SummaryModel.capacities(e).markdown())
            .append('\n')
            .append(SummaryModel.CAPACITY_NOTE)
            .append("\n\n");
      } else if (!e.trials().isEmpty()) {
        out.append(SummaryModel.variants(e).markdown()).append('\n');
      }
      SummaryModel.autoRateNote(e).ifPresent(n -> out.append(n).append("\n\n"));
      Table measurements = SummaryModel.measurements(e);
      if (!measurements.isEmpty()) {
        out.append(measurements.markdown())
            .append('\n')
            .append(SummaryModel.measurementNote(e))
            .append("\n");
      }
      Table comparisons = SummaryModel.comparisons(e);
      if (!comparisons.isEmpty()) {
        out.append(comparisons.markdown())
            .append('\n')
            .append(SummaryModel.confidence(e, run.schemaVersion()))
            .append("\n");
      }
    }
    return out.toString();
  }
}
