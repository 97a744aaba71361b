package dev.djbench.results;

import java.util.List;

/**
 * A whole run, as written to {@code results.json}. The schema is versioned: readers check {@link
 * #schemaVersion} and refuse versions they do not know rather than misread them.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when written by this build
 * @param runId the run's id (its folder name)
 * @param status {@code complete}, {@code aborted} (interrupted), {@code failed} (the harness or
 *     target broke) or {@code interrupted} (killed; read back from the journal)
 * @param message what happened, when not complete
 * @param startedAt ISO-8601 instant
 * @param finishedAt ISO-8601 instant
 * @param scenarioFile the scenario file as given
 * @param suite the suite's name
 * @param profile the profile's name
 * @param seed the seed of the block orders
 * @param clientLatencyResolution the clocks the run's latencies were read on, in words
 * @param machine where it ran
 * @param experiments every experiment, measured or not, in scenario order
 * @param gate the regression gate's decision, for runs made by {@code djbench gate}; null otherwise
 * @param shard which share of the suite this run measured ({@code djbench run --shard K/N}); null
 *     for a run of the whole suite
 * @param shards for a run made by {@code djbench merge} of shards, each shard's run and machine, in
 *     shard order; empty otherwise
 */
public record RunResult(
    int schemaVersion,
    String runId,
    Status status,
    String message,
    String startedAt,
    String finishedAt,
    String scenarioFile,
    String suite,
    String profile,
    long seed,
    String clientLatencyResolution,
    Machine machine,
    List<ExperimentResult> experiments,
    GateResult gate,
    Shard shard,
    List<ShardRun> shards,
    List<InjectorRun> injectors) {

  /**
   * One injector of a distributed run ({@code djbench inject --part I/N}), as {@code djbench merge}
   * found it: every trial of the merged run holds the requests of all of them.
   *
   * @param index 1-based
   * @param count how many shared the schedule
   * @param host the injector's host name
   * @param status {@code complete} or {@code failed}
   * @param message why it failed, or empty
   * @param startedAt when it started, on its own clock
   * @param finishedAt when it ended, on its own clock
   * @param machine its machine
   * @param clockOffsetMillis its clock minus the target's; null when not measured
   * @param clockUncertaintyMillis half the width of the offset's interval; null when not measured
   * @param clockReference what the offset was measured against, or empty
   * @param requests requests it started in the measured windows
   * @param worstLagP99Micros its worst trial's 99th-percentile lag behind the schedule; -1 when it
   *     started none
   * @param laggedTrials trials it fell behind in ("experiment/variant/block N"), each of which is
   *     invalid in the merged run
   */
  public record InjectorRun(
      int index,
      int count,
      String host,
      String status,
      String message,
      String startedAt,
      String finishedAt,
      Machine machine,
      Double clockOffsetMillis,
      Double clockUncertaintyMillis,
      String clockReference,
      long requests,
      long worstLagP99Micros,
      List<String> laggedTrials) {
    public InjectorRun {
      laggedTrials = List.copyOf(laggedTrials);
    }

    /** "2/4". */
    public String label() {
      return index + "/" + count;
    }
  }

  /**
   * A run that measured one share of a suite.
   *
   * @param index 1-based
   * @param count how many shards the suite was split into
   * @param selected every experiment the suite's shards measure between them, in scenario order:
   *     the merged run's experiments, and what {@code djbench merge} checks the shards against
   */
  public record Shard(int index, int count, List<String> selected) {
    public Shard {
      selected = List.copyOf(selected);
    }

    /** "2/4". */
    public String label() {
      return index + "/" + count;
    }
  }

  /**
   * One shard of a merged run, as it was measured.
   *
   * @param index 1-based
   * @param count how many shards
   * @param runId the shard's own run id
   * @param status how the shard's run ended
   * @param message what happened, when not complete
   * @param startedAt ISO-8601 instant
   * @param finishedAt ISO-8601 instant
   * @param machine where it ran: shards of a CI matrix run on different machines
   * @param experiments the experiments it measured
   */
  public record ShardRun(
      int index,
      int count,
      String runId,
      Status status,
      String message,
      String startedAt,
      String finishedAt,
      Machine machine,
      List<String> experiments) {
    public ShardRun {
      experiments = List.copyOf(experiments);
    }

    /** "2/4". */
    public String label() {
      return index + "/" + count;
    }
  }

  /** How a run ended. */
  public enum Status implements Word {
    /** Every selected experiment ran to its end, none of them failed (exit 0, or a gate's code). */
    COMPLETE,
    /**
     * The harness or the system under test broke, or an experiment failed (its server would not
     * start) while the others ran; what was measured is kept (exit 3).
     */
    FAILED,
    /** Interrupted (Ctrl-C, SIGTERM, SIGHUP); what was measured before is kept. */
    ABORTED,
    /**
     * The harness was killed (SIGKILL, a crash, a power cut) before it could write {@code
     * results.json}: the run is rendered from its journal, and {@code djbench run --resume}
     * continues it.
     */
    INTERRUPTED;

    @Override
    public String toString() {
      return word();
    }
  }

  /**
   * The version this build writes. 2 added {@code interleave} to each experiment; version 1 files
   * read as {@code interleave: trials}, which is how every version 1 run was measured. 3 added
   * {@code serverRestarts}; older files read as 0, since no server was restarted between blocks
   * before it. 4 added {@code databaseVendors} to each trial; older files read as none reported. 5
   * times {@code clientLatencyMicros} to the microsecond on the injector's monotonic clock
   * (Gatling's whole milliseconds move to {@code gatlingLatencyMicros}); in older files it holds
   * Gatling's milliseconds, and client figures of the two are never compared with each other. 6
   * added {@code shard} (a run of {@code --shard K/N}) and {@code shards} (a merge of them); older
   * files read as runs of the whole suite. 7 added {@code injectors} (a merge of the parts of a
   * distributed run, {@code djbench inject}); older files read as measured by one injector.
   */
  public static final int SCHEMA_VERSION = 7;

  /** How this build times what it records, as results files say it. */
  public static final String CLIENT_LATENCY_RESOLUTION =
      "client latency: 1 µs (monotonic clock; Gatling's 1 ms value kept as"
          + " gatlingLatencyMicros); server timings: 1 µs (Server-Timing)";

  /** The oldest version this build still reads. */
  public static final int OLDEST_READABLE_SCHEMA_VERSION = 1;

  public RunResult {
    experiments = List.copyOf(experiments);
    shards = shards == null ? List.of() : List.copyOf(shards);
    injectors = injectors == null ? List.of() : List.copyOf(injectors);
  }

  /** A run measured by one injector: a whole run, a shard, or a merge of shards. */
  public RunResult(
      int schemaVersion,
      String runId,
      Status status,
      String message,
      String startedAt,
      String finishedAt,
      String scenarioFile,
      String suite,
      String profile,
      long seed,
      String clientLatencyResolution,
      Machine machine,
      List<ExperimentResult> experiments,
      GateResult gate,
      Shard shard,
      List<ShardRun> shards) {
    this(
        schemaVersion,
        runId,
        status,
        message,
        startedAt,
        finishedAt,
        scenarioFile,
        suite,
        profile,
        seed,
        clientLatencyResolution,
        machine,
        experiments,
        gate,
        shard,
        shards,
        List.of());
  }

  /** A run of the whole suite, measured on one machine: neither a shard nor a merge of shards. */
  public RunResult(
      int schemaVersion,
      String runId,
      Status status,
      String message,
      String startedAt,
      String finishedAt,
      String scenarioFile,
      String suite,
      String profile,
      long seed,
      String clientLatencyResolution,
      Machine machine,
      List<ExperimentResult> experiments,
      GateResult gate) {
    this(
        schemaVersion,
        runId,
        status,
        message,
        startedAt,
        finishedAt,
        scenarioFile,
        suite,
        profile,
        seed,
        clientLatencyResolution,
        machine,
        experiments,
        gate,
        null,
        List.of());
  }

  /**
   * This run with the gate's decision on it. A gate that could not evaluate a check ({@code
   * broken}, exit 3) makes a complete run {@code failed}, so that the run's status agrees with its
   * exit code.
   */
  public RunResult withGate(GateResult decision) {
    boolean broken =
        decision != null
            && decision.outcome() == GateResult.Outcome.BROKEN
            && status == Status.COMPLETE;
    return new RunResult(
        schemaVersion,
        runId,
        broken ? Status.FAILED : status,
        broken ? "the gate could not evaluate every check (gate: broken)" : message,
        startedAt,
        finishedAt,
        scenarioFile,
        suite,
        profile,
        seed,
        clientLatencyResolution,
        machine,
        experiments,
        decision,
        shard,
        shards,
        injectors);
  }
}
