package dev.djbench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.measure.TrialMeasurement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The injector's warm-up on real Gatling runs against its own endpoint. The JIT's compile time is
 * scripted per Gatling run, so that when the settling rounds stop is decided by the test, not by
 * what this JVM happens to compile.
 */
class InjectorWarmupTest {

  /** Counts the Gatling runs it passes on, and keeps the specs of each. */
  private static final class CountingGenerator implements LoadGenerator {
    private final GatlingLoadGenerator gatling;
    final List<List<TrialSpec>> runs = new ArrayList<>();

    CountingGenerator(Path work) {
      gatling = new GatlingLoadGenerator(work);
    }

    @Override
    public List<TrialMeasurement> runTogether(List<TrialSpec> specs, List<Runnable> onWindowOpen)
        throws LoadException {
      List<TrialMeasurement> measured = gatling.runTogether(specs, onWindowOpen);
      runs.add(specs);
      return measured;
    }
  }

  /** Total compile time as the script gives it for the number of Gatling runs done so far. */
  private static InjectorWarmup.Result warmUp(CountingGenerator generator, LongUnaryOperator script)
      throws LoadException {
    return InjectorWarmup.run(generator, () -> script.applyAsLong(generator.runs.size()));
  }

  @Test
  void burstWarmsBothConnectionModesThenRoundsStopOnceTheJitIsQuiet(@TempDir Path work)
      throws Exception {
    var generator = new CountingGenerator(work);
    // After the burst 0 ms; the first round compiles for 100 ms, the second for 5 ms: quiet.
    var result = warmUp(generator, runs -> runs <= 1 ? 0 : runs == 2 ? 100 : 105);

    assertEquals(2, result.settleRounds(), "rounds until the first quiet one");
    assertEquals(5, result.lastRoundCompileMillis());
    assertTrue(result.quiet());
    assertEquals(3, generator.runs.size(), "the burst and two rounds");
    List<TrialSpec> burst = generator.runs.get(0);
    assertEquals(List.of(false, true), burst.stream().map(TrialSpec::keepAlive).toList());
    assertEquals(List.of("/", "/gz"), burst.stream().map(TrialSpec::path).toList());
    assertEquals(
        InjectorWarmup.BURST_REQUESTS_PER_SECOND,
        burst.stream().mapToDouble(TrialSpec::ratePerSecond).sum(),
        1e-9);
    for (TrialMeasurement stream : result.burst()) {
      assertTrue(stream.completed() > 0, "each stream of the burst got answers: " + stream);
      assertEquals(0, stream.errors(), "the endpoint answers every request, gzip too: " + stream);
    }
    assertEquals(
        InjectorWarmup.SETTLE_REQUESTS_PER_SECOND,
        generator.runs.get(1).stream().mapToDouble(TrialSpec::ratePerSecond).sum(),
        1e-9);
  }

  @Test
  void roundsStopAtTheirLimitWhenTheJitNeverGoesQuiet(@TempDir Path work) throws Exception {
    var generator = new CountingGenerator(work);
    // 100 ms of compiling in every round, and none while the warm-up pauses between runs.
    var result = warmUp(generator, runs -> runs * 100L);

    assertEquals(InjectorWarmup.MAX_SETTLE_ROUNDS, result.settleRounds());
    assertEquals(100, result.lastRoundCompileMillis());
    assertFalse(result.quiet(), "the rounds ran out before the JIT went quiet");
    assertEquals(1 + InjectorWarmup.MAX_SETTLE_ROUNDS, generator.runs.size());
  }

  @Test
  void withoutSettlingOnlyTheBurstRuns(@TempDir Path work) throws Exception {
    var generator = new CountingGenerator(work);
    var result = InjectorWarmup.run(generator, false);

    assertEquals(1, generator.runs.size(), "the burst alone, as a gate asks for it");
    assertEquals(0, result.settleRounds());
    assertEquals(-1, result.lastRoundCompileMillis());
    assertEquals(2, result.burst().size());
  }
}
