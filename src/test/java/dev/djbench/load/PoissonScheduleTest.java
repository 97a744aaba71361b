package dev.djbench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PoissonScheduleTest {

  @Test
  void oneSeedIsOneScheduleSoTheVariantsOfABlockMeetTheSameArrivals() {
    assertEquals(PoissonSchedule.gapsNanos(42, 20, 60), PoissonSchedule.gapsNanos(42, 20, 60));
    assertNotEquals(PoissonSchedule.gapsNanos(42, 20, 60), PoissonSchedule.gapsNanos(43, 20, 60));
  }

  @Test
  void theArrivalsAreAPoissonProcessOfTheRate() {
    // 20/s for 500 s: 10,000 arrivals expected, standard deviation 100.
    List<Long> gaps = PoissonSchedule.gapsNanos(7, 20, 500);
    assertTrue(Math.abs(gaps.size() - 10_000) < 500, gaps.size() + " arrivals");
    long total = gaps.stream().mapToLong(Long::longValue).sum();
    assertTrue(total < 500_000_000_000L, "every arrival lies within the schedule");
    double mean = (double) total / gaps.size();
    assertEquals(50e6, mean, 2.5e6, "mean gap 1/rate");
    // Exponential gaps: their standard deviation equals their mean (a constant schedule has 0).
    double var = gaps.stream().mapToDouble(g -> (g - mean) * (g - mean)).sum() / (gaps.size() - 1);
    assertEquals(1.0, Math.sqrt(var) / mean, 0.1);
    assertTrue(gaps.stream().allMatch(g -> g >= 0));
  }

  @Test
  void aScheduleNeedsARateAndALength() {
    assertThrows(IllegalArgumentException.class, () -> PoissonSchedule.gapsNanos(1, 0, 5));
    assertThrows(IllegalArgumentException.class, () -> PoissonSchedule.gapsNanos(1, 5, 0));
  }
}
