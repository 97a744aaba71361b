package dev.djbench.scenario;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP request shape.
 *
 * @param method upper-case method
 * @param path path and query, starting with {@code /}
 * @param body request body, empty for none
 * @param headers extra headers
 */
public record RequestSpec(String method, String path, String body, Map<String, String> headers) {

  /** The methods a scenario's requests may use. */
  static final java.util.List<String> METHODS =
      java.util.List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

  /** A request line: a method and a path. */
  static final Pattern LINE = Pattern.compile("(" + String.join("|", METHODS) + ")\\s+(/\\S*)");

  public RequestSpec {
    headers = Map.copyOf(headers);
  }

  /** Parses {@code "GET /path?query"}; empty when the text is not of that form. */
  static Optional<RequestSpec> parseLine(String text) {
    Matcher m = LINE.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new RequestSpec(m.group(1), m.group(2), "", Map.of()));
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
