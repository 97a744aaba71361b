package dev.djbench.sut.process;

import java.time.Duration;
import java.util.Optional;

/** Polls a service until it answers, its process dies, or time runs out. */
public final class Readiness {

  private static final long POLL_MILLIS = 100;

  /** One attempt to talk to the service: returns normally when it answered as expected. */
  @FunctionalInterface
  public interface Probe {
    void attempt() throws Exception;
  }

  private Readiness() {}

  /**
   * Waits until {@code probe} succeeds.
   *
   * @param what names the service in messages ("redis on 127.0.0.1:6379")
   * @param process the service's process, whose death ends the wait early; empty for services not
   *     started here
   * @throws TargetException on death or timeout, with the last probe failure and the log tail
   */
  public static void await(
      String what, Duration timeout, Optional<ManagedProcess> process, Probe probe)
      throws TargetException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no attempt yet";
    while (true) {
      if (process.isPresent() && !process.get().isAlive()) {
        throw new TargetException(
            what
                + " exited with code "
                + process.get().exitCode().orElse(-1)
                + " before it was ready"
                + process.get().describeLog());
      }
      try {
        probe.attempt();
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TargetException("interrupted while waiting for " + what);
      } catch (Exception e) {
        last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      }
      if (System.nanoTime() > deadline) {
        throw new TargetException(
            what
                + " did not become ready within "
                + timeout.toSeconds()
                + " s (last: "
                + last
                + ")"
                + process.map(ManagedProcess::describeLog).orElse(""));
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TargetException("interrupted while waiting for " + what);
      }
    }
  }
}
