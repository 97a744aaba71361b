package dev.djbench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArrivalShareTest {

  private static TrialSpec spec(boolean poisson, ArrivalShare share) {
    return new TrialSpec(
        "e/v/b0",
        URI.create("http://127.0.0.1:8000"),
        "GET",
        "/",
        Map.of(),
        "",
        37.0,
        poisson,
        2,
        3,
        5,
        4242L,
        false,
        share);
  }

  /** The parts together send exactly the whole schedule, each arrival once, none twice. */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void thePartsOfASchedulePartitionIt(boolean poisson) {
    long[] whole = spec(poisson, ArrivalShare.WHOLE).arrivalOffsetsNanos();
    assertTrue(whole.length > 150, "5 s at 37/s: " + whole.length);
    for (int count : new int[] {2, 3, 4, 7}) {
      LongStream union = LongStream.empty();
      int total = 0;
      for (int i = 1; i <= count; i++) {
        long[] part = spec(poisson, new ArrivalShare(i, count)).arrivalOffsetsNanos();
        // Every part carries its share: none more than one arrival away from 1/count.
        assertTrue(Math.abs(part.length - whole.length / (double) count) <= 1, i + "/" + count);
        total += part.length;
        union = LongStream.concat(union, Arrays.stream(part));
      }
      assertEquals(whole.length, total, "no arrival sent twice, for " + count + " parts");
      assertArrayEquals(whole, union.sorted().toArray(), "the union is the schedule");
    }
  }

  @Test
  void aPartsRateIsItsShareOfTheSchedules() {
    assertEquals(37.0 / 4, spec(false, new ArrivalShare(2, 4)).shareRatePerSecond(), 1e-12);
    assertEquals(37.0, spec(false, ArrivalShare.WHOLE).shareRatePerSecond(), 1e-12);
  }

  @Test
  void partsAreParsedAndBadOnesNamed() {
    assertEquals(new ArrivalShare(3, 4), ArrivalShare.parse("3/4"));
    assertEquals("3/4", ArrivalShare.parse(" 3 / 4 ").label());
    for (String bad : new String[] {"0/4", "5/4", "4", "a/b", "1/0", "1/2/3", ""}) {
      var e = assertThrows(IllegalArgumentException.class, () -> ArrivalShare.parse(bad));
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
      assertTrue(e.getMessage().contains("expected I/N"), e.getMessage());
    }
  }
}
