package dev.djbench.sut.process;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A small process beside the harness that stops the harness's process groups when the harness dies,
 * however it dies: SIGKILL, an out-of-memory kill, a crash of the JVM.
 *
 * <p>The harness holds the write end of the watchdog's standard input and tells it, one line each,
 * which process groups it starts ({@code + PGID}) and which it has stopped ({@code - PGID}). When
 * the harness ends the kernel closes that pipe, the watchdog reads end-of-file, and every group
 * still listed gets SIGTERM, then SIGKILL after {@value #GRACE_TENTHS} tenths of a second. A
 * harness that stopped its groups itself leaves the watchdog nothing to do.
 *
 * <p>Why not a parent-death signal ({@code prctl(PR_SET_PDEATHSIG)}, {@code setpriv --pdeathsig}):
 * it fires when the <em>thread</em> that forked the child ends, and a JVM forks from whichever
 * thread started the process, which may end long before the harness does. It would also reach only
 * the direct child, not Gunicorn's workers. The pipe closes exactly when the harness process ends,
 * and the watchdog signals whole groups.
 *
 * <p>The watchdog leads a session of its own ({@code setsid}), so a terminal's Ctrl-C or a signal
 * to the harness's process group does not stop it before it has done its work. It is a Bash script
 * ({@link #SCRIPT}): no JVM, a few hundred kilobytes of memory.
 */
final class Watchdog {

  static final int GRACE_TENTHS = 30;

  /** $1: the harness's ledger file, removed once its groups are stopped. */
  static final String SCRIPT =
      """
      trap '' INT HUP TERM PIPE
      declare -A groups
      while read -r op group; do
        case "$op" in
          +) groups[$group]=1 ;;
          -) unset "groups[$group]" ;;
        esac
      done
      if [ ${#groups[@]} -gt 0 ]; then
        for g in "${!groups[@]}"; do kill -TERM -- "-$g" 2>/dev/null; done
        for _ in $(seq %d); do
          left=
          for g in "${!groups[@]}"; do kill -0 -- "-$g" 2>/dev/null && left=1; done
          [ -z "$left" ] && break
          sleep 0.1
        done
        for g in "${!groups[@]}"; do kill -KILL -- "-$g" 2>/dev/null; done
      fi
      rm -f -- "$1"
      """
          .formatted(GRACE_TENTHS);

  private final Process process;
  private final Writer commands;
  private boolean broken;

  private Watchdog(Process process) {
    this.process = process;
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
  }

  /**
   * Starts the watchdog of this harness.
   *
   * @param ledger the harness's {@link ProcessLedger} file, which the watchdog removes when it has
   *     stopped what the file lists
   * @throws IOException when {@code setsid} or {@code bash} cannot be run
   */
  static Watchdog start(Path ledger) throws IOException {
    Process process =
        new ProcessBuilder("setsid", "bash", "-c", SCRIPT, "djbench-watchdog", ledger.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    return new Watchdog(process);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The watchdog stops {@code group} if the harness dies before {@link #forget} is called. */
  synchronized void watch(long group) {
    send("+ " + group);
  }

  /** The group has been stopped by the harness: nothing for the watchdog to do about it. */
  synchronized void forget(long group) {
    send("- " + group);
  }

  /**
   * Closes the pipe as the harness's end would: the watchdog stops the groups it still lists and
   * exits.
   */
  synchronized void close() {
    try {
      commands.close();
    } catch (IOException e) {
      // Already gone.
    }
    broken = true;
  }

  /** Waits up to {@code timeout} for the watchdog to exit; whether it did. */
  boolean awaitExit(java.time.Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  private void send(String line) {
    if (broken) {
      return;
    }
    try {
      commands.write(line + "\n");
      commands.flush();
    } catch (IOException e) {
      // The watchdog is gone (killed from outside): the ledger still lets the next run stop what
      // this harness leaves behind.
      broken = true;
    }
  }
}
