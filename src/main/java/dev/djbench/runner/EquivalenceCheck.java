package dev.djbench.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.djbench.scenario.Equivalence;
import dev.djbench.scenario.Experiment;
import dev.djbench.scenario.RequestSpec;
import dev.djbench.scenario.Variant;
import dev.djbench.sut.Deployed;
import dev.djbench.sut.ExperimentServers;
import dev.djbench.sut.process.LoopbackHttp;
import dev.djbench.sut.process.TargetException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests every variant once and compares its response with the baseline's before anything is
 * timed: an optimization that changes the answer is reported as broken, not as fast.
 */
public final class EquivalenceCheck {

  /**
   * A response as compared.
   *
   * @param status the HTTP status
   * @param body the body
   * @param injectedSlowdown the app's {@code X-Djbench-Slowdown} header (the reference app's
   *     injected-slowdown knob, in percent), empty when the app does not send it
   * @param serverTiming the {@code Server-Timing} header, empty when the app does not send it
   */
  public record Response(int status, String body, String injectedSlowdown, String serverTiming) {
    public Response(int status, String body) {
      this(status, body, "", "");
    }
  }

  /**
   * Whether {@code server} answers {@code request} with a {@code Server-Timing} header: asked once
   * before anything is measured, so that a run says up front when server time, queries and cache
   * cannot be measured.
   *
   * @throws TargetException when the request cannot be made
   */
  static boolean sendsServerTiming(Deployed server, RequestSpec request) throws TargetException {
    return !fetch(server, request).serverTiming().isBlank();
  }

  private static final Pattern ITEM =
      Pattern.compile("<[^>]*class=\"item\"[^>]*>.*", Pattern.MULTILINE);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = LoopbackHttp.client(Duration.ofSeconds(5));

  private EquivalenceCheck() {}

  /**
   * Requests every variant of {@code experiment} once (after its reset request, if any) and
   * compares each with the baseline; notes each variant's injected slowdown in {@code slowdowns}
   * (an app knob that must be visible in the report whenever it is on).
   *
   * @return why a variant does not answer like the baseline; empty when all do
   * @throws TargetException when a request cannot be made or the reset is refused
   */
  static Optional<String> probe(
      Experiment experiment, ExperimentServers servers, Map<String, String> slowdowns)
      throws TargetException {
    Variant baseline = experiment.baseline();
    reset(experiment, servers.of(baseline));
    Response expected = fetch(servers.of(baseline), baseline.request());
    slowdowns.put(baseline.name(), expected.injectedSlowdown());
    for (Variant candidate : experiment.variants().subList(1, experiment.variants().size())) {
      reset(experiment, servers.of(candidate));
      Response actual = fetch(servers.of(candidate), candidate.request());
      slowdowns.put(candidate.name(), actual.injectedSlowdown());
      Optional<String> difference = difference(experiment.equivalence(), expected, actual);
      if (difference.isPresent()) {
        return Optional.of(
            candidate.name()
                + " does not answer like "
                + baseline.name()
                + " ("
                + experiment.equivalence().name().toLowerCase(Locale.ROOT)
                + "): "
                + difference.get());
      }
    }
    return Optional.empty();
  }

  /**
   * Sends the experiment's reset request, if it has one; anything but a 2xx answer is a broken
   * target.
   */
  static void reset(Experiment experiment, Deployed server) throws TargetException {
    if (experiment.reset().isEmpty()) {
      return;
    }
    Response response = fetch(server, experiment.reset().get());
    if (response.status() / 100 != 2) {
      throw new TargetException(
          "the reset request "
              + experiment.reset().get()
              + " of "
              + experiment.id()
              + " answered "
              + response.status()
              + " on "
              + server.label()
              + "; expected 2xx");
    }
  }

  private static Response fetch(Deployed server, RequestSpec request) throws TargetException {
    return fetch(server, request, Map.of());
  }

  /**
   * Sends {@code request} to {@code server} with the server's headers (session, CSRF) and {@code
   * extra} ones, and reads the whole answer.
   */
  static Response fetch(Deployed server, RequestSpec request, Map<String, String> extra)
      throws TargetException {
    URI uri = server.baseUrl().resolve(request.path());
    var builder =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .method(
                request.method(),
                request.body().isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(request.body()));
    TrialRunner.withServerHeaders(request.headers(), server).forEach(builder::header);
    extra.forEach(builder::header);
    try {
      HttpResponse<String> response =
          HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("X-Djbench-Slowdown").orElse(""),
          response.headers().firstValue("Server-Timing").orElse(""));
    } catch (IOException e) {
      throw new TargetException("could not " + request.method() + " " + uri + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetException("interrupted during " + request.method() + " " + uri);
    }
  }

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
