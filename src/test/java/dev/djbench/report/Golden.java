package dev.djbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files of the reports: a change in what a report shows must show up as a diff of its golden
 * file. Regenerate deliberately with {@code DJBENCH_WRITE_GOLDEN=1 mvn test
 * -Dtest='dev.djbench.report.**'} and read the diff before committing it.
 */
final class Golden {

  private static final Path DIRECTORY = Path.of("src/test/resources/golden");

  private Golden() {}

  static void assertMatches(String fileName, String actual) throws IOException {
    Path file = DIRECTORY.resolve(fileName);
    if (System.getenv("DJBENCH_WRITE_GOLDEN") != null) {
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertEquals(
        Files.readString(file, StandardCharsets.UTF_8),
        actual,
        fileName
            + " changed: if intended, regenerate with DJBENCH_WRITE_GOLDEN=1 and review the diff");
  }
}
