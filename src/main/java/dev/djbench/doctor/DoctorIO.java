package dev.djbench.doctor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and writes {@code doctor.json}. A value that was not measured is written as null. */
public final class DoctorIO {

  public static final String FILE = "doctor.json";

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private DoctorIO() {}

  public static String toJson(DoctorResult result) {
    try {
      return MAPPER.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("doctor.json could not be written: " + e.getMessage(), e);
    }
  }

  /** Writes {@code doctor.json} into {@code directory} atomically. */
  public static Path write(Path directory, DoctorResult result) throws IOException {
    Path target = directory.resolve(FILE);
    Path temporary = directory.resolve(FILE + ".tmp");
    Files.writeString(temporary, toJson(result) + "\n", StandardCharsets.UTF_8);
    Files.move(
        temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  /**
   * Reads a doctor run.
   *
   * @param path {@code doctor.json} or the folder holding it
   * @throws IOException naming the file, when it is missing, malformed or of an unknown version
   */
  public static DoctorResult read(Path path) throws IOException {
    Path file = Files.isDirectory(path) ? path.resolve(FILE) : path;
    if (!Files.isRegularFile(file)) {
      throw new IOException("no doctor results at " + file);
    }
    DoctorResult result;
    try {
      result = MAPPER.readValue(file.toFile(), DoctorResult.class);
    } catch (JsonProcessingException e) {
      throw new IOException(file + " is not a doctor.json: " + e.getOriginalMessage(), e);
    }
    if (result.schemaVersion() != DoctorResult.SCHEMA_VERSION) {
      throw new IOException(
          file
              + ": schemaVersion "
              + result.schemaVersion()
              + ", this build reads "
              + DoctorResult.SCHEMA_VERSION);
    }
    return result;
  }
}
