package dev.djbench.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * What a run is, written to {@code run.json} before its first trial: enough to continue it after
 * the harness was killed ({@code djbench run --resume}) and to render it from its journal alone
 * ({@code djbench report}).
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param runId the run's id (its folder's name)
 * @param startedAt ISO-8601 instant the run began
 * @param scenarioFile the scenario file, as an absolute path
 * @param scenarioSha256 the SHA-256 of the scenario file's bytes when the run began: a resumed run
 *     refuses a file that has changed since, since its plan would no longer be the one measured
 * @param suite the suite's name
 * @param profile the profile's name
 * @param seed the run's seed (also when it was drawn at random)
 * @param arguments the {@code run} command's arguments as given, which a resumed run parses again
 * @param machine where the run is measured (versions added once the services are up)
 * @param planned every selected experiment as declared, nothing measured yet, in scenario order
 * @param shard which share of the suite the run measures ({@code --shard K/N}); null for the whole
 *     suite
 */
public record RunManifest(
    int schemaVersion,
    String runId,
    String startedAt,
    String scenarioFile,
    String scenarioSha256,
    String suite,
    String profile,
    long seed,
    List<String> arguments,
    Machine machine,
    List<ExperimentResult> planned,
    RunResult.Shard shard) {

  public static final String FILE = "run.json";

  /**
   * The version this build writes. 2 added {@code shard}; version 1 files read as runs of the whole
   * suite, which every version 1 run was.
   */
  public static final int SCHEMA_VERSION = 2;

  /** The oldest version this build still reads. */
  public static final int OLDEST_READABLE_SCHEMA_VERSION = 1;

  public RunManifest {
    arguments = List.copyOf(arguments);
    planned = List.copyOf(planned);
  }

  /** This manifest with {@code newMachine}. */
  public RunManifest withMachine(Machine newMachine) {
    return new RunManifest(
        schemaVersion,
        runId,
        startedAt,
        scenarioFile,
        scenarioSha256,
        suite,
        profile,
        seed,
        arguments,
        newMachine,
        planned,
        shard);
  }

  /**
   * The run as it stood when the harness was killed: every experiment that ended, with its trials
   * and comparisons; the one under way with the trials it had (status {@code aborted}, no verdict);
   * the ones not reached, aborted with nothing measured. The run's status is {@code interrupted}.
   *
   * @param records what the journal holds
   * @param lastWrite when the journal was last written, as the run's end
   */
  public RunResult asInterrupted(Journal.Interrupted records, String lastWrite) {
    List<ExperimentResult> experiments = new java.util.ArrayList<>();
    for (ExperimentResult declared : planned) {
      var ended = records.finished(declared.id());
      if (ended.isPresent()) {
        experiments.add(ended.get());
        continue;
      }
      List<TrialResult> trials = records.trialsOf(declared.id());
      experiments.add(
          declared
              .with(
                  ExperimentResult.Status.ABORTED,
                  trials.isEmpty()
                      ? "not reached: the run was interrupted before it"
                      : "interrupted after "
                          + trials.size()
                          + (trials.size() == 1 ? " trial" : " trials")
                          + ", before its verdicts")
              .withTrials(trials));
    }
    return new RunResult(
        RunResult.SCHEMA_VERSION,
        runId,
        RunResult.Status.INTERRUPTED,
        "the harness was killed before it finished: rendered from its journal ("
            + records.trials().size()
            + " trials); djbench run --resume continues it",
        startedAt,
        lastWrite,
        scenarioFile,
        suite,
        profile,
        seed,
        RunResult.CLIENT_LATENCY_RESOLUTION,
        machine,
        experiments,
        null,
        shard,
        List.of());
  }

  /** Writes {@code run.json} into {@code runDirectory} atomically. */
  public void write(Path runDirectory) throws IOException {
    Path target = runDirectory.resolve(FILE);
    Path temporary = runDirectory.resolve(FILE + ".tmp");
    Files.writeString(
        temporary, ResultsIO.mapper().writeValueAsString(this) + "\n", StandardCharsets.UTF_8);
    Files.move(
        temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Whether {@code runDirectory} holds a manifest. */
  public static boolean existsIn(Path runDirectory) {
    return Files.isRegularFile(runDirectory.resolve(FILE));
  }

  /**
   * Reads {@code run.json} from {@code runDirectory}.
   *
   * @throws ResultsException when it is missing, malformed, or of another schema version
   */
  public static RunManifest read(Path runDirectory) throws ResultsException {
    Path file = runDirectory.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new ResultsException(
          file
              + ": no such file; expected a run folder made by djbench run (it writes "
              + FILE
              + " before its first trial)");
    }
    try {
      JsonNode tree = ResultsIO.mapper().readTree(file.toFile());
      JsonNode version = tree.get("schemaVersion");
      if (version == null
          || !version.isInt()
          || version.asInt() < OLDEST_READABLE_SCHEMA_VERSION
          || version.asInt() > SCHEMA_VERSION) {
        throw new ResultsException(
            file
                + ": schemaVersion "
                + version
                + " is not supported; this build reads versions "
                + OLDEST_READABLE_SCHEMA_VERSION
                + " to "
                + SCHEMA_VERSION);
      }
      return ResultsIO.mapper().treeToValue(tree, RunManifest.class);
    } catch (JsonProcessingException e) {
      throw new ResultsException(file + ": not a run manifest: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ResultsException(file + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /** The hex SHA-256 of a file's bytes. */
  public static String sha256(Path file) throws IOException {
    try {
      var digest = java.security.MessageDigest.getInstance("SHA-256");
      return java.util.HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
