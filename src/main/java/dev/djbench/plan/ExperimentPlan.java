package dev.djbench.plan;

import dev.djbench.scenario.Experiment;
import dev.djbench.scenario.Interleave;
import dev.djbench.scenario.Variant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one experiment will run, decided before its first trial (as JMH's {@code ActionPlan} is):
 * the order its servers start in, and up to the profile's cap of blocks, each with its variants'
 * order, what is measured at once, and the order servers are restarted in before it. The runner
 * executes it block by block and asks {@link #stopAfter} whether to go on.
 *
 * @param experimentId the experiment's id
 * @param startOrder the variants in the order their servers start
 * @param minBlocks blocks always run
 * @param blocks every block that may run, in order; as many as the profile's cap
 */
public record ExperimentPlan(
    String experimentId, List<Variant> startOrder, int minBlocks, List<Block> blocks) {

  /**
   * One block: every variant once.
   *
   * @param index 0-based
   * @param order the variants in the order they run
   * @param units what is measured at once: the whole block when its variants run together ({@code
   *     interleave: requests}), else one variant at a time
   * @param restartOrder the order servers get fresh processes in before the block (none before the
   *     first), where the variants run on servers that can be restarted
   */
  public record Block(
      int index, List<Variant> order, List<List<Variant>> units, List<Variant> restartOrder) {
    public Block {
      order = List.copyOf(order);
      units = units.stream().map(List::copyOf).toList();
      restartOrder = List.copyOf(restartOrder);
    }
  }

  public ExperimentPlan {
    startOrder = List.copyOf(startOrder);
    blocks = List.copyOf(blocks);
    if (minBlocks < 1 || minBlocks > blocks.size()) {
      throw new IllegalArgumentException(
          "minBlocks must be 1 to " + blocks.size() + " (the cap), was " + minBlocks);
    }
  }

  /**
   * The plan of {@code experiment} under {@code profile}, its orders drawn from {@code order}
   * (seeded, so that the plan is the same for the same seed whatever ran before it).
   */
  public static ExperimentPlan of(Experiment experiment, Profile profile, BlockOrder order) {
    String id = experiment.id();
    List<Variant> variants = experiment.variants();
    boolean together = experiment.load().interleave() == Interleave.REQUESTS;
    List<Block> blocks = new ArrayList<>();
    for (int b = 0; b < profile.maxBlocks(); b++) {
      List<Variant> blockOrder = order.order(id, b, variants);
      List<List<Variant>> units =
          together ? List.of(blockOrder) : blockOrder.stream().map(List::of).toList();
      List<Variant> restart = b == 0 ? List.of() : order.order(id + "#restart", b, variants);
      blocks.add(new Block(b, blockOrder, units, restart));
    }
    return new ExperimentPlan(
        id, order.order(id + "#start", 0, variants), profile.minBlocks(), blocks);
  }

  /** The most blocks the experiment may run. */
  public int maxBlocks() {
    return blocks.size();
  }

  /**
   * The stopping rule: after {@code blocksRun} blocks, stop when the minimum has run and every
   * gating comparison is settled, or when the cap is reached.
   */
  public boolean stopAfter(int blocksRun, boolean settled) {
    return blocksRun >= blocks.size() || (blocksRun >= minBlocks && settled);
  }
}
