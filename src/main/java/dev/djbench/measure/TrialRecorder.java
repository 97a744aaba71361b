package dev.djbench.measure;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Records what one trial measured, request by request, from the load generator's threads.
 *
 * <p>Requests that start before the warm-up ends are counted but not recorded: the histograms hold
 * the measured window only. Latencies are kept in microseconds throughout. Client latency is the
 * time from a virtual user's start to the end of its response on {@link System#nanoTime()}, to the
 * microsecond; Gatling's own value, in whole milliseconds, is kept beside it ({@code
 * gatlingLatencyMicros}). Thread-safe: the recording methods may be called concurrently.
 */
public final class TrialRecorder {

  /** Highest latency the histograms track: one hour, in microseconds. */
  public static final long MAX_TRACKABLE_MICROS = 3_600_000_000L;

  private static final int SIGNIFICANT_DIGITS = 3;

  private final long warmupNanos;
  private final double targetRatePerSecond;
  private final boolean evenlySpaced;
  private final Runnable onWindowOpen;

  /** For a timeline fixed in advance: when the window opens, on the monotonic clock. */
  private final long fixedWindowOpenNanos;

  /** For a timeline fixed in advance: when each arrival is due, on the monotonic clock. */
  private final long[] dueNanos;

  private final java.util.concurrent.atomic.AtomicBoolean windowOpened =
      new java.util.concurrent.atomic.AtomicBoolean();

  private final Histogram clientLatencyMicros = newHistogram();
  private final Histogram serverTotalMicros = newHistogram();
  private final Histogram serverDbMicros = newHistogram();
  private final Histogram serverTemplateMicros = newHistogram();
  private final Histogram serverCacheMicros = newHistogram();
  private final Histogram dbQueriesPerRequest = newHistogram();
  private final Histogram dbRepeatedPerRequest = newHistogram();
  private final Histogram startLagMicros = newHistogram();
  private final Histogram serverDbGroupsMicros = newHistogram();
  private final Histogram gatlingLatencyMicros = newHistogram();

  private final AtomicLong firstStartNanos = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong userIndex = new AtomicLong();
  private final LongAdder warmupRequests = new LongAdder();
  private final LongAdder started = new LongAdder();
  private final LongAdder completed = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder connectionFailures = new LongAdder();
  private final LongAdder missingServerTiming = new LongAdder();
  private final LongAdder edgeCacheHits = new LongAdder();
  private final LongAdder cacheHits = new LongAdder();
  private final LongAdder cacheMisses = new LongAdder();
  private final Map<Integer, LongAdder> statusCounts =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, LongAdder> failureMessages =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, LongAdder> databaseVendors =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param warmupNanos how long after the first request the measured window opens, &gt;= 0
   * @param targetRatePerSecond the arrival rate the injector was asked for, &gt; 0; used to compute
   *     how late each request started against its schedule
   * @param evenlySpaced whether arrivals are evenly spaced (then each request's lag behind its due
   *     time is recorded); Poisson arrivals have no fixed schedule to lag behind
   * @param onWindowOpen run once, on the thread of the first request of the measured window (keep
   *     it short)
   */
  public TrialRecorder(
      long warmupNanos, double targetRatePerSecond, boolean evenlySpaced, Runnable onWindowOpen) {
    if (warmupNanos < 0) {
      throw new IllegalArgumentException("warmupNanos must be >= 0, was " + warmupNanos);
    }
    if (!(targetRatePerSecond > 0) || Double.isInfinite(targetRatePerSecond)) {
      throw new IllegalArgumentException(
          "targetRatePerSecond must be > 0 and finite, was " + targetRatePerSecond);
    }
    this.warmupNanos = warmupNanos;
    this.targetRatePerSecond = targetRatePerSecond;
    this.evenlySpaced = evenlySpaced;
    this.onWindowOpen = onWindowOpen;
    this.fixedWindowOpenNanos = Long.MIN_VALUE;
    this.dueNanos = null;
  }

  private TrialRecorder(long windowOpenNanos, long[] dueNanos, double targetRatePerSecond) {
    this.warmupNanos = 0;
    this.targetRatePerSecond = targetRatePerSecond;
    this.evenlySpaced = false;
    this.onWindowOpen = () -> {};
    this.fixedWindowOpenNanos = windowOpenNanos;
    this.dueNanos = dueNanos.clone();
  }

