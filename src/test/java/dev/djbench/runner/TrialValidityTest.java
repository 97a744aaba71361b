package dev.djbench.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.measure.Histograms;
import dev.djbench.measure.TrialMeasurement;
import dev.djbench.results.ResultsFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrialValidityTest {

  private static TrialMeasurement measurement(
      long started, long completed, long errors, long lagMicros) {
    var empty = ResultsFixtures.histogram();
    var h =
        new Histograms(
            empty,
            empty,
            empty,
            empty,
            empty,
            empty,
            empty,
            ResultsFixtures.histogram(lagMicros),
            empty,
            empty);
    return new TrialMeasurement(
        5,
        40,
        80,
        started,
        completed,
        errors,
        0,
        0,
        0,
        0,
        0,
        Map.of(),
        Map.of("HTTP 500", errors),
        Map.of(),
        h);
  }

  @Test
  void aTrialThatKeptItsScheduleIsValid() {
    assertEquals(List.of(), TrialValidity.reasons(measurement(200, 200, 0, 500), false, 0.01));
    assertEquals(List.of(), TrialValidity.reasons(measurement(199, 199, 1, 500), false, 0.01));
  }

  @Test
  void aLowRateALaggingInjectorUnansweredRequestsAndErrorsAreEachNamed() {
    assertTrue(
        TrialValidity.reasons(measurement(180, 180, 0, 500), false, 0.01)
            .get(0)
            .contains("achieved rate 36.00/s"));
    assertTrue(
        TrialValidity.reasons(measurement(200, 200, 0, 90_000), false, 0.01)
            .get(0)
            .contains("fell behind"));
    assertTrue(
        TrialValidity.reasons(measurement(200, 190, 0, 500), false, 0.01)
            .get(0)
            .contains("10 requests had no answer"));
    assertTrue(
        TrialValidity.reasons(measurement(200, 200, 5, 500), false, 0.01)
            .get(0)
            .contains("2.5% of requests failed"));
  }

  @Test
  void poissonArrivalsAreAllowedTheirNaturalSpreadButNotMore() {
    assertEquals(List.of(), TrialValidity.reasons(measurement(230, 230, 0, 0), true, 0.01));
    assertTrue(
        TrialValidity.reasons(measurement(260, 260, 0, 0), true, 0.01)
            .get(0)
            .contains("achieved rate"));
  }
}
