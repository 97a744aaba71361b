package dev.djbench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.scenario.AppSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckoutsTest {

  @TempDir Path tmp;

  @Test
  void aGateOfTwoDirectoriesLeavesNoFolderBehind() throws Exception {
    Path project = Files.createDirectories(tmp.resolve("shop"));
    Files.writeString(project.resolve("manage.py"), "");
    Path work = Files.createDirectories(tmp.resolve("djbench-gate-1"));
    AppSpec app;
    try (var checkouts = new Checkouts(work)) {
      AppSpec scenarioApp =
          new AppSpec(
              project,
              "shop.wsgi:application",
              "",
              "/",
              "",
              "shop.settings",
              java.util.List.of(),
              "");
      app = checkouts.resolve(project.toString(), scenarioApp, null, "baseline");
    }
    assertEquals(project, app.directory());
    assertFalse(Files.exists(work), "the checkouts' own folder is removed on close");
  }

  @Test
  void aFolderThatStillHoldsSomethingIsLeftAlone() throws Exception {
    Path work = Files.createDirectories(tmp.resolve("djbench-gate-2"));
    Files.writeString(work.resolve("kept"), "");
    new Checkouts(work).close();
    assertTrue(Files.exists(work.resolve("kept")));
  }
}
