package dev.djbench.load;

import dev.djbench.measure.TrialMeasurement;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: the Gatling half of {@code bench/injector-overhead.sh}. For each rate and repetition
 * it runs djbench's simulation and the same arrivals without djbench's recording ({@code
 * BareSimulation}) one after the other, in alternating order, against a static file, and prints the
 * injector JVM's CPU time of each run. The script reads each request's arrival from the server's
 * access log. Surefire's default includes leave it out of {@code ./djbench test}.
 */
class InjectorBench {

  @Test
  void runTheRates(@TempDir Path work) throws Exception {
    URI base = URI.create(System.getProperty("djbench.bench.url", "http://127.0.0.1:8080"));
    int seconds = Integer.parseInt(System.getProperty("djbench.bench.seconds", "5"));
    int repetitions = Integer.parseInt(System.getProperty("djbench.bench.repetitions", "3"));
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var djbench = new GatlingLoadGenerator(work, GatlingLoadGenerator.SIMULATION_CLASS);
    var bare = new GatlingLoadGenerator(work, GatlingLoadGenerator.BARE_SIMULATION_CLASS);
    // A first, unmeasured run of each, long enough for the JIT to settle: Gatling's start in this
    // JVM (class loading, compiling the hot paths) is not the cost of any one rate.
    for (var generator : new GatlingLoadGenerator[] {djbench, bare}) {
      generator.run(
          new TrialSpec(
              "warm", base, "GET", "/hello.txt?warm", Map.of(), "", 4000, false, 0, 8, 10, 0),
          () -> {});
    }
    for (String rateText : System.getProperty("djbench.bench.rates", "1000,2000").split(",")) {
      double rate = Double.parseDouble(rateText);
      for (int rep = 0; rep < repetitions; rep++) {
        String[] order =
            rep % 2 == 0 ? new String[] {"djbench", "bare"} : new String[] {"bare", "djbench"};
        for (String mode : order) {
          String tag = mode + "-" + rateText + "-" + rep;
          TrialSpec spec =
              new TrialSpec(
                  tag,
                  base,
                  "GET",
                  "/hello.txt?run=" + tag,
                  Map.of(),
                  "",
                  rate,
                  false,
                  1,
                  seconds,
                  10,
                  0);
          long cpuBefore = os.getProcessCpuTime();
          TrialMeasurement m = (mode.equals("bare") ? bare : djbench).run(spec, () -> {});
          long cpu = os.getProcessCpuTime() - cpuBefore;
          System.out.println(
              String.format(
                  Locale.ROOT,
                  "INJECTOR run=%s cpu_ms=%.1f sent=%d recorded=%d",
                  tag,
                  cpu / 1e6,
                  Math.round(rate * (seconds + 1)),
                  m.completed()));
        }
      }
    }
  }
}
