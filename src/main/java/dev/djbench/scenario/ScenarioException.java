package dev.djbench.scenario;

import java.nio.file.Path;
import java.util.List;

/**
 * A scenario file that cannot be used as written. Each problem names the file, the line and column,
 * the offending value and what was expected; the message lists them all, one a line, in file order.
 */
public final class ScenarioException extends Exception {

  /**
   * One problem in a scenario file.
   *
   * @param file the file
   * @param line 1-based line, 0 when unknown
   * @param column 1-based column, 0 when unknown
   * @param where the key path, e.g. {@code experiments[0].variants.naive.request}
   * @param message what is wrong and what was expected
   */
  public record Problem(Path file, int line, int column, String where, String message) {
    @Override
    public String toString() {
      String location = line > 0 ? file + ":" + line + ":" + column : file.toString();
      return location + ": " + (where.isEmpty() ? "" : where + ": ") + message;
    }
  }

  private final List<Problem> problems;

  public ScenarioException(List<Problem> problems) {
    super(render(problems));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String render(List<Problem> problems) {
    StringBuilder out = new StringBuilder();
    for (Problem p : problems) {
      if (out.length() > 0) {
        out.append(System.lineSeparator());
      }
      out.append(p);
    }
    return out.toString();
  }
}
