package dev.djbench.report;

import dev.djbench.results.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes every report format of a run into its folder. */
public final class Reports {

  private Reports() {}

  /** Renders {@code run} in every format into {@code runDirectory}; returns the files written. */
  public static List<Path> writeAll(RunResult run, Path runDirectory) throws IOException {
    List<Path> written = new ArrayList<>();
    for (ReportFormat format : ReportFormat.values()) {
      Path file = runDirectory.resolve(format.fileName());
      Files.writeString(file, format.render(run), StandardCharsets.UTF_8);
      written.add(file);
    }
    return written;
  }
}
