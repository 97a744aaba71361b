package dev.djbench.report;

import dev.djbench.results.RunResult;

/** The formats a run is rendered in; each renders only from saved results. */
public enum ReportFormat {
  /** The plain-text table printed at the end of a run. */
  TEXT("summary.txt", new TextReport()),
  /** The same, as Markdown: a CI job summary or a pull-request comment. */
  MARKDOWN("summary.md", new MarkdownReport()),
  /** One self-contained page with tables and charts, for people: opens offline, nothing fetched. */
  HTML("index.html", new HtmlReport()),
  /** JUnit XML, so CI shows each gate check (or each comparison) as a test. */
  JUNIT("junit.xml", new JUnitReport());

  private final String fileName;
  private final Renderer renderer;

  ReportFormat(String fileName, Renderer renderer) {
    this.fileName = fileName;
    this.renderer = renderer;
  }

  public String fileName() {
    return fileName;
  }

  public String render(RunResult run) {
    return renderer.render(run);
  }

  /** Renders a run into one format. */
  interface Renderer {
    String render(RunResult run);
  }
}
