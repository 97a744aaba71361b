package dev.djbench.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.djbench.scenario.Equivalence;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares one response of a variant with the baseline's before anything is timed: an optimization
 * that changes the answer is reported as broken, not as fast.
 */
public final class EquivalenceCheck {

  /**
   * A response as compared.
   *
   * @param status the HTTP status
   * @param body the body
   * @param injectedSlowdown the app's {@code X-Djbench-Slowdown} header (the reference app's
   *     injected-slowdown knob, in percent), empty when the app does not send it
   */
  public record Response(int status, String body, String injectedSlowdown) {
    public Response(int status, String body) {
      this(status, body, "");
    }
  }

  private static final Pattern ITEM =
      Pattern.compile("<[^>]*class=\"item\"[^>]*>.*", Pattern.MULTILINE);
  private static final ObjectMapper JSON = new ObjectMapper();

  private EquivalenceCheck() {}

  /**
   * Why {@code candidate} is not equivalent to {@code baseline} under {@code rule}; empty when it
   * is.
   *
   * <ul>
   *   <li>{@code same}: equal status, equal bodies once every run of white space is folded to one
   *       space;
   *   <li>{@code prefix}: equal status, and the candidate's items (HTML elements with {@code
   *       class="item"}, one a line) are the first items of the baseline's, in order: a page of a
   *       list against the whole list;
   *   <li>{@code projection}: equal status, both JSON lists (or objects with a {@code results}
   *       list) of the same length, and every field of each candidate item equals the baseline
   *       item's field of that name — or, for a name like {@code author_name}, the nested {@code
   *       author.name};
   *   <li>{@code status}: equal status only.
   * </ul>
   */
  public static Optional<String> difference(
      Equivalence rule, Response baseline, Response candidate) {
    if (baseline.status() != candidate.status()) {
      return Optional.of(
          "status " + candidate.status() + " where the baseline answered " + baseline.status());
    }
    return switch (rule) {
      case STATUS -> Optional.empty();
      case SAME -> same(fold(baseline.body()), fold(candidate.body()));
      case PREFIX -> prefix(baseline.body(), candidate.body());
      case PROJECTION -> projection(baseline.body(), candidate.body());
    };
  }

  static String fold(String body) {
    return body.replaceAll("\\s+", " ").trim();
  }

  private static Optional<String> same(String baseline, String candidate) {
    if (baseline.equals(candidate)) {
      return Optional.empty();
    }
    int at = 0;
    while (at < Math.min(baseline.length(), candidate.length())
        && baseline.charAt(at) == candidate.charAt(at)) {
      at++;
    }
    return Optional.of(
        "bodies differ from character "
            + at
            + ": baseline …"
            + excerpt(baseline, at)
            + "… candidate …"
            + excerpt(candidate, at)
            + "…");
  }

  private static String excerpt(String text, int at) {
    return text.substring(Math.max(0, at - 20), Math.min(text.length(), at + 40));
  }

  private static List<String> items(String body) {
    List<String> items = new ArrayList<>();
    Matcher m = ITEM.matcher(body);
    while (m.find()) {
      items.add(fold(m.group()));
    }
    return items;
  }

  private static Optional<String> prefix(String baselineBody, String candidateBody) {
    List<String> baseline = items(baselineBody);
    List<String> candidate = items(candidateBody);
    if (candidate.isEmpty()) {
      return Optional.of("the candidate has no items (elements with class=\"item\") to compare");
    }
    if (candidate.size() > baseline.size()) {
      return Optional.of(
          "the candidate has " + candidate.size() + " items, the baseline only " + baseline.size());
    }
    for (int i = 0; i < candidate.size(); i++) {
      if (!candidate.get(i).equals(baseline.get(i))) {
        return Optional.of(
            "item "
                + i
                + " differs: baseline '"
                + baseline.get(i)
                + "', candidate '"
                + candidate.get(i)
                + "'");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> projection(String baselineBody, String candidateBody) {
    JsonNode baseline;
    JsonNode candidate;
    try {
      baseline = list(JSON.readTree(baselineBody));
      candidate = list(JSON.readTree(candidateBody));
    } catch (IOException e) {
      return Optional.of("not JSON: " + e.getMessage());
    }
    if (baseline == null || candidate == null) {
      return Optional.of("expected JSON lists (or objects with a 'results' list) on both sides");
    }
    if (baseline.size() != candidate.size()) {
      return Optional.of(
          "the candidate has " + candidate.size() + " items, the baseline " + baseline.size());
    }
    for (int i = 0; i < candidate.size(); i++) {
      JsonNode item = candidate.get(i);
      for (var it = item.fields(); it.hasNext(); ) {
        var field = it.next();
        JsonNode expected = lookup(baseline.get(i), field.getKey());
        if (expected == null || !expected.equals(field.getValue())) {
          return Optional.of(
              "item "
                  + i
                  + " field '"
                  + field.getKey()
                  + "' is "
                  + field.getValue()
                  + " but the baseline has "
                  + expected);
        }
      }
    }
    return Optional.empty();
  }

  private static JsonNode list(JsonNode node) {
    if (node.isArray()) {
      return node;
    }
    if (node.isObject() && node.has("results") && node.get("results").isArray()) {
      return node.get("results");
    }
    return null;
  }

  private static JsonNode lookup(JsonNode item, String name) {
    if (item.has(name)) {
      return item.get(name);
    }
    int underscore = name.indexOf('_');
    if (underscore > 0 && item.has(name.substring(0, underscore))) {
      return lookup(item.get(name.substring(0, underscore)), name.substring(underscore + 1));
    }
    return null;
  }
}
