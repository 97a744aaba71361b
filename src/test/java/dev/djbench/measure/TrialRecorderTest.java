package dev.djbench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TrialRecorderTest {

  private static final String PROBE =
      "total;dur=12.000, db;dur=3.000;count=11;repeat=9;desc=\"sqlite\","
          + " dbgroups;dur=2.500;count=10;db=0.400, cache;dur=0.000;hit=0;miss=0, template;dur=5.000";

  @Test
  void theRepeatedGroupsTimeIsRecordedPerRequestWhereTheProbeSendsIt() {
    var recorder = new TrialRecorder(0, 10, true, () -> {});
    long start = recorder.onStart();
    recorder.onResponse(start, start + 12_345_678, 13, 200, PROBE, false, false);
    start = recorder.onStart();
    // An app's own header without the probe's entries: nothing recorded, not a zero.
    recorder.onResponse(start, start + 13_000_000, 13, 200, "total;dur=12.000", false, false);
    Histograms h = recorder.snapshot(1).histograms();
    assertEquals(1, h.serverDbGroupsMicros().getTotalCount());
    assertEquals(2500, h.serverDbGroupsMicros().getValueAtPercentile(50), 2500 * 0.001);
    assertEquals(2, h.serverTotalMicros().getTotalCount());
    assertEquals(1, h.dbRepeatedQueries().getTotalCount());
    // The fine clock to the microsecond (HdrHistogram keeps 3 significant digits), Gatling's in ms.
    assertEquals(12_345, h.clientLatencyMicros().getMinValue(), 12_345 * 0.001);
    assertEquals(13_000, h.gatlingLatencyMicros().getMinValue(), 13);
    assertEquals(2, h.gatlingLatencyMicros().getTotalCount());
  }

  @Test
  void olderTrialsWithoutTheHistogramReadItAsEmpty() {
    var recorder = new TrialRecorder(0, 10, true, () -> {});
    var names = new java.util.LinkedHashMap<>(recorder.snapshot(1).histograms().byName());
    names.remove("serverDbGroupsMicros");
    assertEquals(0, Histograms.fromNames(names).serverDbGroupsMicros().getTotalCount());
  }
}
