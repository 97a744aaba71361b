package dev.djbench.report;

import com.ctc.wstx.api.InvalidCharHandler;
import com.ctc.wstx.api.WstxOutputProperties;
import com.ctc.wstx.stax.WstxOutputFactory;
import dev.djbench.results.RunResult;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes {@link JUnitReport}'s test cases as JUnit XML through a StAX writer, laid out as CI tools
 * and the golden files expect: two-space indentation, the suite's counts on both root elements.
 */
final class JUnitXml {

  private static final XMLOutputFactory OUTPUT = output();

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  private JUnitXml() {}

  /**
   * Woodstox, with characters XML cannot hold written as U+FFFD (a scenario's text may contain
   * any): it writes line breaks and tabs in attribute values as character references, so that a
   * message's lines survive a parser, where the JDK's writer leaves them raw.
   */
  static XMLOutputFactory output() {
    XMLOutputFactory factory = new WstxOutputFactory();
    factory.setProperty(
        WstxOutputProperties.P_OUTPUT_INVALID_CHAR_HANDLER,
        new InvalidCharHandler.ReplacingHandler('\uFFFD'));
    return factory;
  }

  static String write(RunResult run, List<JUnitReport.Case> cases) {
    StringWriter text = new StringWriter();
    // Woodstox would write the declaration with single quotes; CI tools expect the usual form.
    text.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    try {
      XMLStreamWriter out = OUTPUT.createXMLStreamWriter(text);
      out.writeStartElement("testsuites");
      out.writeAttribute("name", "djbench");
      counts(out, run, cases);
      out.writeCharacters("\n  ");
      out.writeStartElement("testsuite");
      out.writeAttribute("name", "djbench." + run.suite());
      counts(out, run, cases);
      timestamp(run).ifPresent(t -> attribute(out, "timestamp", t));
      out.writeCharacters("\n    ");
      out.writeStartElement("properties");
      property(out, "runId", run.runId());
      property(out, "profile", run.profile());
      property(out, "seed", Long.toString(run.seed()));
      property(out, "status", run.status().word());
      if (run.gate() != null) {
        property(out, "gate.outcome", run.gate().outcome().word());
        property(out, "gate.mode", run.gate().mode().word());
        property(out, "gate.baseline", run.gate().baseline());
        property(out, "gate.candidate", run.gate().candidate());
        property(out, "gate.inconclusivePolicy", run.gate().inconclusivePolicy().word());
      }
      out.writeCharacters("\n    ");
      out.writeEndElement();
      for (JUnitReport.Case c : cases) {
        testCase(out, c);
      }
      out.writeCharacters("\n  ");
      out.writeEndElement();
      out.writeCharacters("\n");
      out.writeEndElement();
      out.writeCharacters("\n");
      out.close();
    } catch (XMLStreamException | UncheckedXmlException e) {
      // Writing to a string fails only on a bug of this class (an element closed twice, say).
      throw new IllegalStateException("cannot write junit.xml: " + e.getMessage(), e);
    }
    return text.toString();
  }

  /** An XMLStreamException from inside a lambda. */
  private static final class UncheckedXmlException extends RuntimeException {
    UncheckedXmlException(XMLStreamException e) {
      super(e.getMessage(), e);
    }
  }

  private static void attribute(XMLStreamWriter out, String name, String value) {
    try {
      out.writeAttribute(name, value);
    } catch (XMLStreamException e) {
      throw new UncheckedXmlException(e);
    }
  }

  private static void counts(XMLStreamWriter out, RunResult run, List<JUnitReport.Case> cases)
      throws XMLStreamException {
    out.writeAttribute("tests", Integer.toString(cases.size()));
    out.writeAttribute("failures", Long.toString(count(cases, JUnitReport.Outcome.FAILURE)));
    out.writeAttribute("errors", Long.toString(count(cases, JUnitReport.Outcome.ERROR)));
    out.writeAttribute("skipped", Long.toString(count(cases, JUnitReport.Outcome.SKIPPED)));
    out.writeAttribute("time", seconds(run));
  }

  private static long count(List<JUnitReport.Case> cases, JUnitReport.Outcome outcome) {
    return cases.stream().filter(c -> c.outcome() == outcome).count();
  }

  private static void property(XMLStreamWriter out, String name, String value)
      throws XMLStreamException {
    out.writeCharacters("\n      ");
    out.writeEmptyElement("property");
    out.writeAttribute("name", name);
    out.writeAttribute("value", value);
  }

  private static void testCase(XMLStreamWriter out, JUnitReport.Case c) throws XMLStreamException {
    out.writeCharacters("\n    ");
    boolean empty = c.outcome() == JUnitReport.Outcome.PASSED && c.systemOut().isEmpty();
    if (empty) {
      out.writeEmptyElement("testcase");
    } else {
      out.writeStartElement("testcase");
    }
    out.writeAttribute("classname", c.className());
    out.writeAttribute("name", c.name());
    out.writeAttribute("time", "0");
    if (empty) {
      return;
    }
    switch (c.outcome()) {
      case FAILURE, ERROR -> {
        out.writeCharacters("\n      ");
        out.writeStartElement(c.outcome() == JUnitReport.Outcome.FAILURE ? "failure" : "error");
        out.writeAttribute("message", c.message());
        out.writeAttribute("type", c.type());
        out.writeCharacters(c.detail());
        out.writeEndElement();
      }
      case SKIPPED -> {
        out.writeCharacters("\n      ");
        out.writeEmptyElement("skipped");
        out.writeAttribute("message", c.message());
      }
      case PASSED -> {}
    }
    if (!c.systemOut().isEmpty()) {
      out.writeCharacters("\n      ");
      out.writeStartElement("system-out");
      out.writeCharacters(c.systemOut());
      out.writeEndElement();
    }
    out.writeCharacters("\n    ");
    out.writeEndElement();
  }

  /** The run's wall-clock seconds; 0 when its instants are missing or unreadable. */
  private static String seconds(RunResult run) {
    try {
      Duration d =
          Duration.between(Instant.parse(run.startedAt()), Instant.parse(run.finishedAt()));
      return Numbers.fixed(Math.max(0, d.toMillis()) / 1000.0, 3);
    } catch (DateTimeParseException | NullPointerException e) {
      return "0";
    }
  }

  /** The start as JUnit's schema wants it: local date-time without zone, here in UTC. */
  private static Optional<String> timestamp(RunResult run) {
    try {
      return Optional.of(
          TIMESTAMP.format(
              LocalDateTime.ofInstant(Instant.parse(run.startedAt()), ZoneOffset.UTC)));
    } catch (DateTimeParseException | NullPointerException e) {
      return Optional.empty();
    }
  }
}
