package dev.djbench.report;

import dev.djbench.doctor.Check;
import dev.djbench.doctor.DoctorResult;
import dev.djbench.doctor.Finding;
import dev.djbench.doctor.Growth;
import dev.djbench.doctor.LoadCost;
import dev.djbench.doctor.PageDiagnosis;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * What {@code djbench doctor} found, for people and for CI: a console table with each finding, an
 * {@code index.html} section, {@code summary.md} and {@code junit.xml} (one test case per page and
 * {@code --fail-on} check). A value that was not measured is shown as {@code –}.
 */
public final class DoctorReport {

  private DoctorReport() {}

  /**
   * Writes {@code index.html}, {@code summary.md} and {@code junit.xml} beside {@code doctor.json}.
   *
   * @param failOn the checks that fail the run (exit 1); the JUnit cases are those checks
   */
  public static void writeAll(DoctorResult result, Set<Check> failOn, Path directory)
      throws IOException {
    write(directory.resolve("index.html"), html(result, failOn));
    write(directory.resolve("summary.md"), markdown(result, failOn));
    write(directory.resolve("junit.xml"), junit(result, failOn));
  }

  private static void write(Path file, String text) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, text, StandardCharsets.UTF_8);
    Files.move(
        temporary,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  // --- The verdict --------------------------------------------------------------------------

  /** How the checks came out, and the exit status word that goes with it. */
  public record Verdict(String word, List<String> failures, List<String> unevaluable) {

    /** {@code broken} (exit 3), {@code failed} (exit 1) or {@code passed} (exit 0). */
    public static Verdict of(DoctorResult result, Set<Check> failOn) {
      List<String> failures = new ArrayList<>();
      List<String> unevaluable = new ArrayList<>();
      for (PageDiagnosis page : result.pages()) {
        for (Check check : failOn) {
          check
              .unevaluable(page)
              .ifPresent(why -> unevaluable.add(page.label() + " " + check.word() + ": " + why));
          check.failures(page).forEach(f -> failures.add(page.label() + ": " + f));
        }
      }
      String word =
          result.status() != DoctorResult.Status.COMPLETE || !unevaluable.isEmpty()
              ? "broken"
              : failures.isEmpty() ? "passed" : "failed";
      return new Verdict(word, List.copyOf(failures), List.copyOf(unevaluable));
    }
  }

  // --- Console and Markdown -----------------------------------------------------------------

  private static Table table(DoctorResult result) {
    Table table =
        new Table(
            "page",
            "request",
            ">queries",
            ">server ms",
            ">db",
            ">template",
            "N+1",
            "growth",
            "under load");
    for (PageDiagnosis p : result.pages()) {
      table.row(
          p.label(),
          p.request(),
          number(p.queriesPerRequest(), 1),
          p.serverMicros() == null ? "–" : fixed(p.serverMicros() / 1000, 2),
          share(p.dbShare()),
          share(p.templateShare()),
          nPlusOne(p),
          p.growth().verdict().word(),
          load(p.load()));
    }
    return table;
  }

  private static String nPlusOne(PageDiagnosis p) {
    if (p.queriesPerRequest() == null) {
      return "–";
    }
    long groups = p.findings().stream().filter(f -> f.kind() == Finding.Kind.N_PLUS_ONE).count();
    if (groups == 0) {
      return "none";
    }
    int queries =
        p.findings().stream()
            .filter(f -> f.kind() == Finding.Kind.N_PLUS_ONE)
            .mapToInt(Finding::queries)
            .sum();
    return groups + (groups == 1 ? " group, " : " groups, ") + queries + " queries";
  }

  private static String load(LoadCost load) {
    if (load == null) {
      return "–";
    }
    return share(load.groupsShare())
        + " of server time"
        + (load.invalid().isEmpty() ? "" : " (invalid)");
  }

  /** The console text: the table, then every finding with where it is and what would fix it. */
  public static String text(DoctorResult result, Set<Check> failOn) {
    StringBuilder out = new StringBuilder();
    out.append("djbench doctor ")
        .append(result.runId())
        .append(": ")
        .append(result.pages().size())
        .append(" pages of '")
        .append(result.suite())
        .append("', status ")
        .append(result.status().word())
        .append('\n');
    if (!result.problem().isEmpty()) {
      out.append("problem: ").append(result.problem()).append('\n');
    }
    out.append('\n').append(table(result).text("  ")).append('\n');
    for (PageDiagnosis p : result.pages()) {
      List<String> lines = details(p);
      if (lines.isEmpty()) {
        continue;
      }
      out.append(p.label()).append("  ").append(p.request()).append('\n');
      lines.forEach(l -> out.append("  ").append(l).append('\n'));
      out.append('\n');
    }
    out.append(verdictLine(Verdict.of(result, failOn), failOn)).append('\n');
    return out.toString();
  }

  private static List<String> details(PageDiagnosis p) {
    List<String> lines = new ArrayList<>();
    if (!p.problem().isEmpty()) {
      lines.add("problem: " + p.problem());
    }
    for (Finding f : p.findings()) {
      lines.add(f.headline());
      lines.add("    at " + f.location().describe());
      lines.add("    " + f.why());
      if (!f.fix().isEmpty()) {
        lines.add("    fix: " + f.fix() + " on the " + f.fixOn() + " queryset");
      }
      lines.add(
          "    "
              + fixed(f.ormMicros() / 1000, 2)
              + " ms in the ORM in one request ("
              + fixed(f.dbMicros() / 1000, 2)
              + " ms of it in the database), "
              + share(f.shareOfServer())
              + " of the page's server time");
    }
    if (p.load() != null) {
      LoadCost l = p.load();
      lines.add(
          "under load at "
              + trim(l.ratePerSecond())
              + "/s ("
              + l.requests()
              + " requests in "
              + l.seconds()
              + " s): server p50 "
              + (l.serverP50Micros() == null ? "–" : fixed(l.serverP50Micros() / 1000, 2))
              + " ms, repeated groups (ORM time) "
              + (l.groupsMeanMicros() == null ? "–" : fixed(l.groupsMeanMicros() / 1000, 2))
              + " ms of a mean "
              + (l.serverMeanMicros() == null ? "–" : fixed(l.serverMeanMicros() / 1000, 2))
              + " ms ("
              + share(l.groupsShare())
              + ")"
              + (l.invalid().isEmpty() ? "" : "; INVALID: " + l.invalid()));
    }
    Growth g = p.growth();
    if (g.verdict() != Growth.Verdict.NOT_MEASURED || !p.findings().isEmpty()) {
      lines.add("growth: " + g.verdict().word() + " (" + g.why() + ")");
    }
    return lines;
  }

  private static String verdictLine(Verdict verdict, Set<Check> failOn) {
    if (failOn.isEmpty()) {
      return "no --fail-on check: findings are reported, the exit status is 0 unless the run broke";
    }
    StringBuilder out =
        new StringBuilder("--fail-on ")
            .append(String.join(",", failOn.stream().map(Check::word).toList()))
            .append(": ")
            .append(verdict.word().toUpperCase(Locale.ROOT));
    verdict.failures().forEach(f -> out.append("\n  ").append(f));
    verdict.unevaluable().forEach(f -> out.append("\n  cannot evaluate ").append(f));
    return out.toString();
  }

  /** {@code summary.md}: the table and the findings, for a CI job summary. */
  public static String markdown(DoctorResult result, Set<Check> failOn) {
    StringBuilder out =
        new StringBuilder("# djbench doctor: ")
            .append(result.suite())
            .append("\n\n")
            .append("Run `")
            .append(result.runId())
            .append("`, status **")
            .append(result.status().word())
            .append("**.\n\n")
            .append(table(result).markdown())
            .append('\n');
    for (PageDiagnosis p : result.pages()) {
      List<String> lines = details(p);
      if (lines.isEmpty()) {
        continue;
      }
      out.append("## ").append(p.label()).append(" `").append(p.request()).append("`\n\n```\n");
      lines.forEach(l -> out.append(l).append('\n'));
      out.append("```\n\n");
    }
    out.append(verdictLine(Verdict.of(result, failOn), failOn).replace("\n  ", "\n- "))
        .append('\n');
    return out.toString();
  }

  // --- HTML -----------------------------------------------------------------------------------

  /** {@code index.html}: the doctor's section in the report's page style. */
  public static String html(DoctorResult result, Set<Check> failOn) {
    StringBuilder out =
        new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .append("<title>djbench doctor: ")
            .append(Markup.escape(result.suite()))
            .append(" · ")
            .append(Markup.escape(result.runId()))
            .append("</title>\n<style>\n")
            .append(HtmlReport.STYLE)
            .append("</style>\n</head>\n<body>\n");
    out.append("<h1>djbench doctor: ").append(Markup.escape(result.suite())).append("</h1>\n");
    out.append("<dl class=\"meta\">");
    meta(out, "run", result.runId());
    meta(out, "project", result.project());
    meta(out, "status", result.status().word());
    meta(out, "started", result.startedAt());
    meta(out, "finished", result.finishedAt());
    meta(out, "larger seed", "×" + trim(result.scale()));
    if (!result.problem().isEmpty()) {
      meta(out, "problem", result.problem());
    }
    out.append("</dl>\n");
    out.append(section(result, failOn));
    return out.append("</body>\n</html>\n").toString();
  }

  /** The doctor's section: the verdict, the table of pages, each page's findings. */
  static String section(DoctorResult result, Set<Check> failOn) {
    Verdict verdict = Verdict.of(result, failOn);
    String tone =
        switch (verdict.word()) {
          case "passed" -> "good";
          case "failed" -> "bad";
          default -> "unsure";
        };
    StringBuilder out = new StringBuilder("<section class=\"doctor\" id=\"doctor\">\n");
    out.append("<h2>Queries: N+1, duplicates, growth</h2>\n");
    out.append("<p class=\"callout ")
        .append(failOn.isEmpty() ? "good" : tone)
        .append("\">")
        .append(Markup.escape(verdictLine(verdict, failOn)).replace("\n", "<br>"))
        .append("</p>\n");
    out.append(HtmlTable.render(table(result)));
    for (PageDiagnosis p : result.pages()) {
      List<String> lines = details(p);
      out.append("<h3 id=\"")
          .append(Markup.slug("doctor-" + p.label()))
          .append("\">")
          .append(Markup.escape(p.label()))
          .append(" <code>")
          .append(Markup.escape(p.request()))
          .append("</code> ")
          .append(badge(p))
          .append("</h3>\n");
      if (lines.isEmpty()) {
        out.append("<p class=\"note\">no repeated or duplicate query</p>\n");
        continue;
      }
      out.append("<ul>\n");
      for (String line : lines) {
        out.append("<li>").append(Markup.escape(line.strip())).append("</li>\n");
      }
      out.append("</ul>\n");
    }
    return out.append("</section>\n").toString();
  }

  private static String badge(PageDiagnosis p) {
    if (p.queriesPerRequest() == null) {
      return "<span class=\"badge unsure\">not traced</span>";
    }
    if (p.hasNPlusOne()) {
      return "<span class=\"badge bad\">N+1</span>";
    }
    return "<span class=\"badge good\">no N+1</span>";
  }

  private static void meta(StringBuilder out, String term, String value) {
    out.append("<dt>")
        .append(Markup.escape(term))
        .append("</dt><dd>")
        .append(Markup.escape(value))
        .append("</dd>");
  }

  // --- JUnit ----------------------------------------------------------------------------------

  /**
   * {@code junit.xml}: a test case per page and {@code --fail-on} check, failed when the check
   * fails, an error when it cannot be evaluated; without checks, one passing case per page with its
   * findings as output.
   */
  public static String junit(DoctorResult result, Set<Check> failOn) {
    record Case(String classname, String name, String failure, String error, String output) {}
    List<Case> cases = new ArrayList<>();
    for (PageDiagnosis p : result.pages()) {
      String output = String.join("\n", details(p));
      if (failOn.isEmpty()) {
        cases.add(new Case("doctor." + p.experiment(), p.page(), "", "", output));
      }
      for (Check check : failOn) {
        String error = check.unevaluable(p).orElse("");
        String failure = error.isEmpty() ? String.join("\n", check.failures(p)) : "";
        cases.add(
            new Case(
                "doctor." + p.experiment(),
                p.page() + " [" + check.word() + "]",
                failure,
                error,
                output));
      }
    }
    long failures = cases.stream().filter(c -> !c.failure().isEmpty()).count();
    long errors = cases.stream().filter(c -> !c.error().isEmpty()).count();
    StringWriter text = new StringWriter();
    text.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    try {
      XMLStreamWriter out = JUnitXml.output().createXMLStreamWriter(text);
      out.writeStartElement("testsuite");
      out.writeAttribute("name", "djbench.doctor." + result.suite());
      out.writeAttribute("tests", Integer.toString(cases.size()));
      out.writeAttribute("failures", Long.toString(failures));
      out.writeAttribute("errors", Long.toString(errors));
      out.writeAttribute("skipped", "0");
      out.writeCharacters("\n  ");
      out.writeStartElement("properties");
      property(out, "runId", result.runId());
      property(out, "status", result.status().word());
      property(out, "failOn", String.join(",", failOn.stream().map(Check::word).toList()));
      property(out, "verdict", Verdict.of(result, failOn).word());
      out.writeCharacters("\n  ");
      out.writeEndElement();
      for (Case c : cases) {
        out.writeCharacters("\n  ");
        out.writeStartElement("testcase");
        out.writeAttribute("classname", c.classname());
        out.writeAttribute("name", c.name());
        if (!c.failure().isEmpty()) {
          out.writeCharacters("\n    ");
          out.writeStartElement("failure");
          out.writeAttribute("message", c.failure().lines().findFirst().orElse(""));
          out.writeCharacters(c.failure());
          out.writeEndElement();
        }
        if (!c.error().isEmpty()) {
          out.writeCharacters("\n    ");
          out.writeStartElement("error");
          out.writeAttribute("message", c.error());
          out.writeEndElement();
        }
        if (!c.output().isEmpty()) {
          out.writeCharacters("\n    ");
          out.writeStartElement("system-out");
          out.writeCharacters(c.output());
          out.writeEndElement();
        }
        out.writeCharacters("\n  ");
        out.writeEndElement();
      }
      out.writeCharacters("\n");
      out.writeEndElement();
      out.writeCharacters("\n");
      out.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write junit.xml: " + e.getMessage(), e);
    }
    return text.toString();
  }

  private static void property(XMLStreamWriter out, String name, String value)
      throws XMLStreamException {
    out.writeCharacters("\n    ");
    out.writeEmptyElement("property");
    out.writeAttribute("name", name);
    out.writeAttribute("value", value);
  }

  // --- Numbers --------------------------------------------------------------------------------

  private static String number(Double value, int decimals) {
    return value == null ? "–" : value == Math.rint(value) ? trim(value) : fixed(value, decimals);
  }

  private static String share(Double fraction) {
    return fraction == null ? "–" : fixed(100 * fraction, 1) + "%";
  }

  private static String fixed(double value, int decimals) {
    return Numbers.fixed(value, decimals);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : fixed(v, 1);
  }
}
