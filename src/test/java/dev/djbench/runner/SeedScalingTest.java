package dev.djbench.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.scenario.Experiment;
import dev.djbench.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedScalingTest {

  private static Experiment experiment(Path dir, String app) throws Exception {
    Path project = Files.createDirectories(dir.resolve("shop"));
    Files.writeString(
        project.resolve("manage.py"),
        "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"shop.settings\")\n");
    Files.createDirectories(project.resolve("shop"));
    Files.writeString(project.resolve("shop/wsgi.py"), "application = None\n");
    Files.writeString(project.resolve("shop/settings.py"), "\n");
    String yaml =
        "suite: shop\napp:\n  path: shop\n"
            + app
            + "experiments:\n  - id: books\n    seed: {books: 40, seed: 7, mode: fast}\n    request: GET /books/\n";
    return new ScenarioLoader(dir).parse(dir.resolve("djbench.yaml"), yaml).experiments().get(0);
  }

  @Test
  void wholeNumberOptionsAreMultipliedAndARandomSeedIsNot(@TempDir Path dir) throws Exception {
    Experiment e =
        experiment(dir, "  seed_command: \"populate --authors 10 --pages=3 --seed 1\"\n");
    SeedScaling.Plan plan = SeedScaling.of(e, 4, List.of());
    // The command's own options first, then the experiment's (a map: in any order).
    assertTrue(
        plan.seedText().startsWith("populate --authors 10 --pages=3 --seed 1 "), plan.seedText());
    assertTrue(
        plan.largerText().startsWith("populate --authors 40 --pages=12 --seed 1 "),
        plan.largerText());
    for (String option : List.of("--books 160", "--seed 7", "--mode fast")) {
      assertTrue(plan.largerText().contains(option), option + " in " + plan.largerText());
    }
    assertEquals("books-x4", plan.larger().orElseThrow().id());
    assertEquals("", plan.reason());
  }

  @Test
  void growNamesTheOptionsToScale(@TempDir Path dir) throws Exception {
    Experiment e = experiment(dir, "  seed_command: \"populate --authors 10\"\n");
    SeedScaling.Plan plan = SeedScaling.of(e, 2, List.of("books"));
    assertTrue(plan.largerText().startsWith("populate --authors 10 "), plan.largerText());
    assertTrue(plan.largerText().contains("--books 80"), plan.largerText());
    assertTrue(SeedScaling.of(e, 2, List.of("nothing")).larger().isEmpty());
    assertTrue(SeedScaling.of(e, 2, List.of("nothing")).reason().contains("--grow nothing"));
  }

  @Test
  void aProjectWithoutASeedGetsTheFillerAtBothSizes(@TempDir Path dir) throws Exception {
    Experiment e = experiment(dir, "");
    SeedScaling.Plan plan = SeedScaling.of(e, 4, List.of());
    assertEquals(SeedScaling.FILL, plan.seed().baseline().app().seedCommand());
    assertTrue(plan.seedText().startsWith("djbench_fill --rows 10"), plan.seedText());
    assertTrue(plan.largerText().startsWith("djbench_fill --rows 40"), plan.largerText());
  }

  @Test
  void theProjectsOwnDatabaseIsNeverReseeded(@TempDir Path dir) throws Exception {
    Experiment e = experiment(dir, "defaults:\n  deployment: {database: app}\n");
    SeedScaling.Plan plan = SeedScaling.of(e, 4, List.of());
    assertTrue(plan.larger().isEmpty());
    assertTrue(plan.reason().contains("database: app"), plan.reason());
    assertEquals("", plan.seed().baseline().app().seedCommand(), "no filler either");
  }
}
