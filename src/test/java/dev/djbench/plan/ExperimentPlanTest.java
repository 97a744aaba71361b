package dev.djbench.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.scenario.Experiment;
import dev.djbench.scenario.ScenarioLoader;
import dev.djbench.scenario.Variant;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plan of an experiment: built before it runs, the same for the same seed, and when to stop.
 */
class ExperimentPlanTest {

  private static final Path HOME = Path.of("").toAbsolutePath();

  private static Experiment experiment(String interleave) throws Exception {
    return new ScenarioLoader(HOME)
        .parse(
            HOME.resolve("scenarios/plan-test.yaml"),
            """
            suite: plan
            app: ../sample-django-app
            experiments:
              - id: three
                load: {interleave: %s}
                variants: {a: GET /a/, b: GET /b/, c: GET /c/}
            """
                .formatted(interleave))
        .experiments()
        .get(0);
  }

  private static List<String> names(List<Variant> variants) {
    return variants.stream().map(Variant::name).toList();
  }

  @Test
  void everyBlockRunsEveryVariantOnceAndTheCapBoundsTheBlocks() throws Exception {
    ExperimentPlan plan =
        ExperimentPlan.of(experiment("trials"), Profile.QUICK, new BlockOrder(42));
    assertEquals(Profile.QUICK.maxBlocks(), plan.maxBlocks());
    assertEquals(Profile.QUICK.minBlocks(), plan.minBlocks());
    for (ExperimentPlan.Block block : plan.blocks()) {
      assertEquals(new HashSet<>(List.of("a", "b", "c")), new HashSet<>(names(block.order())));
      // Trial by trial: one unit per variant, in the block's order.
      assertEquals(block.order(), block.units().stream().map(u -> u.get(0)).toList());
      assertEquals(block.index() == 0, block.restartOrder().isEmpty(), "restarts before blocks 2+");
    }
    // Blocks come in counterbalanced pairs (BlockOrder): the second of a pair runs the first's
    // order reversed.
    List<String> first = names(plan.blocks().get(0).order());
    List<String> second = new java.util.ArrayList<>(names(plan.blocks().get(1).order()));
    java.util.Collections.reverse(second);
    assertEquals(first, second);
  }

  @Test
  void variantsMeasuredTogetherAreOneUnitPerBlock() throws Exception {
    ExperimentPlan plan =
        ExperimentPlan.of(experiment("requests"), Profile.QUICK, new BlockOrder(42));
    for (ExperimentPlan.Block block : plan.blocks()) {
      assertEquals(List.of(block.order()), block.units());
    }
  }

  @Test
  void theSameSeedGivesTheSamePlanAndAnotherSeedAnotherOne() throws Exception {
    Experiment e = experiment("trials");
    assertEquals(
        ExperimentPlan.of(e, Profile.FULL, new BlockOrder(7)),
        ExperimentPlan.of(e, Profile.FULL, new BlockOrder(7)));
    assertNotEquals(
        ExperimentPlan.of(e, Profile.FULL, new BlockOrder(7)).blocks(),
        ExperimentPlan.of(e, Profile.FULL, new BlockOrder(8)).blocks());
  }

  @Test
  void itStopsWhenSettledAfterTheMinimumOrAtTheCap() throws Exception {
    ExperimentPlan plan = ExperimentPlan.of(experiment("trials"), Profile.QUICK, new BlockOrder(1));
    int min = plan.minBlocks();
    assertFalse(plan.stopAfter(min - 1, true), "never before the minimum");
    assertTrue(plan.stopAfter(min, true));
    assertFalse(plan.stopAfter(min, false));
    assertTrue(plan.stopAfter(plan.maxBlocks(), false), "always at the cap");
  }

  @Test
  void aMinimumAboveTheCapIsRefused() throws Exception {
    ExperimentPlan plan = ExperimentPlan.of(experiment("trials"), Profile.SMOKE, new BlockOrder(1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ExperimentPlan("x", plan.startOrder(), plan.maxBlocks() + 1, plan.blocks()));
  }
}
