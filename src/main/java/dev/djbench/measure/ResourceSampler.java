package dev.djbench.measure;

import dev.djbench.results.ServerResources;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Samples the CPU time and resident memory of a server's processes from {@code /proc} while a trial
 * runs.
 *
 * <p>CPU is counted per process as the difference between its first and last sample, so processes
 * that start or end during the trial still count for the time they were seen, and the harness's own
 * CPU (the load generator) is never included.
 */
public final class ResourceSampler implements AutoCloseable {

  private static final long SAMPLE_MILLIS = 200;
  private static final long TICKS_PER_SECOND = clockTicksPerSecond();
  private static final long PAGE_BYTES = 4096;

  private final Supplier<List<Long>> processes;
  private final ScheduledExecutorService timer;
  private final Map<Long, long[]> firstAndLastTicks = new HashMap<>();
  private final java.util.concurrent.atomic.AtomicBoolean begun =
      new java.util.concurrent.atomic.AtomicBoolean();
  private long peakRssBytes;

  private ResourceSampler(Supplier<List<Long>> processes) {
    this.processes = processes;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "djbench-resource-sampler");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * A sampler of the processes {@code processes} lists at each sample (e.g. a process group's
   * members); it takes no sample before {@link #begin()}.
   */
  public static ResourceSampler of(Supplier<List<Long>> processes) {
    return new ResourceSampler(processes);
  }

  /** Starts sampling, on the sampler's own thread; returns at once. Later calls do nothing. */
  public void begin() {
    if (begun.compareAndSet(false, true)) {
      timer.scheduleAtFixedRate(this::sample, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private synchronized void sample() {
    long rss = 0;
    for (long pid : processes.get()) {
      var stat = ProcStat.read(pid);
      if (stat.isEmpty()) {
        continue;
      }
      rss += stat.get().rssPages() * PAGE_BYTES;
      long ticks = stat.get().cpuTicks();
      firstAndLastTicks.computeIfAbsent(pid, p -> new long[] {ticks, ticks})[1] = ticks;
    }
    peakRssBytes = Math.max(peakRssBytes, rss);
  }

  /**
   * Takes a last sample, stops, and returns what was used.
   *
   * @param requestsAnswered requests answered during the sampled time, for CPU per request
   */
  public ServerResources finish(long requestsAnswered) {
    timer.shutdownNow();
    try {
      timer.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return summarize(requestsAnswered);
  }

  private synchronized ServerResources summarize(long requestsAnswered) {
    if (!begun.get()) {
      return ServerResources.UNKNOWN;
    }
    sample();
    long ticks = 0;
    for (long[] firstLast : firstAndLastTicks.values()) {
      ticks += firstLast[1] - firstLast[0];
    }
    double cpuSeconds = ticks / (double) TICKS_PER_SECOND;
    double perRequest = requestsAnswered > 0 ? cpuSeconds * 1000.0 / requestsAnswered : 0;
    return new ServerResources(cpuSeconds, perRequest, peakRssBytes, firstAndLastTicks.size());
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  private static long clockTicksPerSecond() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(getconf.getInputStream().readAllBytes()).trim();
      getconf.waitFor();
      return Long.parseLong(out);
    } catch (IOException | NumberFormatException e) {
      return 100; // Linux's USER_HZ on every mainstream architecture
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
