package dev.djbench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * schema/scenario.schema.json against the loader: generated from the loader's own definitions
 * (sealed by comparing the file with what the generator writes), it accepts every shipped scenario
 * and the file that uses every key, and it refuses each malformed file of the test suite, which the
 * loader refuses too, for the reason its first line gives.
 */
class ScenarioSchemaTest {

  private static final Path HOME = Path.of("").toAbsolutePath();
  private static final Path SCHEMA = HOME.resolve(ScenarioSchema.FILE);
  private static final Path RESOURCES = HOME.resolve("src/test/resources/scenarios");

  private static Schema schema() throws Exception {
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
        .getSchema(Files.readString(SCHEMA, StandardCharsets.UTF_8));
  }

  private static List<Error> errors(Path yaml) throws Exception {
    JsonNode document = new YAMLMapper().readTree(yaml.toFile());
    return schema().validate(document);
  }

  private static List<Path> files(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  /** Regenerate deliberately with DJBENCH_WRITE_GOLDEN=1 and read the diff. */
  @Test
  void thePublishedSchemaIsWhatTheLoadersDefinitionsGenerate() throws Exception {
    String generated =
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(ScenarioSchema.jsonSchema())
            + "\n";
    if (System.getenv("DJBENCH_WRITE_GOLDEN") != null) {
      Files.createDirectories(SCHEMA.getParent());
      Files.writeString(SCHEMA, generated, StandardCharsets.UTF_8);
    }
    assertEquals(
        Files.readString(SCHEMA, StandardCharsets.UTF_8),
        generated,
        ScenarioSchema.FILE
            + " differs from ScenarioSchema: regenerate with DJBENCH_WRITE_GOLDEN=1 mvn test"
            + " -Dtest=ScenarioSchemaTest");
  }

  @Test
  void everyShippedScenarioNamesTheSchemaAndValidatesAgainstIt() throws Exception {
    List<Path> shipped = files(HOME.resolve("scenarios"));
    assertFalse(shipped.isEmpty());
    for (Path file : shipped) {
      String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
      assertEquals(
          "# yaml-language-server: $schema=../" + ScenarioSchema.FILE,
          first,
          file + " starts with its schema line");
      assertEquals(List.of(), errors(file), file + " validates");
      new ScenarioLoader(HOME).load(file);
    }
  }

  @Test
  void theFileWithEveryKeyLoadsAndValidates() throws Exception {
    for (Path file : files(RESOURCES.resolve("valid"))) {
      new ScenarioLoader(HOME).load(file);
      assertEquals(List.of(), errors(file), file + " validates");
    }
  }

  @Test
  void everyMalformedFileIsRefusedByTheSchemaAndByTheLoader() throws Exception {
    List<Path> malformed = files(RESOURCES.resolve("malformed"));
    assertTrue(malformed.size() >= 10, "the malformed files are there");
    List<String> accepted = new ArrayList<>();
    for (Path file : malformed) {
      String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
      assertTrue(first.startsWith("# loader: "), file + " says why the loader refuses it");
      var refused =
          assertThrows(
              ScenarioException.class,
              () -> new ScenarioLoader(HOME).load(file),
              file + " is refused by the loader");
      assertTrue(
          refused.getMessage().contains(first.substring("# loader: ".length())),
          file + ": " + refused.getMessage());
      if (errors(file).isEmpty()) {
        accepted.add(file.getFileName().toString());
      }
    }
    assertEquals(List.of(), accepted, "malformed files the schema accepts");
  }

  @Test
  void theSchemasKeysAreTheOnesTheLoaderAllows() throws Exception {
    // A key the loader reads but the definitions lack would be refused as unknown by the loader
    // itself; a key the definitions list is accepted by the loader, in every mapping.
    Path file = Files.createTempFile("djbench-schema", ".yaml");
    try {
      Files.writeString(
          file,
          """
          suite: s
          app: %s
          experiments:
            - id: a
              variants: {x: GET /a/, y: GET /b/}
              colour: red
          """
              .formatted(HOME.resolve("sample-django-app")));
      var e = assertThrows(ScenarioException.class, () -> new ScenarioLoader(HOME).load(file));
      assertTrue(
          e.getMessage()
              .contains(
                  "expected one of: "
                      + String.join(
                          ", ",
                          new java.util.TreeSet<>(List.of(ScenarioSchema.EXPERIMENT.names())))),
          e.getMessage());
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
