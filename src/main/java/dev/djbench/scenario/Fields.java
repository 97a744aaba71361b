package dev.djbench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Typed reads of one YAML mapping, each failure recorded in {@link Problems} with the value's
 * location. Reads return empty on a problem so that checking goes on and one run of the loader
 * reports every mistake at once.
 */
final class Fields {

  private final JsonNode node;
  private final String pointer;
  private final Problems problems;

  private Fields(JsonNode node, String pointer, Problems problems) {
    this.node = node;
    this.pointer = pointer;
    this.problems = problems;
  }

  /**
   * A reader over the mapping at {@code pointer}; records a problem (and reads nothing) when it is
   * not one.
   */
  static Fields of(JsonNode node, String pointer, Problems problems, String what) {
    if (node != null && !node.isObject()) {
      problems.add(pointer, node, what + " (a mapping of keys to values)");
      return new Fields(null, pointer, problems);
    }
    return new Fields(node, pointer, problems);
  }

  String pointer() {
    return pointer;
  }

  String pointer(String key) {
    return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
  }

  boolean present() {
    return node != null;
  }

  boolean has(String key) {
    return node != null && node.has(key) && !node.get(key).isNull();
  }

  JsonNode raw(String key) {
    return node == null ? null : node.get(key);
  }

  /** Records every key not in {@code allowed}, naming the ones that are. */
  void allowOnly(String... allowed) {
    if (node == null) {
      return;
    }
    Set<String> known = new TreeSet<>(Arrays.asList(allowed));
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        problems.addAtKey(
            pointer(name),
            "unknown key '" + name + "'; expected one of: " + String.join(", ", known));
      }
    }
  }

  Optional<String> string(String key, boolean required) {
    JsonNode value = raw(key);
    if (value == null || value.isNull()) {
      if (required) {
        problems.addMessage(pointer, "missing required key '" + key + "'");
      }
      return Optional.empty();
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      problems.add(pointer(key), value, "a non-empty text");
      return Optional.empty();
    }
    return Optional.of(value.asText());
  }

  /** A whole number in the range the schema gives the key. */
  Optional<Integer> integer(String key, ScenarioSchema.WholeNumber range) {
    return integer(key, range.min(), range.max());
  }

  Optional<Integer> integer(String key, int min, int max) {
    JsonNode value = raw(key);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isIntegralNumber()
        || !value.canConvertToInt()
        || value.asInt() < min
        || value.asInt() > max) {
      problems.add(pointer(key), value, "a whole number from " + min + " to " + max);
      return Optional.empty();
    }
    return Optional.of(value.asInt());
  }

  Optional<Boolean> bool(String key) {
    JsonNode value = raw(key);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isBoolean()) {
      problems.add(pointer(key), value, "true or false");
      return Optional.empty();
    }
    return Optional.of(value.asBoolean());
  }

  /** A value of a fixed set, written in YAML as the enum constant's lower-case, dashed name. */
  <E extends Enum<E>> Optional<E> choice(String key, Class<E> type) {
    return string(key, false)
        .flatMap(
            text -> {
              for (E constant : type.getEnumConstants()) {
                if (yamlName(constant).equals(text)) {
                  return Optional.of(constant);
                }
              }
              problems.add(pointer(key), raw(key), "one of: " + String.join(", ", yamlNames(type)));
              return Optional.empty();
            });
  }

  static String yamlName(Enum<?> constant) {
    return constant.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  static <E extends Enum<E>> List<String> yamlNames(Class<E> type) {
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      names.add(yamlName(constant));
    }
    return names;
  }

  /**
   * A value parsed from text (or a number) by {@code parse}, which returns empty when the text is
   * malformed.
   */
  <T> Optional<T> parsed(String key, Function<JsonNode, Optional<T>> parse, String expected) {
    JsonNode value = raw(key);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    Optional<T> result = parse.apply(value);
    if (result.isEmpty()) {
      problems.add(pointer(key), value, expected);
    }
    return result;
  }

  /** A mapping of text keys to scalar values (numbers, text, booleans), kept as text. */
  Map<String, String> scalarMap(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode value = raw(key);
    if (value == null || value.isNull()) {
      return out;
    }
    if (!value.isObject()) {
      problems.add(pointer(key), value, "a mapping of names to values");
      return out;
    }
    value
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
              } else {
                problems.add(
                    pointer(key) + "/" + e.getKey(),
                    e.getValue(),
                    "a single value (number, text or boolean)");
              }
            });
    return out;
  }

  /** A list of non-empty texts. */
  List<String> stringList(String key) {
    List<String> out = new ArrayList<>();
    JsonNode value = raw(key);
    if (value == null || value.isNull()) {
      return out;
    }
    if (!value.isArray()) {
      problems.add(pointer(key), value, "a list of names");
      return out;
    }
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (item.isTextual() && !item.asText().isBlank()) {
        out.add(item.asText());
      } else {
        problems.add(pointer(key) + "/" + i, item, "a name");
      }
    }
    return out;
  }

  /**
   * Records that the value at {@code key} is not what was expected (the key's name when it has no
   * value).
   */
  void reject(String key, String expected) {
    JsonNode value = raw(key);
    problems.add(
        pointer(key),
        value == null
            ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(key)
            : value,
        expected);
  }

  Fields child(String key, String what) {
    return of(raw(key), pointer(key), problems, what);
  }
}
