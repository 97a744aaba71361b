package dev.djbench.load;

import dev.djbench.measure.TrialMeasurement;
import dev.djbench.measure.TrialRecorder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs each trial as one in-process Gatling run of {@code dev.djbench.simulation.DjangoSimulation}.
 *
 * <p>In-process, because starting a JVM per trial would cost seconds per trial; the simulation
 * finds its spec and its recorder through {@link ActiveTrial}. Gatling's own result files and HTML
 * reports are switched off (see {@code gatling.conf}): djbench records every request itself in
 * HdrHistograms.
 */
public final class GatlingLoadGenerator implements LoadGenerator {

  static final String SIMULATION_CLASS = "dev.djbench.simulation.DjangoSimulation";

  /**
   * The same arrivals without djbench's recording, for measuring what the recording costs ({@code
   * bench/injector-overhead.sh}); never used by a run.
   */
  static final String BARE_SIMULATION_CLASS = "dev.djbench.simulation.BareSimulation";

  /**
   * The system property Netty reads, once per JVM, for the size of an event loop group made with no
   * size given, as Gatling makes its own.
   */
  static final String EVENT_LOOPS_PROPERTY = "io.netty.eventLoopThreads";

  static {
    // One event loop, unless the user chose a number (DJBENCH_JAVA_OPTS with
    // -Dio.netty.eventLoopThreads=N, for an injector machine of its own that sends more than about
    // 8,000 requests a second). Gatling keeps a pool of connections per event loop, and Netty's
    // default is two loops per core: on a 2-core machine a stream on kept-alive connections spread
    // its requests over four connections even when they never overlapped, where a client with one
    // pool reuses one. No user's client does that, and it cost the server 1-2 ms at the p99. One
    // loop held the same highest rate in bench/injector-overhead.sh (docs/PERFORMANCE.md).
    if (System.getProperty(EVENT_LOOPS_PROPERTY) == null) {
      System.setProperty(EVENT_LOOPS_PROPERTY, "1");
    }
  }

  /** Whether this JVM's injector has had its {@link #warmUp(boolean)}. */
  private static boolean warm;

  private final Path workDirectory;
  private final String simulationClass;

  /**
   * @param workDirectory where Gatling may write its run folders; created if missing
   */
  public GatlingLoadGenerator(Path workDirectory) {
    this(workDirectory, SIMULATION_CLASS);
  }

  GatlingLoadGenerator(Path workDirectory, String simulationClass) {
    this.workDirectory = workDirectory;
    this.simulationClass = simulationClass;
  }

