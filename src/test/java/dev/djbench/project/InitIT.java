package dev.djbench.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.cli.Djbench;
import dev.djbench.results.ExperimentResult;
import dev.djbench.results.ResultsIO;
import dev.djbench.results.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code djbench init} on a project it has never seen, then {@code djbench run} on what it wrote.
 */
class InitIT {

  private static final Path HOME = Projects.HOME;

  @Test
  void initFindsThePagesAndTheScenarioItWritesRunsWithEveryPageMeasured(@TempDir Path dir)
      throws Exception {
    Path project = Projects.copy("bookshop", dir.resolve("shop"));
    PrintStream console = System.out;
    var captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int initExit;
    try {
      initExit = Djbench.execute("--home", HOME.toString(), "init", project.toString());
    } finally {
      System.setOut(console);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertEquals(0, initExit, out);
    Path scenario = project.resolve("djbench.yaml");
    String yaml = Files.readString(scenario, StandardCharsets.UTF_8);
    for (String page :
        List.of(
            "GET /\"",
            "GET /books/",
            "GET /authors/",
            "GET /stats/",
            "GET /prices/",
            "GET /shelf/")) {
      assertTrue(yaml.contains(page), page + " in:\n" + yaml);
    }
    assertTrue(!yaml.contains("/admin/"), "Django's own views are left out:\n" + yaml);
    assertTrue(!yaml.contains("/shelf/add/"), "a view that refuses GET is left out:\n" + yaml);
    assertTrue(yaml.contains("gate:"), yaml);
    String schemaLine = yaml.lines().findFirst().orElseThrow();
    assertTrue(schemaLine.startsWith("# yaml-language-server: $schema="), schemaLine);
    Path schema = project.resolve(schemaLine.substring(schemaLine.indexOf('=') + 1)).normalize();
    assertEquals(HOME.resolve("schema/scenario.schema.json").normalize(), schema);
    assertEquals(
        List.of(),
        com.networknt.schema.SchemaRegistry.withDefaultDialect(
                com.networknt.schema.SpecificationVersion.DRAFT_7)
            .getSchema(Files.readString(schema, StandardCharsets.UTF_8))
            .validate(new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(yaml)),
        "the scenario init writes validates against the schema it names");
    assertTrue(out.contains("settings bookshop.settings, bookshop.wsgi:application"), out);
    assertTrue(out.contains(" run " + scenario), "the next commands are printed:\n" + out);
    assertTrue(out.contains(" gate " + scenario + " --baseline"), out);

    // Running init again does not overwrite the user's edits.
    assertEquals(2, Djbench.execute("--home", HOME.toString(), "init", project.toString()));

    int runExit = Projects.runSmoke(scenario, dir.resolve("reports"));
    assertEquals(0, runExit);
    Path run = Projects.onlyRun(dir.resolve("reports"));
    RunResult result = ResultsIO.read(run);
    assertEquals(6, result.experiments().size());
    for (ExperimentResult e : result.experiments()) {
      assertEquals("measured", e.status().word(), e.id() + ": " + e.reason());
      // A trial a busy machine made invalid is repeated; the page counts as measured by a valid
      // one.
      var valid = e.trials().stream().filter(t -> t.valid()).findFirst();
      assertTrue(valid.isPresent(), e.id() + ": " + e.trials());
      assertTrue(
          valid.get().distribution("serverTotalMicros").count() > 0, e.id() + " has server time");
    }
    assertTrue(!Files.exists(project.resolve("db.sqlite3")), "no database in the project's folder");
  }
}
