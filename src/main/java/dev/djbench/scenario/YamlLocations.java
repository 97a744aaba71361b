package dev.djbench.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value of a YAML document starts, by JSON pointer ({@code /experiments/0/id}), so that
 * checks made after binding can still name a line and column.
 */
final class YamlLocations {

  private final Map<String, JsonLocation> byPointer;

  private YamlLocations(Map<String, JsonLocation> byPointer) {
    this.byPointer = byPointer;
  }

  static YamlLocations index(String yaml) throws IOException {
    Map<String, JsonLocation> locations = new HashMap<>();
    try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          continue;
        }
        // A key's own position is kept too (under "key:" + pointer) so an unknown key can be
        // pointed at.
        String pointer = pointer(parser);
        if (token == JsonToken.FIELD_NAME) {
          locations.putIfAbsent("key:" + pointer, parser.currentTokenLocation());
        } else {
          locations.putIfAbsent(pointer, parser.currentTokenLocation());
        }
      }
    }
    return new YamlLocations(locations);
  }

  private static String pointer(JsonParser parser) {
    // At a value token (and at a container's start) the context's path already names the value
    // itself.
    return parser.getParsingContext().pathAsPointer(false).toString();
  }

  /**
   * The location of the value at {@code pointer}, or of the nearest enclosing value that has one;
   * with the prefix {@code key:}, the location of the key that names the value.
   *
   * @return a two-element array {line, column}, 1-based, or {0, 0} when nothing is known
   */
  int[] lineAndColumn(String pointer) {
    if (pointer.startsWith("key:")) {
      JsonLocation key = byPointer.get(pointer);
      if (key != null) {
        return new int[] {key.getLineNr(), key.getColumnNr()};
      }
      pointer = pointer.substring(4);
    }
    String p = pointer;
    while (true) {
      JsonLocation location = byPointer.get(p);
      if (location != null) {
        return new int[] {location.getLineNr(), location.getColumnNr()};
      }
      if (p.isEmpty()) {
        return new int[] {0, 0};
      }
      p = p.substring(0, Math.max(0, p.lastIndexOf('/')));
    }
  }
}
