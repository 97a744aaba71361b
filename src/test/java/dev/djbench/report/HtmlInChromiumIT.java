package dev.djbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.results.ResultsFixtures;
import dev.djbench.sut.process.Host;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a browser shows it: the fixture run's index.html opened in headless Chromium
 * (Debian's {@code chromium}). No console message at all (the page has no script), every chart of
 * the page still in the rendered DOM, and a screenshot kept in {@code target/chromium/} for a
 * person to look at. Where Chromium is not installed the test is skipped and says so.
 */
class HtmlInChromiumIT {

  private static final Path SCREENSHOTS = Path.of("target", "chromium");

  @Test
  void theReportRendersInChromiumWithoutErrorsAndWithEveryChart(@TempDir Path work)
      throws Exception {
    Optional<Path> chromium = chromium();
    Assumptions.assumeTrue(
        chromium.isPresent(),
        "chromium is not installed (Debian: apt-get install chromium); the HTML report was not"
            + " opened in a browser");
    String html = ReportFormat.HTML.render(ResultsFixtures.run());
    Path page = work.resolve("index.html");
    Files.writeString(page, html, StandardCharsets.UTF_8);
    int charts = count(html, "<svg");
    assertTrue(charts > 0, "the fixture has charts");

    Result dom = run(chromium.get(), work, List.of("--dump-dom", page.toUri().toString()));
    assertEquals(0, dom.exit, dom.stderr);
    assertEquals(charts, count(dom.stdout, "<svg"), "every chart is in the rendered page");
    assertTrue(dom.stdout.contains("</html>"), "the whole page was rendered");
    List<String> errors = consoleErrors(dom.stderr);
    assertEquals(List.of(), errors, "console errors");

    Files.createDirectories(SCREENSHOTS);
    Path png = SCREENSHOTS.toAbsolutePath().resolve("report-index.png");
    Files.deleteIfExists(png);
    Result shot =
        run(
            chromium.get(),
            work,
            List.of("--window-size=1280,2400", "--screenshot=" + png, page.toUri().toString()));
    assertEquals(0, shot.exit, shot.stderr);
    assertTrue(Files.size(png) > 10_000, "a screenshot of the page: " + png);
    byte[] head = Files.readAllBytes(png);
    assertEquals((byte) 0x89, head[0], "a PNG file");
    assertEquals('P', head[1]);
  }

  /** The check above can fail: a page whose script throws is caught by it. */
  @Test
  void aScriptErrorOnAPageIsSeen(@TempDir Path work) throws Exception {
    Optional<Path> chromium = chromium();
    Assumptions.assumeTrue(chromium.isPresent(), "chromium is not installed");
    Path page = work.resolve("broken.html");
    Files.writeString(
        page, "<!DOCTYPE html><html><body><script>throw new Error('boom')</script></body></html>");
    Result dom = run(chromium.get(), work, List.of("--dump-dom", page.toUri().toString()));
    List<String> errors = consoleErrors(dom.stderr);
    assertTrue(errors.stream().anyMatch(l -> l.contains("boom")), dom.stderr);
  }

  /**
   * Every console message Chromium logs for the page ({@code INFO:CONSOLE:1] "Uncaught Error: …"}:
   * its log gives console.error and console.log the same level), and every resource it failed to
   * load. The report has no script of its own, so any console message at all is a fault.
   */
  static List<String> consoleErrors(String stderr) {
    List<String> errors = new ArrayList<>();
    for (String line : stderr.split("\n")) {
      if (line.contains(":CONSOLE:")
          || line.contains(":CONSOLE(")
          || line.contains("Failed to load resource")
          || line.contains("net::ERR_")) {
        errors.add(line);
      }
    }
    return errors;
  }

  private record Result(int exit, String stdout, String stderr) {}

  private static Result run(Path chromium, Path work, List<String> extra)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--enable-logging=stderr",
                "--v=0",
                "--user-data-dir=" + Files.createTempDirectory(work, "profile")));
    command.addAll(extra);
    Path out = Files.createTempFile(work, "chromium", ".out");
    Path err = Files.createTempFile(work, "chromium", ".err");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish within 90 s: " + command);
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static Optional<Path> chromium() {
    return Host.executable("chromium").or(() -> Host.executable("chromium-browser"));
  }

  private static int count(String text, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
