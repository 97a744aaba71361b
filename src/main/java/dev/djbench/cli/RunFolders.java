package dev.djbench.cli;

import dev.djbench.results.Journal;
import dev.djbench.results.ResultsException;
import dev.djbench.results.ResultsIO;
import dev.djbench.results.RunManifest;
import dev.djbench.results.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a saved run from its folder, as {@code report} and {@code merge} take it. */
final class RunFolders {

  private RunFolders() {}

  /**
   * Whether {@code path} is the folder of a run killed before it wrote {@code results.json}: it has
   * a manifest and a journal to render it from.
   */
  static boolean isInterrupted(Path path) {
    return Files.isDirectory(path)
        && !Files.isRegularFile(path.resolve(ResultsIO.RESULTS_FILE))
        && Files.isRegularFile(path.resolve(Journal.FILE))
        && RunManifest.existsIn(path);
  }

  /**
   * The run in {@code path} (a folder or its {@code results.json}): from {@code results.json}, or
   * for a run killed before writing it from its manifest and journal, marked interrupted.
   */
  static RunResult read(Path path) throws ResultsException, IOException {
    if (isInterrupted(path)) {
      return RunManifest.read(path)
          .asInterrupted(
              Journal.readInterrupted(path),
              Files.getLastModifiedTime(path.resolve(Journal.FILE)).toInstant().toString());
    }
    return ResultsIO.read(path);
  }

  /** The folder of {@code path}: itself, or the folder its {@code results.json} is in. */
  static Path folder(Path path) {
    return Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
  }
}
