package dev.djbench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServerTimingTest {

  @Test
  void parsesTheReferenceAppsHeaderIntoMicroseconds() {
    ServerTiming t =
        ServerTiming.parse(
            "total;dur=12.345, db;dur=3.210;count=101, cache;dur=0.120;hit=3;miss=1, template;dur=5.000");
    assertEquals(12_345, t.metric("total").orElseThrow().durationMicros());
    assertEquals(3_210, t.metric("db").orElseThrow().durationMicros());
    assertEquals(101, t.metric("db").orElseThrow().longParam("count"));
    assertEquals(3, t.metric("cache").orElseThrow().longParam("hit"));
    assertEquals(1, t.metric("cache").orElseThrow().longParam("miss"));
    assertEquals(120, t.metric("cache").orElseThrow().durationMicros());
    assertEquals(5_000, t.metric("template").orElseThrow().durationMicros());
  }

  @Test
  void keepsUnknownMetricsQuotedDescriptionsAndMissingDurations() {
    ServerTiming t = ServerTiming.parse("miss, auth;desc=\"a, b; c\";dur=0.5,  render ;DUR=2");
    assertEquals(-1, t.metric("miss").orElseThrow().durationMicros());
    assertEquals("a, b; c", t.metric("auth").orElseThrow().params().get("desc"));
    assertEquals(500, t.metric("auth").orElseThrow().durationMicros());
    assertEquals(2_000, t.metric("render").orElseThrow().durationMicros());
  }

  @Test
  void skipsMalformedEntriesAndTreatsAnAbsentHeaderAsEmpty() {
    ServerTiming t = ServerTiming.parse("total;dur=abc, ;dur=1, db;dur=1.000;count=x");
    assertTrue(t.metric("total").isEmpty());
    assertEquals(1_000, t.metric("db").orElseThrow().durationMicros());
    assertEquals(-1, t.metric("db").orElseThrow().longParam("count"));
    assertEquals(1, t.metrics().size());
    assertTrue(ServerTiming.parse(null).metrics().isEmpty());
    assertTrue(ServerTiming.parse("  ").metrics().isEmpty());
  }

  @Test
  void theFirstOfTwoMetricsWithTheSameNameWins() {
    assertEquals(
        1_000,
        ServerTiming.parse("db;dur=1, db;dur=2").metric("db").orElseThrow().durationMicros());
  }
}