  /**
   * A recorder for arrivals due at instants fixed in advance ({@code djbench inject}, where several
   * injectors share one schedule): the measured window opens at an instant, not at the first
   * request, so that every injector measures the same window; and each request's lag is measured
   * against its own due instant, whatever the arrivals' spacing.
   *
   * @param windowOpenNanos when the measured window opens, on {@link System#nanoTime()}
   * @param dueNanos when each arrival is due, on the same clock, in order
   * @param targetRatePerSecond the rate this injector sends, &gt; 0
   */
  public static TrialRecorder onSchedule(
      long windowOpenNanos, long[] dueNanos, double targetRatePerSecond) {
    if (!(targetRatePerSecond > 0) || Double.isInfinite(targetRatePerSecond)) {
      throw new IllegalArgumentException(
          "targetRatePerSecond must be > 0 and finite, was " + targetRatePerSecond);
    }
    return new TrialRecorder(windowOpenNanos, dueNanos, targetRatePerSecond);
  }

  private static Histogram newHistogram() {
    var histogram = new ConcurrentHistogram(1, MAX_TRACKABLE_MICROS, SIGNIFICANT_DIGITS);
    histogram.setStartTimeStamp(System.currentTimeMillis());
    return histogram;
  }

  /**
   * Called as a virtual user starts, before its request is sent.
   *
   * @return the start instant in {@link System#nanoTime()} units, to be handed back to {@link
   *     #onResponse}
   */
  public long onStart() {
    long now = System.nanoTime();
    firstStartNanos.compareAndSet(Long.MIN_VALUE, now);
    // With a constant arrival rate user i is due at first + i / rate; how late it really started is
    // the
    // injector's own lag, which must stay small for the open model to hold.
    long index = userIndex.getAndIncrement();
    long due =
        dueNanos != null
            ? (dueNanos.length == 0 ? now : dueNanos[(int) Math.min(index, dueNanos.length - 1)])
            : firstStartNanos.get() + Math.round(index * 1e9 / targetRatePerSecond);
    if (inMeasuredWindow(now)) {
      if (windowOpened.compareAndSet(false, true)) {
        onWindowOpen.run();
      }
      started.increment();
      if (evenlySpaced || dueNanos != null) {
        startLagMicros.recordValue(clamp(Math.max(0, now - due) / 1000));
      }
    } else {
      warmupRequests.increment();
    }
    return now;
  }

  /**
   * Called when a request ended with an HTTP response.
   *
   * @param startNanos what {@link #onStart} returned
   * @param endNanos when the response had been read, on the same clock ({@link System#nanoTime()}):
   *     {@code endNanos - startNanos} is the client latency recorded, to the microsecond
   * @param latencyMillis the load generator's own client latency, in whole milliseconds, kept
   *     beside it
   * @param status the HTTP status
   * @param serverTimingHeader the raw {@code Server-Timing} header, or {@code null}
   * @param errorStatus whether the status counts as an error for this trial
   * @param edgeCacheHit whether a cache in front of the app answered (nginx {@code X-Cache-Status:
   *     HIT}): the app did no work, so no server timing is recorded
   */
  public void onResponse(
      long startNanos,
      long endNanos,
      long latencyMillis,
      int status,
      String serverTimingHeader,
      boolean errorStatus,
      boolean edgeCacheHit) {
    if (!inMeasuredWindow(startNanos)) {
      return;
    }
    completed.increment();
    statusCounts.computeIfAbsent(status, s -> new LongAdder()).increment();
    if (errorStatus) {
      errors.increment();
      failureMessages.computeIfAbsent("HTTP " + status, m -> new LongAdder()).increment();
    }
    clientLatencyMicros.recordValue(clamp((endNanos - startNanos) / 1000));
    gatlingLatencyMicros.recordValue(clamp(latencyMillis * 1000));
    if (edgeCacheHit) {
      edgeCacheHits.increment();
      return;
    }
    ServerTiming timing = ServerTiming.parse(serverTimingHeader);
    if (timing.metrics().isEmpty()) {
      missingServerTiming.increment();
      return;
    }
    timing
        .metric("total")
        .filter(m -> m.durationMicros() >= 0)
        .ifPresent(m -> serverTotalMicros.recordValue(clamp(m.durationMicros())));
    timing
        .metric("db")
        .ifPresent(
            m -> {
              if (m.durationMicros() >= 0) {
                serverDbMicros.recordValue(clamp(m.durationMicros()));
              }
              if (m.longParam("count") >= 0) {
                dbQueriesPerRequest.recordValue(clamp(m.longParam("count")));
              }
              // Only the probe sends it; an app's own header without it leaves the histogram
              // empty, which reads as not reported rather than as no repeats.
              if (m.longParam("repeat") >= 0) {
                dbRepeatedPerRequest.recordValue(clamp(m.longParam("repeat")));
              }
              String vendor = m.params().get("desc");
              if (vendor != null && !vendor.isEmpty()) {
                databaseVendors.computeIfAbsent(vendor, v -> new LongAdder()).increment();
              }
            });
    // Only the probe sends it: an app's own header without it leaves it empty (not reported).
    timing
        .metric("dbgroups")
        .filter(m -> m.durationMicros() >= 0)
        .ifPresent(m -> serverDbGroupsMicros.recordValue(clamp(m.durationMicros())));
    timing
        .metric("template")
        .filter(m -> m.durationMicros() >= 0)
        .ifPresent(m -> serverTemplateMicros.recordValue(clamp(m.durationMicros())));
    timing
        .metric("cache")
        .ifPresent(
            m -> {
              if (m.durationMicros() >= 0) {
                serverCacheMicros.recordValue(clamp(m.durationMicros()));
              }
              cacheHits.add(Math.max(0, m.longParam("hit")));
              cacheMisses.add(Math.max(0, m.longParam("miss")));
            });
  }

