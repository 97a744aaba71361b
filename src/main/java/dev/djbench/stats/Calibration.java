package dev.djbench.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A/A calibration: from per-block ratios of runs where both sides are the same variant, the noise
 * floor of each metric and a suggested practical threshold delta.
 *
 * <p>Rule: with {@code [L, U]} the bootstrap interval of the A/A geometric-mean ratio at {@code
 * confidenceLevel}, the noise floor is {@code f = exp(max(|log L|, |log U|)) - 1}: the smallest
 * symmetric no-change zone that contains the whole A/A interval. The suggestion is {@code
 * max(minimumDelta, f)} rounded <em>up</em> to the next multiple of 0.5% (a value within 1e-9 of a
 * multiple counts as that multiple). A smaller delta would ask the harness to resolve differences
 * that it cannot tell apart from A against itself with this many blocks.
 */
public final class Calibration {

  /** Default lower limit for the suggested delta: 2%. */
  public static final double DEFAULT_MINIMUM_DELTA = 0.02;

  /** Suggested deltas are rounded up to multiples of this step: 0.5%. */
  public static final double ROUNDING_STEP = 0.005;

  private final BootstrapRatio bootstrap;
  private final double confidenceLevel;
  private final double minimumDelta;

  /**
   * @param bootstrap interval estimator; not null
   * @param confidenceLevel level of the A/A interval in (0, 1); use the level the gate will use,
   *     e.g. {@link SequentialPlan#confidenceLevelAtLook()}
   * @param minimumDelta lower limit for suggestions, in (0, 1)
   * @throws IllegalArgumentException if an argument is outside its range
   */
  public Calibration(BootstrapRatio bootstrap, double confidenceLevel, double minimumDelta) {
    this.bootstrap = Args.notNull("bootstrap", bootstrap);
    this.confidenceLevel = Args.level("confidenceLevel", confidenceLevel);
    this.minimumDelta = Args.level("minimumDelta", minimumDelta);
  }

  /**
   * Noise floor of one metric.
   *
   * @param metric metric name; not null, not blank
   * @param aaBlockRatios per-block A/A ratios; at least 2, each &gt; 0 and finite
   * @throws IllegalArgumentException if an argument is outside its range
   */
  public NoiseFloor noiseFloor(String metric, double[] aaBlockRatios) {
    return noiseFloor(metric, aaBlockRatios, ResolutionBound.EXACT);
  }

  /**
   * Noise floor of one metric whose values were read on a coarse clock: the A/A interval is first
   * widened by {@code resolution} (see {@link ResolutionBound}), so that no δ is suggested that the
   * clock could not resolve.
   *
   * @param resolution the bound of the A/A values themselves
   * @throws IllegalArgumentException if an argument is outside its range
   */
  public NoiseFloor noiseFloor(String metric, double[] aaBlockRatios, ResolutionBound resolution) {
    Args.notNull("resolution", resolution);
    Args.positiveFiniteValues("aaBlockRatios", aaBlockRatios);
    if (aaBlockRatios.length < 2) {
      throw new IllegalArgumentException(
          "aaBlockRatios.length must be >= 2, was " + aaBlockRatios.length);
    }
    double[] ones = new double[aaBlockRatios.length];
    Arrays.fill(ones, 1.0);
    Interval interval =
        resolution.widen(bootstrap.estimate(ones, aaBlockRatios, confidenceLevel).interval());
    double floor =
        Math.exp(
                Math.max(
                    Math.abs(Math.log(interval.lower())), Math.abs(Math.log(interval.upper()))))
            - 1;
    return new NoiseFloor(metric, interval, roundUp(Math.max(minimumDelta, floor)));
  }

  /**
   * Noise floors for several metrics, in the map's iteration order.
   *
   * @param aaBlockRatiosByMetric metric name to per-block A/A ratios; not null
   * @throws IllegalArgumentException if an entry is outside its range
   */
  public List<NoiseFloor> calibrate(Map<String, double[]> aaBlockRatiosByMetric) {
    Args.notNull("aaBlockRatiosByMetric", aaBlockRatiosByMetric);
    List<NoiseFloor> floors = new ArrayList<>();
    aaBlockRatiosByMetric.forEach((metric, ratios) -> floors.add(noiseFloor(metric, ratios)));
    return List.copyOf(floors);
  }

  /**
   * Rounds up to the next multiple of {@link #ROUNDING_STEP}; never down (beyond 1e-9 of a step).
   *
   * @param delta value to round, &gt; 0 and finite
   * @throws IllegalArgumentException if {@code delta} is not &gt; 0 and finite
   */
  public static double roundUp(double delta) {
    Args.positiveFinite("delta", delta);
    double steps = Math.ceil(delta / ROUNDING_STEP - 1e-9);
    return steps * ROUNDING_STEP;
  }
}
