package dev.djbench.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and writes {@code results.json}; the one place that knows its JSON form. */
public final class ResultsIO {

  public static final String RESULTS_FILE = "results.json";

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private ResultsIO() {}

  /** The mapper, configured once for every JSON file djbench writes. */
  static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Writes {@code results.json} into {@code runDirectory} atomically (a temporary file moved into
   * place), so a crash mid-write never leaves half a file.
   */
  public static Path write(Path runDirectory, RunResult result) throws IOException {
    Path target = runDirectory.resolve(RESULTS_FILE);
    Path temporary = runDirectory.resolve(RESULTS_FILE + ".tmp");
    Files.writeString(temporary, toJson(result) + "\n", StandardCharsets.UTF_8);
    Files.move(
        temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  public static String toJson(RunResult result) {
    try {
      return MAPPER.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("results could not be serialized: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a run's results.
   *
   * @param path a {@code results.json} file or the run directory holding one
   * @throws ResultsException when missing, malformed, or of a schema version this build does not
   *     know
   */
  public static RunResult read(Path path) throws ResultsException {
    Path file = Files.isDirectory(path) ? path.resolve(RESULTS_FILE) : path;
    if (!Files.isRegularFile(file)) {
      throw new ResultsException(
          file + ": no such results file; expected a run directory holding " + RESULTS_FILE);
    }
    try {
      JsonNode tree = MAPPER.readTree(file.toFile());
      JsonNode version = tree.get("schemaVersion");
      if (version == null
          || !version.isInt()
          || version.asInt() < RunResult.OLDEST_READABLE_SCHEMA_VERSION
          || version.asInt() > RunResult.SCHEMA_VERSION) {
        throw new ResultsException(
            file
                + ": schemaVersion "
                + version
                + " is not supported; this build reads versions "
                + RunResult.OLDEST_READABLE_SCHEMA_VERSION
                + " to "
                + RunResult.SCHEMA_VERSION);
      }
      return MAPPER.treeToValue(tree, RunResult.class);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new ResultsException(
          file
              + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
              + ": not a valid results file: "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new ResultsException(file + ": cannot be read: " + e.getMessage(), e);
    }
  }
}