  /**
   * Called when a request ended without an HTTP response (refused connection, reset, timeout).
   *
   * @param startNanos what {@link #onStart} returned
   * @param message what the load generator said, kept (counted by message) for the report
   */
  public void onFailure(long startNanos, String message) {
    if (!inMeasuredWindow(startNanos)) {
      return;
    }
    completed.increment();
    errors.increment();
    connectionFailures.increment();
    String key = message == null || message.isBlank() ? "no response" : message;
    failureMessages.computeIfAbsent(key, m -> new LongAdder()).increment();
  }

  /**
   * The window is anchored on the first request rather than on the call that started the load
   * generator, whose own start-up takes a variable fraction of a second; on a timeline fixed in
   * advance, on its instant, the same for every injector sharing the schedule.
   */
  private boolean inMeasuredWindow(long startNanos) {
    if (dueNanos != null) {
      return startNanos >= fixedWindowOpenNanos;
    }
    long first = firstStartNanos.get();
    return first != Long.MIN_VALUE && startNanos - first >= warmupNanos;
  }

  private static long clamp(long value) {
    return Math.min(Math.max(0, value), MAX_TRACKABLE_MICROS);
  }

  /**
   * A consistent copy of everything recorded so far.
   *
   * @param measuredSeconds the length of the measured window, &gt; 0, for the achieved rate
   */
  public TrialMeasurement snapshot(double measuredSeconds) {
    if (!(measuredSeconds > 0)) {
      throw new IllegalArgumentException("measuredSeconds must be > 0, was " + measuredSeconds);
    }
    Map<Integer, Long> statuses = new TreeMap<>();
    statusCounts.forEach((k, v) -> statuses.put(k, v.sum()));
    Map<String, Long> failures = new TreeMap<>();
    failureMessages.forEach((k, v) -> failures.put(k, v.sum()));
    Map<String, Long> vendors = new TreeMap<>();
    databaseVendors.forEach((k, v) -> vendors.put(k, v.sum()));
    return new TrialMeasurement(
        measuredSeconds,
        targetRatePerSecond,
        warmupRequests.sum(),
        started.sum(),
        completed.sum(),
        errors.sum(),
        connectionFailures.sum(),
        missingServerTiming.sum(),
        edgeCacheHits.sum(),
        cacheHits.sum(),
        cacheMisses.sum(),
        statuses,
        failures,
        vendors,
        new Histograms(
            clientLatencyMicros.copy(),
            serverTotalMicros.copy(),
            serverDbMicros.copy(),
            serverTemplateMicros.copy(),
            serverCacheMicros.copy(),
            dbQueriesPerRequest.copy(),
            dbRepeatedPerRequest.copy(),
            startLagMicros.copy(),
            serverDbGroupsMicros.copy(),
            gatlingLatencyMicros.copy()));
  }
}
