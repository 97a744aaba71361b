package dev.djbench.load;

import dev.djbench.measure.TrialRecorder;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The hand-over point between the harness and the Gatling simulation, which Gatling instantiates
 * itself by reflection and so cannot be given constructor arguments. Only one Gatling run happens
 * at a time in a JVM: two at once would load the machine twice. A run has one stream of arrivals
 * per part: one part for a trial of one variant, several when the variants of a block are measured
 * together.
 *
 * @param parts one arrival stream each, with its own recorder; at least one
 * @param anchorNanos the {@link System#nanoTime()} instant the parts' offsets count from, for a
 *     timeline fixed in advance ({@code djbench inject}); {@link #UNANCHORED} when they count from
 *     the moment Gatling starts the run
 */
public record ActiveTrial(List<Part> parts, long anchorNanos) {

  /** {@link #anchorNanos} of a run whose offsets count from its own start. */
  public static final long UNANCHORED = Long.MIN_VALUE;

  private static final AtomicReference<ActiveTrial> CURRENT = new AtomicReference<>();

  /**
   * One arrival stream.
   *
   * @param spec what to send
   * @param recorder where the simulation reports each request of this stream
   * @param offsetNanos delay of this stream's first arrival after the run starts, &gt;= 0 (streams
   *     at the same rate offset by a fraction of the gap between arrivals alternate)
   */
  public record Part(TrialSpec spec, TrialRecorder recorder, long offsetNanos) {
    public Part {
      if (offsetNanos < 0) {
        throw new IllegalArgumentException("offsetNanos must be >= 0, was " + offsetNanos);
      }
    }
  }

  /** A run whose offsets count from its own start. */
  public ActiveTrial(List<Part> parts) {
    this(parts, UNANCHORED);
  }

  /**
   * How long the simulation must wait, from now, before its time 0: until the anchor when there is
   * one (never less than 0: a run set up late starts at once, and its requests' lag behind the
   * schedule says by how much), else 0.
   */
  public long leadNanos() {
    return anchorNanos == UNANCHORED ? 0 : Math.max(0, anchorNanos - System.nanoTime());
  }

  public ActiveTrial {
    parts = List.copyOf(parts);
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("a trial needs at least one arrival stream");
    }
  }

  /** Names of the parts, for messages. */
  public String name() {
    if (parts.size() > 4) {
      return parts.get(0).spec().name()
          + " … "
          + parts.get(parts.size() - 1).spec().name()
          + " ("
          + parts.size()
          + " streams)";
    }
    return String.join(" + ", parts.stream().map(p -> p.spec().name()).toList());
  }

  /** The trial being run; fails loudly when the simulation is started outside the harness. */
  public static ActiveTrial current() {
    ActiveTrial trial = CURRENT.get();
    if (trial == null) {
      throw new IllegalStateException(
          "no djbench trial is active: the simulation is started by GatlingLoadGenerator, not on its own");
    }
    return trial;
  }

  static void begin(ActiveTrial trial) {
    if (!CURRENT.compareAndSet(null, trial)) {
      throw new IllegalStateException(
          "another trial is already running in this JVM: " + CURRENT.get().name());
    }
  }

  static void end(ActiveTrial trial) {
    CURRENT.compareAndSet(trial, null);
  }
}
