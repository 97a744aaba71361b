package dev.djbench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems of one scenario file, each placed by its JSON pointer. */
final class Problems {

  private final Path file;
  private final YamlLocations locations;
  private final List<ScenarioException.Problem> problems = new ArrayList<>();

  Problems(Path file, YamlLocations locations) {
    this.file = file;
    this.locations = locations;
  }

  /**
   * Records a problem with the value at {@code pointer}; {@code value} may be null for a missing
   * key.
   */
  void add(String pointer, JsonNode value, String expected) {
    String shown = value == null || value.isMissingNode() ? "" : "got " + describe(value) + "; ";
    addMessage(pointer, shown + "expected " + expected);
  }

  void addMessage(String pointer, String message) {
    int[] at = locations.lineAndColumn(pointer);
    problems.add(new ScenarioException.Problem(file, at[0], at[1], readable(pointer), message));
  }

  /**
   * Records a problem with a key itself (an unknown key), placed at the key rather than its value.
   */
  void addAtKey(String pointer, String message) {
    int[] at = locations.lineAndColumn("key:" + pointer);
    problems.add(new ScenarioException.Problem(file, at[0], at[1], readable(pointer), message));
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  void throwIfAny() throws ScenarioException {
    if (!problems.isEmpty()) {
      problems.sort(
          Comparator.comparingInt(ScenarioException.Problem::line)
              .thenComparingInt(ScenarioException.Problem::column));
      throw new ScenarioException(problems);
    }
  }

  static String describe(JsonNode value) {
    if (value.isTextual()) {
      return "'" + value.asText() + "'";
    }
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isNull()) {
      return "nothing (null)";
    }
    return value.toString();
  }

  /** {@code /experiments/0/variants/naive} → {@code experiments[0].variants.naive}. */
  static String readable(String pointer) {
    StringBuilder out = new StringBuilder();
    for (String part : pointer.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      String token = part.replace("~1", "/").replace("~0", "~");
      if (token.chars().allMatch(Character::isDigit)) {
        out.append('[').append(token).append(']');
      } else {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(token);
      }
    }
    return out.toString();
  }
}
