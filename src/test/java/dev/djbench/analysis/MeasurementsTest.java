package dev.djbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.results.Measurement;
import org.junit.jupiter.api.Test;

/** A page's figure: the geometric mean over trials, with a t interval and the clock's step. */
class MeasurementsTest {

  private final Measurements measurements = new Measurements(0.95);

  @Test
  void theValueIsTheGeometricMeanAndTheIntervalCoversIt() {
    Measurement m =
        measurements.measure(
            "books", Metric.SERVER_P50, new double[] {10_000, 11_000, 12_100, 10_500});
    assertEquals(Math.pow(10_000.0 * 11_000 * 12_100 * 10_500, 0.25), m.value(), 1e-6);
    assertTrue(m.lower() < m.value() && m.value() < m.upper(), m.toString());
    assertTrue(m.lower() > 9_000 && m.upper() < 13_500, m.toString());
    assertEquals(4, m.trials());
    assertEquals("", m.note());
  }

  @Test
  void identicalTrialsStillCarryTheClocksStep() {
    Measurement m =
        measurements.measure("books", Metric.CLIENT_P50, new double[] {7_000, 7_000, 7_000});
    assertEquals(7_000, m.value(), 1e-9);
    // Client latency is read to the microsecond: each value is known to ±0.5 µs.
    assertEquals(6_999.5, m.lower(), 1e-6);
    assertEquals(7_000.5, m.upper(), 1e-6);
  }

  @Test
  void absentZeroAndSingleValuesHaveNoInterval() {
    Measurement absent =
        measurements.measure("books", Metric.SERVER_P50, new double[] {Double.NaN, Double.NaN});
    assertEquals(Comparisons.NOT_REPORTED, absent.note());
    assertTrue(Double.isNaN(absent.value()), "absent is not zero");
    Measurement zero = measurements.measure("home", Metric.QUERIES, new double[] {0, 0, 0});
    assertEquals(0, zero.value(), 0);
    assertEquals("zero values", zero.note());
    Measurement one = measurements.measure("home", Metric.QUERIES, new double[] {3});
    assertEquals("one trial", one.note());
    assertTrue(Double.isNaN(one.lower()));
  }
}
