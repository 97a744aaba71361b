package dev.djbench.load;

import dev.djbench.measure.TrialMeasurement;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: the djbench half of {@code bench/clock-accuracy.sh}, which runs it by name against an
 * endpoint of known latency and compares what it prints with wrk's figures for the same endpoint.
 * Surefire's default includes leave it out of {@code ./djbench test}.
 */
class ClockAccuracyBench {

  @Test
  void measureTheEndpoint(@TempDir Path work) throws Exception {
    URI base = URI.create(System.getProperty("djbench.bench.url", "http://127.0.0.1:8000"));
    String path = System.getProperty("djbench.bench.path", "/sleep/20");
    double rate = Double.parseDouble(System.getProperty("djbench.bench.rate", "20"));
    int seconds = Integer.parseInt(System.getProperty("djbench.bench.seconds", "15"));
    // As a run does it, unless asked to measure a cold injector (the lever's "before").
    boolean cold = Boolean.getBoolean("djbench.bench.cold");
    // load: {connections: keep-alive}: one shared pool of kept-alive connections.
    boolean keepAlive = Boolean.getBoolean("djbench.bench.keepAlive");
    GatlingLoadGenerator generator = new GatlingLoadGenerator(work);
    String warmup = "none_cold";
    if (!cold) {
      var done = InjectorWarmup.run(generator, true);
      warmup = done.settleRounds() + "_settling_rounds";
    }
    var jit = InjectorWarmup.jitCompileMillis();
    long jitBefore = jit == null ? 0 : jit.getAsLong();
    TrialSpec spec =
        new TrialSpec(
            "clock", base, "GET", path, Map.of(), "", rate, false, 2, seconds, 10, 0, keepAlive);
    TrialMeasurement m = generator.run(spec, () -> {});
    long jitDuring = jit == null ? -1 : jit.getAsLong() - jitBefore;
    Histogram fine = m.histograms().clientLatencyMicros();
    Histogram gatling = m.histograms().gatlingLatencyMicros();
    System.out.println(
        String.format(
            Locale.ROOT,
            "DJBENCH %s %s keepAlive=%s requests=%d fine_p50_ms=%.3f fine_p99_ms=%.3f gatling_p50_ms=%.3f"
                + " gatling_p99_ms=%.3f errors=%d jit_ms_during_trial=%d warmup=%s",
            path,
            cold ? "cold" : "warm",
            keepAlive,
            m.completed(),
            fine.getValueAtPercentile(50) / 1000.0,
            fine.getValueAtPercentile(99) / 1000.0,
            gatling.getValueAtPercentile(50) / 1000.0,
            gatling.getValueAtPercentile(99) / 1000.0,
            m.errors(),
            jitDuring,
            warmup));
  }
}
