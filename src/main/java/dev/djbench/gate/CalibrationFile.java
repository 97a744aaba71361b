package dev.djbench.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The noise floor measured by {@code djbench calibrate} on this machine, kept in {@code
 * reports/calibration.json} for {@code djbench gate} to take its thresholds from.
 *
 * @param version format version, 1
 * @param createdAt ISO-8601 instant
 * @param runId the A/A run it came from
 * @param profile the profile of that run
 * @param cores the machine's cores
 * @param cpuModel the machine's CPU
 * @param metrics per metric: the A/A interval and the δ suggested from it
 */
public record CalibrationFile(
    int version,
    String createdAt,
    String runId,
    String profile,
    int cores,
    String cpuModel,
    List<Floor> metrics) {

  public static final String FILE = "calibration.json";

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  public CalibrationFile {
    metrics = List.copyOf(metrics);
  }

  /**
   * One metric's noise floor.
   *
   * @param metric results naming, e.g. {@code clientLatencyMicros.p95}
   * @param lower lower bound of the A/A ratio interval (widest over the experiments)
   * @param upper upper bound
   * @param blocks A/A blocks behind it (fewest over the experiments)
   * @param suggestedDelta the threshold δ suggested for gates on this machine
   */
  public record Floor(
      String metric, double lower, double upper, int blocks, double suggestedDelta) {}

  /** The suggested δ of each metric. */
  public Map<String, Double> deltas() {
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    metrics.forEach(f -> out.put(f.metric(), f.suggestedDelta()));
    return out;
  }

  public void write(Path directory) throws IOException {
    Files.createDirectories(directory);
    Files.writeString(
        directory.resolve(FILE), MAPPER.writeValueAsString(this) + "\n", StandardCharsets.UTF_8);
  }

  /**
   * The calibration in {@code directory}, if one was made; a file that does not parse is an error,
   * not ignored.
   */
  public static Optional<CalibrationFile> read(Path directory) throws GateInputException {
    Path file = directory.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(MAPPER.readValue(file.toFile(), CalibrationFile.class));
    } catch (JsonProcessingException e) {
      throw new GateInputException(
          file
              + " is not a calibration file ("
              + e.getOriginalMessage()
              + "); run ./djbench calibrate again or delete it");
    } catch (IOException e) {
      throw new GateInputException(file + " cannot be read: " + e.getMessage());
    }
  }
}
