package dev.djbench.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicLong now = new AtomicLong();

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static long seconds(double s) {
    return Math.round(s * 1e9);
  }

  private void startExperiment(Progress progress) {
    // The run began 60 s ago; the experiment is the 2nd of 5, 100 s are left with it.
    now.set(seconds(60));
    progress.experiment("select-related", 2, 5, 0, Duration.ofSeconds(100), 3, 12, 10);
  }

  @Test
  void withoutATerminalOnlyPlainLinesArePrinted() {
    var progress = new Progress(out, false, now::get);
    progress.say("djbench run %s", "x");
    startExperiment(progress);
    progress.line("  [select-related] block 1 ...");
    progress.done();

    assertEquals("djbench run x\n  [select-related] block 1 ...\n", printed());
    assertFalse(printed().contains("\u001b") || printed().contains("\r"), "no control characters");
  }

  @Test
  void onATerminalTheTwoStatusLinesStayBelowThePrintedOnes() {
    var progress = new Progress(out, true, now::get);
    startExperiment(progress);
    String status =
        "[select-related] block 1 of 3-12, 0:00 elapsed, about 0:30 left\n"
            + "run: experiment 2 of 5, 1:00 elapsed, about 1:40 left\r\u001b[1A";
    assertEquals(status, printed(), "drawn, the cursor back at the first status line");

    progress.line("a trial");
    assertEquals(status + "\r\u001b[J" + "a trial\n" + status, printed(), "erased, line, redrawn");

    progress.done();
    assertTrue(printed().endsWith("\r\u001b[J"), "the status lines are erased at the end");
  }

  @Test
  void theEstimatesFollowWhatTheBlocksReallyTake() {
    var progress = new Progress(out, true, now::get);
    startExperiment(progress);

    now.addAndGet(seconds(30));
    progress.blocksDone("select-related", 2);
    assertArrayEquals(
        new String[] {
          "[select-related] block 3 of 3-12, 0:30 elapsed, about 0:15 left",
          "run: experiment 2 of 5, 1:30 elapsed, about 1:10 left"
        },
        progress.statusLines(),
        "2 blocks in 30 s: the one left takes 15 s; the run's estimate less the 30 s");

    now.addAndGet(seconds(15));
    progress.blocksDone("select-related", 3);
    assertEquals(
        "[select-related] block 4 of 3-12, 0:45 elapsed, least blocks done: it stops once its"
            + " verdicts settle",
        progress.statusLines()[0]);

    now.addAndGet(seconds(120));
    assertEquals(
        "run: experiment 2 of 5, 3:45 elapsed, about 0:00 left",
        progress.statusLines()[1],
        "never a negative time left");
  }

  @Test
  void aCapacitySearchHasNoBlocks() {
    var progress = new Progress(out, true, now::get);
    progress.experiment("workers", 1, 1, 0, Duration.ofSeconds(40), 0, 0, 0);
    now.addAndGet(seconds(7));
    assertEquals("[workers] capacity search, 0:07 elapsed", progress.statusLines()[0]);
  }
}
