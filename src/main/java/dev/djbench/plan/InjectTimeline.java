package dev.djbench.plan;

import dev.djbench.scenario.Experiment;
import dev.djbench.scenario.Variant;
import java.util.ArrayList;
import java.util.List;

/**
 * The timeline of a distributed run ({@code djbench inject}), fixed in advance so that injectors
 * which never hear from each other keep to it together: every experiment's blocks, a fixed number
 * of them (no early stopping: that would need the parts' data, which only the merge has), each
 * block's units in the seed's order, one after another, each unit in a slot of its own. A slot is
 * the unit's warm-up and measured window, then {@value #GAP_SECONDS} s for its last requests to end
 * before the next begins.
 *
 * @param slots in timeline order
 */
public record InjectTimeline(List<Slot> slots) {

  /** Seconds between one slot's end of load and the next one's start. */
  public static final int GAP_SECONDS = 1;

  /**
   * One unit's trial on the timeline.
   *
   * @param index the slot's place, 0-based
   * @param experiment the experiment
   * @param block 0-based block
   * @param position the place of the unit's first variant within its block
   * @param unit the variants measured together in the slot (one, unless {@code interleave:
   *     requests})
   * @param startSeconds when its load starts, in seconds after the timeline's start
   * @param warmupSeconds its warm-up
   * @param measureSeconds its measured window
   */
  public record Slot(
      int index,
      Experiment experiment,
      int block,
      int position,
      List<Variant> unit,
      long startSeconds,
      int warmupSeconds,
      int measureSeconds) {
    public Slot {
      unit = List.copyOf(unit);
    }
  }

  public InjectTimeline {
    slots = List.copyOf(slots);
  }

  /**
   * The timeline of {@code experiments}, in their order.
   *
   * @param blocks blocks of each experiment, from 1 to the profile's most
   * @throws IllegalArgumentException when {@code blocks} is out of that range
   */
  public static InjectTimeline of(
      List<Experiment> experiments, Profile profile, BlockOrder order, int blocks) {
    if (blocks < 1 || blocks > profile.maxBlocks()) {
      throw new IllegalArgumentException(
          "blocks must be 1 to " + profile.maxBlocks() + " (the profile's most), was " + blocks);
    }
    List<Slot> slots = new ArrayList<>();
    long at = 0;
    for (Experiment experiment : experiments) {
      int warmup = experiment.load().warmupSeconds().orElse(profile.warmupSeconds());
      ExperimentPlan plan = ExperimentPlan.of(experiment, profile, order);
      for (ExperimentPlan.Block block : plan.blocks().subList(0, blocks)) {
        int position = 0;
        for (List<Variant> unit : block.units()) {
          slots.add(
              new Slot(
                  slots.size(),
                  experiment,
                  block.index(),
                  position,
                  unit,
                  at,
                  warmup,
                  profile.trialSeconds()));
          at += warmup + profile.trialSeconds() + GAP_SECONDS;
          position += unit.size();
        }
      }
    }
    return new InjectTimeline(slots);
  }

  /** Seconds from the timeline's start to its last slot's end. */
  public long seconds() {
    if (slots.isEmpty()) {
      return 0;
    }
    Slot last = slots.get(slots.size() - 1);
    return last.startSeconds() + last.warmupSeconds() + last.measureSeconds() + GAP_SECONDS;
  }
}
