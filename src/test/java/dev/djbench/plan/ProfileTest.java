package dev.djbench.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileTest {

  @Test
  void profilesAreFoundByTheirLabelInAnyCase() {
    assertSame(Profile.QUICK, Profile.named("QUICK").orElseThrow());
    assertSame(Profile.FULL, Profile.named("full").orElseThrow());
    assertTrue(Profile.named("medium").isEmpty());
    assertEquals(
        List.of("smoke", "quick", "full"), Profile.values().stream().map(Profile::label).toList());
  }

  @Test
  void aGateSpendsItsTimeOnMoreShorterBlocks() {
    Profile gate = Profile.QUICK.forGate();
    assertEquals("quick", gate.label());
    assertEquals(4, gate.trialSeconds());
    assertEquals(20, gate.maxBlocks());
    assertEquals(Profile.QUICK.minBlocks(), gate.minBlocks());
    // Whole trials of a gate in the quick profile, warm-up included, stay under 3 minutes of load.
    assertTrue(gate.maxBlocks() * (gate.trialSeconds() + 1) <= 120);
    assertEquals(40, Profile.FULL.forGate().maxBlocks());
    assertSame(Profile.SMOKE, Profile.SMOKE.forGate());
  }

  @Test
  void anImpossibleProfileIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Profile("x", 5, 1, 4, 3));
    assertThrows(IllegalArgumentException.class, () -> new Profile("x", 0, 1, 1, 3));
  }
}
