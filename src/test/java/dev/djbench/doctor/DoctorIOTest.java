package dev.djbench.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorIOTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden/doctor-v1.json");

  /**
   * Seals doctor.json: a change that alters it must bump {@link DoctorResult#SCHEMA_VERSION} and
   * add a golden file. Regenerate deliberately with {@code DJBENCH_WRITE_GOLDEN=1}.
   */
  @Test
  void theFormatIsSealedByItsGoldenFile() throws Exception {
    String json = DoctorIO.toJson(DoctorFixtures.result()) + "\n";
    if (System.getenv("DJBENCH_WRITE_GOLDEN") != null) {
      Files.writeString(GOLDEN, json, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), json, "doctor.json changed");
    assertEquals(json.strip(), DoctorIO.toJson(DoctorIO.read(GOLDEN)));
  }

  @Test
  void whatWasNotMeasuredIsNullNeverZero() throws Exception {
    String json = DoctorIO.toJson(DoctorFixtures.result());
    // The page that was not traced has no queries per request and no server time.
    assertTrue(json.contains("\"queriesPerRequest\" : null"), json);
    assertTrue(json.contains("\"load\" : null"), json);
  }

  @Test
  void aRunRoundTripsAndAnUnknownVersionIsRefused(@TempDir Path dir) throws Exception {
    DoctorIO.write(dir, DoctorFixtures.result());
    assertEquals(DoctorFixtures.result(), DoctorIO.read(dir));
    Files.writeString(dir.resolve(DoctorIO.FILE), "{\"schemaVersion\": 9}");
    IOException e = assertThrows(IOException.class, () -> DoctorIO.read(dir));
    assertTrue(e.getMessage().contains(DoctorIO.FILE), e.getMessage());
    IOException missing = assertThrows(IOException.class, () -> DoctorIO.read(dir.resolve("none")));
    assertTrue(missing.getMessage().contains("none"), missing.getMessage());
  }
}
