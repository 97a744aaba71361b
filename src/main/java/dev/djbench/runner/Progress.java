package dev.djbench.runner;

import dev.djbench.results.TrialResult;
import java.io.PrintStream;
import java.util.Locale;

/**
 * One line per step of a run on the console, so a long run shows where it is. Formats; never
 * measures.
 */
final class Progress {

  private final PrintStream out;

  public Progress(PrintStream out) {
    this.out = out;
  }

  /** One line as it is. */
  void line(String text) {
    out.println(text);
    out.flush();
  }

  void say(String format, Object... args) {
    out.println(String.format(Locale.ROOT, format, args));
    out.flush();
  }

  void trial(TrialResult t, int minBlocks, int maxBlocks) {
    say(
        "  [%s] block %d of %s %-12s p50 %7.1f ms  server p50 %8.2f ms  %6.1f queries  %6.1f/s  %d errors%s",
        t.experiment(),
        t.block() + 1,
        minBlocks == maxBlocks ? Integer.toString(maxBlocks) : minBlocks + "-" + maxBlocks,
        t.variant(),
        t.distribution("clientLatencyMicros").p50() / 1000.0,
        t.distribution("serverTotalMicros").p50() / 1000.0,
        t.distribution("dbQueries").mean(),
        t.window().achievedRatePerSecond(),
        t.counts().errors(),
        t.valid() ? "" : "  INVALID: " + String.join("; ", t.invalidReasons()));
  }
}
