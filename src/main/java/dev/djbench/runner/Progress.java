package dev.djbench.runner;

import dev.djbench.results.TrialResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What a run shows on the console while it measures. Formats; never measures.
 *
 * <p>Every step is a line of its own ({@link #say}, {@link #trial}), which is all there is when the
 * console is not a terminal (a CI log, a file): plain lines, no control characters. On a terminal
 * two more lines stay at the bottom and are rewritten every second: one for the experiment under
 * way (its block, time elapsed, an estimate of the time left) and one for the whole run (the
 * experiment's number, time elapsed, an estimate of the time left). {@code DJBENCH_PROGRESS=plain}
 * asks for plain lines on a terminal too.
 *
 * <p>The estimates: an experiment's time left is the blocks its plan still has to run at least, at
 * what its blocks so far took (before its first block, at {@link RunEstimate}'s price of a unit);
 * the run's is {@link RunEstimate}'s at the experiment's start, less the time since.
 */
final class Progress {

  /** The widest a status line is drawn, so that it never wraps on a narrow terminal. */
  private static final int WIDTH = 118;

  private final PrintStream out;
  private final boolean live;
  private final LongSupplier clock;
  private ScheduledExecutorService ticker;

  private volatile Status status;
  private boolean drawn;

  public Progress(PrintStream out) {
    this(out, isTerminal(out), System::nanoTime);
  }

  Progress(PrintStream out, boolean live, LongSupplier clock) {
    this.out = out;
    this.live = live;
    this.clock = clock;
  }

  /** Whether {@code out} is this process's standard output and that is a terminal. */
  private static boolean isTerminal(PrintStream out) {
    return out == System.out
        && System.console() != null
        && !"dumb".equals(System.getenv("TERM"))
        && !"plain".equals(System.getenv("DJBENCH_PROGRESS"));
  }

  boolean live() {
    return live;
  }

  /** One line as it is. */
  synchronized void line(String text) {
    clearStatus();
    out.println(text);
    drawStatus();
    out.flush();
  }

  void say(String format, Object... args) {
    line(String.format(Locale.ROOT, format, args));
  }

  void trial(TrialResult t, int minBlocks, int maxBlocks) {
    say(
        "  [%s] block %d of %s %-12s p50 %7s ms  server p50 %8s ms  %6s queries  %6.1f/s  %d errors%s",
        t.experiment(),
        t.block() + 1,
        minBlocks == maxBlocks ? Integer.toString(maxBlocks) : minBlocks + "-" + maxBlocks,
        t.variant(),
        figure(t, "clientLatencyMicros", false, 1000.0, "%.1f"),
        figure(t, "serverTotalMicros", false, 1000.0, "%.2f"),
        figure(t, "dbQueries", true, 1, "%.1f"),
        t.window().achievedRatePerSecond(),
        t.counts().errors(),
        t.valid() ? "" : "  INVALID: " + String.join("; ", t.invalidReasons()));
  }

  /**
   * A trial's p50 (or mean) of {@code metric} divided by {@code unit}; "–" when nothing was
   * measured (no Server-Timing from the app, say), never 0.
   */
  private static String figure(
      TrialResult t, String metric, boolean mean, double unit, String format) {
    var d = t.distributions().get(metric);
    if (d == null || d.count() == 0) {
      return "–";
    }
    return String.format(Locale.ROOT, format, (mean ? d.mean() : d.p50()) / unit);
  }

  /** {@code done} blocks of the experiment under way have been measured. */
  void blocksDone(String experiment, int done) {
    Status s = status;
    if (s != null && s.experiment.equals(experiment)) {
      s.blocksDone = done;
    }
  }

  /**
   * An experiment starts: the status lines follow it from now on.
   *
   * @param index its number among those the run measures (from 1)
   * @param count how many the run measures
   * @param runStartNanos when the run started
   * @param runLeft the estimate of the run's time left, this experiment included
   * @param minBlocks the least blocks its plan runs; with {@code maxBlocks} 0 for a capacity
   *     search, which has none
   * @param secondsPerBlock what a block is expected to take before one has run
   */
  synchronized void experiment(
      String id,
      int index,
      int count,
      long runStartNanos,
      Duration runLeft,
      int minBlocks,
      int maxBlocks,
      double secondsPerBlock) {
    status =
        new Status(
            id,
            index,
            count,
            runStartNanos,
            clock.getAsLong(),
            runLeft,
            minBlocks,
            maxBlocks,
            secondsPerBlock);
    if (live && ticker == null) {
      ticker =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "djbench-progress");
                t.setDaemon(true);
                return t;
              });
      ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
    }
    redraw();
  }

  /** The run has ended: the status lines go, and nothing is redrawn any more. */
  synchronized void done() {
    clearStatus();
    status = null;
    if (ticker != null) {
      ticker.shutdownNow();
      ticker = null;
    }
    out.flush();
  }

  synchronized void redraw() {
    clearStatus();
    drawStatus();
    out.flush();
  }

  /** The two status lines, as they read now; empty when no experiment is under way. */
  synchronized String[] statusLines() {
    Status s = status;
    if (s == null) {
      return new String[0];
    }
    long now = clock.getAsLong();
    Duration inExperiment = Duration.ofNanos(now - s.startNanos);
    String experimentLine;
    if (s.maxBlocks == 0) {
      experimentLine =
          String.format(
              Locale.ROOT,
              "[%s] capacity search, %s elapsed",
              s.experiment,
              RunEstimate.clock(inExperiment));
    } else {
      int done = s.blocksDone;
      double perBlock = done > 0 ? inExperiment.toMillis() / 1000.0 / done : s.secondsPerBlock;
      int blocksLeft = Math.max(0, s.minBlocks - done);
      String blocks =
          s.minBlocks == s.maxBlocks
              ? Integer.toString(s.maxBlocks)
              : s.minBlocks + "-" + s.maxBlocks;
      Duration left = Duration.ofMillis(Math.round(blocksLeft * perBlock * 1000));
      experimentLine =
          String.format(
              Locale.ROOT,
              "[%s] block %d of %s, %s elapsed, %s",
              s.experiment,
              Math.min(done + 1, s.maxBlocks),
              blocks,
              RunEstimate.clock(inExperiment),
              blocksLeft > 0
                  ? "about " + RunEstimate.clock(left) + " left"
                  : "least blocks done: it stops once its verdicts settle");
    }
    Duration runLeft = s.runLeft.minus(inExperiment);
    String runLine =
        String.format(
            Locale.ROOT,
            "run: experiment %d of %d, %s elapsed, about %s left",
            s.index,
            s.count,
            RunEstimate.clock(Duration.ofNanos(now - s.runStartNanos)),
            RunEstimate.clock(runLeft.isNegative() ? Duration.ZERO : runLeft));
    return new String[] {fit(experimentLine), fit(runLine)};
  }

  private static String fit(String line) {
    return line.length() <= WIDTH ? line : line.substring(0, WIDTH - 1) + "…";
  }

  /** Draws the status lines below the last line, the cursor left at the start of the first. */
  private void drawStatus() {
    if (!live) {
      return;
    }
    String[] lines = statusLines();
    if (lines.length == 0) {
      return;
    }
    out.print(lines[0] + "\n" + lines[1] + "\r\u001b[1A");
    drawn = true;
  }

  /** Erases the status lines, the cursor at the start of the first. */
  private void clearStatus() {
    if (live && drawn) {
      out.print("\r\u001b[J");
      drawn = false;
    }
  }

  /** The experiment the status lines follow. */
  private static final class Status {
    final String experiment;
    final int index;
    final int count;
    final long runStartNanos;
    final long startNanos;
    final Duration runLeft;
    final int minBlocks;
    final int maxBlocks;
    final double secondsPerBlock;
    volatile int blocksDone;

    Status(
        String experiment,
        int index,
        int count,
        long runStartNanos,
        long startNanos,
        Duration runLeft,
        int minBlocks,
        int maxBlocks,
        double secondsPerBlock) {
      this.experiment = experiment;
      this.index = index;
      this.count = count;
      this.runStartNanos = runStartNanos;
      this.startNanos = startNanos;
      this.runLeft = runLeft;
      this.minBlocks = minBlocks;
      this.maxBlocks = maxBlocks;
      this.secondsPerBlock = secondsPerBlock;
    }
  }
}
