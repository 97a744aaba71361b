package dev.djbench.runner;

import dev.djbench.plan.Profile;
import dev.djbench.scenario.Experiment;
import dev.djbench.scenario.Interleave;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How long the rest of a run will take, for the progress line before each experiment.
 *
 * <p>The plan gives each experiment its least work: {@code minBlocks} blocks of one trial per
 * variant, or of one trial for all of them when they are measured together; a capacity search about
 * half its probes per variant. Until an experiment has run, a unit of work is priced at the
 * profile's warm-up and trial plus {@value #SETUP_SECONDS_PER_UNIT} s of start-up. After that, at
 * what the units run so far actually cost, which takes in the extra blocks, restarts and server
 * start-ups of this project on this machine. Both are estimates, and the line says "about".
 */
final class RunEstimate {

  static final double SETUP_SECONDS_PER_UNIT = 1.5;

  private final Profile profile;
  private final long startNanos;
  private double unitsDone;

  RunEstimate(Profile profile, long startNanos) {
    this.profile = profile;
    this.startNanos = startNanos;
  }

  /** The least trials the plan runs for {@code e}, the unit of the estimate. */
  static double units(Experiment e, Profile profile) {
    int variants = e.variants().size();
    if (e.capacity().isPresent()) {
      return variants * Math.max(1, e.capacity().get().maxProbes() / 2.0);
    }
    double perBlock = e.load().interleave() == Interleave.REQUESTS ? 1 : variants;
    return profile.minBlocks() * perBlock;
  }

  /**
   * What {@code e} is planned to take before anything has run: its least work at the profile's
   * price of a unit. Shards are dealt by it ({@code --shard K/N}), so it depends on the scenario
   * and the profile alone, and every shard computes the same deal.
   */
  static double plannedSeconds(Experiment e, Profile profile) {
    return units(e, profile) * unitSeconds(profile);
  }

  /** The price of a unit of work before any has run. */
  private static double unitSeconds(Profile profile) {
    return profile.warmupSeconds() + profile.trialSeconds() + SETUP_SECONDS_PER_UNIT;
  }

  /** Counts an experiment as done. */
  void done(Experiment e) {
    unitsDone += units(e, profile);
  }

  /** The time left for {@code remaining}, at {@code nowNanos}. */
  Duration left(List<Experiment> remaining, long nowNanos) {
    double units = remaining.stream().mapToDouble(e -> units(e, profile)).sum();
    return Duration.ofMillis(Math.round(units * secondsPerUnit(nowNanos) * 1000));
  }

  /** What a unit has cost so far, or its price before any has run. */
  private double secondsPerUnit(long nowNanos) {
    return unitsDone > 0 ? (nowNanos - startNanos) / 1e9 / unitsDone : unitSeconds(profile);
  }

  /** What one block of {@code e} is expected to take, at {@code nowNanos}. */
  double secondsPerBlock(Experiment e, long nowNanos) {
    return units(e, profile) / Math.max(1, profile.minBlocks()) * secondsPerUnit(nowNanos);
  }

  long startNanos() {
    return startNanos;
  }

  /** "3 of 24, 2:31 elapsed, about 6:10 left". */
  String line(int index, int count, List<Experiment> remaining, long nowNanos) {
    return String.format(
        Locale.ROOT,
        "%d of %d, %s elapsed, about %s left",
        index,
        count,
        clock(Duration.ofNanos(nowNanos - startNanos)),
        clock(left(remaining, nowNanos)));
  }

  static String clock(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
