package dev.djbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunCommandTest {

  @Test
  void aRunRecordsOnlyItsOwnArgumentsForResume() {
    assertEquals(
        List.of("--profile", "quick", "scenarios/x.yaml"),
        RunCommand.ownArguments(
            List.of("--home", "/opt/run", "run", "--profile", "quick", "scenarios/x.yaml")),
        "a --home named 'run' is not the subcommand");
    assertEquals(List.of(), RunCommand.ownArguments(List.of("run")));
    assertEquals(
        List.of("--only", "run"), RunCommand.ownArguments(List.of("run", "--only", "run")));
  }

  @Test
  void resumeTakesNoOtherArgumentsAndAFolderThatIsARun(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path empty) {
    assertEquals(
        ExitCode.BAD_INPUT.code(),
        Djbench.execute("run", "--resume", empty.toString(), "--seed", "3"),
        "the run's own seed is used, not another one");
    assertEquals(
        ExitCode.BAD_INPUT.code(),
        Djbench.execute("run", "--resume", empty.toString()),
        "a folder without run.json");
    assertEquals(
        ExitCode.BAD_INPUT.code(),
        Djbench.execute("run", "--resume", empty.resolve("missing").toString()));
  }
}