  /**
   * Gatling's version, from the {@code gatling-version.properties} it ships; "unknown" when that is
   * missing.
   */
  public static String version() {
    try (var in =
        GatlingLoadGenerator.class
            .getClassLoader()
            .getResourceAsStream("gatling-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      var properties = new java.util.Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * Runs the request path hot once per JVM before the first measured trial, and with {@code settle}
   * waits for the JIT to finish compiling it, so that no trial measures an interpreted injector or
   * shares the CPU with the JIT compiler ({@link InjectorWarmup}: up to {@value
   * InjectorWarmup#MAX_SECONDS} s of requests to an endpoint of djbench's own, none to the app);
   * without it only the burst runs ({@value InjectorWarmup#BURST_SECONDS} s). Does nothing after
   * the first time: the first call in a JVM decides.
   *
   * @return whether it ran now
   */
  public boolean warmUp(boolean settle) throws LoadException {
    synchronized (GatlingLoadGenerator.class) {
      if (warm) {
        return false;
      }
      InjectorWarmup.run(this, settle);
      warm = true;
      return true;
    }
  }

  /** Whether this JVM's injector has had its {@link #warmUp(boolean)}. */
  public static synchronized boolean isWarm() {
    return warm;
  }

  /** The most seconds of load a first {@link #warmUp(boolean)} sends, for progress messages. */
  public static int warmUpSeconds(boolean settle) {
    return settle ? InjectorWarmup.MAX_SECONDS : InjectorWarmup.BURST_SECONDS;
  }

  @Override
  public List<TrialMeasurement> runTogether(List<TrialSpec> specs, List<Runnable> onWindowOpen)
      throws LoadException {
    if (specs.isEmpty() || specs.size() != onWindowOpen.size()) {
      throw new IllegalArgumentException(
          "one window callback per spec is needed: "
              + specs.size()
              + " specs, "
              + onWindowOpen.size()
              + " callbacks");
    }
    if (specs.stream().map(TrialSpec::name).distinct().count() != specs.size()) {
      throw new IllegalArgumentException("the streams of one trial need distinct names: " + specs);
    }
    prepareWorkDirectory();
    List<ActiveTrial.Part> parts = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      TrialSpec spec = specs.get(i);
      var recorder =
          new TrialRecorder(
              Math.round(spec.warmupSeconds() * 1e9),
              spec.ratePerSecond(),
              !spec.poisson(),
              onWindowOpen.get(i));
      long offsetNanos = Math.round(i * 1e9 / (specs.size() * spec.ratePerSecond()));
      parts.add(new ActiveTrial.Part(spec, recorder, offsetNanos));
    }
    gatling(new ActiveTrial(parts));
    List<TrialMeasurement> measured = new ArrayList<>();
    for (ActiveTrial.Part part : parts) {
      measured.add(part.recorder().snapshot(part.spec().measureSeconds()));
    }
    return measured;
  }

  /**
   * One stream of a timeline fixed in advance: its spec, and when its trial starts.
   *
   * @param spec what to send, and which share of the schedule ({@link TrialSpec#share()})
   * @param startNanos when the trial starts, in nanoseconds after the timeline's anchor
   */
  public record Scheduled(TrialSpec spec, long startNanos) {}

  /**
   * Runs a whole timeline of trials in one Gatling run, each stream at its instant after {@code
   * anchorNanos} (on {@link System#nanoTime()}), its measured window opening at its instant plus
   * its warm-up and each request's lag measured against its own due instant ({@link
   * TrialRecorder#onSchedule}). One run, rather than one per trial, so that no trial waits on
   * Gatling's start-up: injectors that share a schedule must keep to it together.
   *
   * @return one measurement per stream, in the order of {@code streams}
   * @throws LoadException when the generator itself could not run
   */
  public List<TrialMeasurement> runTimeline(List<Scheduled> streams, long anchorNanos)
      throws LoadException {
    if (streams.isEmpty()) {
      throw new IllegalArgumentException("a timeline needs at least one stream");
    }
    prepareWorkDirectory();
    List<ActiveTrial.Part> parts = new ArrayList<>();
    for (Scheduled stream : streams) {
      TrialSpec spec = stream.spec();
      long start = anchorNanos + stream.startNanos();
      long[] due = spec.arrivalOffsetsNanos();
      for (int i = 0; i < due.length; i++) {
        due[i] += start;
      }
      var recorder =
          TrialRecorder.onSchedule(
              start + spec.warmupSeconds() * 1_000_000_000L, due, spec.shareRatePerSecond());
      parts.add(new ActiveTrial.Part(spec, recorder, stream.startNanos()));
    }
    gatling(new ActiveTrial(parts, anchorNanos));
    List<TrialMeasurement> measured = new ArrayList<>();
    for (ActiveTrial.Part part : parts) {
      measured.add(part.recorder().snapshot(part.spec().measureSeconds()));
    }
    return measured;
  }

  private void prepareWorkDirectory() throws LoadException {
    try {
      Files.createDirectories(workDirectory);
    } catch (IOException e) {
      throw new LoadException(
          "cannot create Gatling's work directory " + workDirectory + ": " + e.getMessage(), e);
    }
  }

  /** Runs the simulation on {@code trial} in this JVM, its announcements kept off the console. */
  private void gatling(ActiveTrial trial) throws LoadException {
    ActiveTrial.begin(trial);
    int status;
    PrintStream console = System.out;
    // Gatling announces every run on standard output; djbench prints its own line per trial
    // instead.
    System.setOut(new PrintStream(new QuietStream(console), true, StandardCharsets.UTF_8));
    try {
      status =
          io.gatling.app.Gatling$.MODULE$.fromArgs(
              new String[] {
                "-s",
                simulationClass,
                "-rf",
                workDirectory.toAbsolutePath().toString(),
                "-nr",
                "-rd",
                trial.name()
              });
    } catch (RuntimeException e) {
      throw new LoadException("Gatling failed while running trial " + trial.name() + ": " + e, e);
    } finally {
      System.setOut(console);
      ActiveTrial.end(trial);
    }
    if (status != 0) {
      throw new LoadException("Gatling ended trial " + trial.name() + " with status " + status);
    }
  }

  /** Passes lines through, except Gatling's "Simulation … started/completed" announcements. */
  private static final class QuietStream extends OutputStream {
    private final PrintStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    QuietStream(PrintStream target) {
      this.target = target;
    }

    @Override
    public synchronized void write(int b) {
      line.write(b);
      if (b == '\n') {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (!(text.startsWith("Simulation ") && text.contains("dev.djbench.simulation."))) {
          target.print(text);
        }
      }
    }

    @Override
    public synchronized void flush() {
      target.flush();
    }
  }
}
