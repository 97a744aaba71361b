package dev.djbench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the parts of a scenario below its top level: an experiment, its variants (named or a
 * matrix), requests, load settings, capacity searches and deployment overlays. Every problem goes
 * to the {@link Problems} given, with its place in the file.
 */
final class ExperimentReader {

  private static final Pattern ID = ScenarioSchema.ID;
  private static final Pattern SEED_OPTION = ScenarioSchema.SEED_OPTION;

  private ExperimentReader() {}

  static Optional<Experiment> experiment(
      Fields f,
      AppSpec app,
      boolean gate,
      Deployment baseDeployment,
      LoadSettings baseLoad,
      Problems problems) {
    if (!f.present()) {
      return Optional.empty();
    }
    f.allowOnly(ScenarioSchema.EXPERIMENT.names());
    Optional<String> id = f.string("id", true);
    if (id.isPresent() && !ID.matcher(id.get()).matches()) {
      problems.add(
          f.pointer("id"),
          f.raw("id"),
          "lower-case letters, digits and dashes, like 'select-related'");
    }
    String technique = f.string("technique", false).orElse(id.orElse(""));
    String claim = f.string("claim", false).orElse("");
    List<String> needs = f.stringList("needs");
    for (int i = 0; i < needs.size(); i++) {
      if (Need.byYamlName(needs.get(i)).isEmpty()) {
        problems.add(
            f.pointer("needs") + "/" + i,
            f.raw("needs").get(i),
            "one of: " + String.join(", ", Need.yamlNames()));
      }
    }
    Map<String, String> seed = f.scalarMap("seed");
    seed.keySet().stream()
        .filter(k -> !SEED_OPTION.matcher(k).matches())
        .forEach(
            k ->
                problems.add(
                    f.pointer("seed") + "/" + k,
                    JsonNodeFactory.instance.textNode(k),
                    "a seed option name such as 'posts' (lower case)"));
    // Two revisions may change a page on purpose; a gate only insists that both answer with the
    // same status.
    Equivalence equivalence =
        f.choice("equivalence", Equivalence.class)
            .orElse(gate ? Equivalence.STATUS : Equivalence.SAME);
    Optional<RequestSpec> sharedRequest = SettingsReader.request(f, "request", problems);
    Optional<RequestSpec> reset = SettingsReader.request(f, "reset", problems);
    Deployment deployment =
        SettingsReader.overlay(f.child("deployment", "a deployment"), baseDeployment);
    LoadSettings load = SettingsReader.load(f.child("load", "load settings"), baseLoad);

    List<Variant> variants = new ArrayList<>();
    boolean hasVariants = f.has("variants");
    boolean hasMatrix = f.has("matrix");
    boolean hasPages = f.has("pages");
    // A run's experiment with one request and nothing to compare it with measures that page.
    boolean pages =
        !gate && (hasPages || (!hasVariants && !hasMatrix && sharedRequest.isPresent()));
    if (pages) {
      if (hasVariants || hasMatrix) {
        problems.addMessage(
            f.pointer("pages"),
            "'pages' are measured each on its own; expected no 'variants' or 'matrix' beside them");
      } else if (hasPages && sharedRequest.isPresent()) {
        problems.addMessage(
            f.pointer("request"), "both 'request' and 'pages' are given; expected one of them");
      } else if (hasPages) {
        variants.addAll(pageVariants(f, app, deployment, problems));
      } else {
        variants.add(new Variant(id.orElse("page"), app, sharedRequest.get(), deployment));
      }
    } else if (gate) {
      // A gate measures one request on two checkouts: the variants are the baseline and the
      // candidate.
      if (hasVariants || hasMatrix) {
        problems.addMessage(
            f.pointer(hasVariants ? "variants" : "matrix"),
            "a gate scenario's experiments have one "
                + "'request' and no variants or matrix: the gate compares the baseline and candidate checkouts");
      } else if (sharedRequest.isEmpty()) {
        problems.addMessage(
            f.pointer(),
            "missing 'request': each experiment of a gate scenario names the request it measures");
      } else {
        variants.add(new Variant(GateSpec.BASELINE, app, sharedRequest.get(), deployment));
        variants.add(new Variant(GateSpec.CANDIDATE, app, sharedRequest.get(), deployment));
      }
    } else if (hasVariants == hasMatrix) {
      problems.addMessage(
          f.pointer(),
          hasVariants
              ? "both 'variants' and 'matrix' are given; expected one of them"
              : "missing 'request' (a page to measure), 'pages' (pages measured each on its own),"
                  + " 'variants' (named variants to compare) or 'matrix' (deployment values to"
                  + " compare)");
    } else if (hasVariants) {
      variants.addAll(namedVariants(f, app, sharedRequest, deployment, problems));
    } else {
      variants.addAll(matrixVariants(f, app, sharedRequest, deployment, problems));
    }
    JsonNode declared = f.raw(hasVariants ? "variants" : "matrix");
    if (!gate && hasVariants && declared.isObject() && declared.size() == 1) {
      problems.addMessage(
          f.pointer("variants"), "only one variant; expected at least two to compare");
    }
    if (!gate && hasMatrix && variants.size() == 1) {
      problems.addMessage(
          f.pointer("matrix"),
          "the matrix makes only one variant; expected at least two to compare");
    }
    if (id.isEmpty() || variants.size() < (pages ? 1 : 2)) {
      return Optional.empty();
    }
    Optional<CapacitySpec> capacity =
        f.has("capacity")
            ? SettingsReader.capacity(f.child("capacity", "a capacity search"), load)
            : Optional.empty();
    if (gate && capacity.isPresent()) {
      problems.addMessage(
          f.pointer("capacity"),
          "a gate compares fixed-rate trials; capacity searches belong in 'run' scenarios");
    }
    if (capacity.isPresent() && load.autoRate()) {
      problems.addMessage(
          f.pointer("capacity"),
          "a capacity search probes its own rates; 'rate: auto' applies to fixed-rate experiments");
    }
    return Optional.of(
        new Experiment(
            id.get(),
            technique,
            claim,
            needs,
            seed,
            load,
            equivalence,
            reset,
            variants,
            capacity,
            pages,
            login(f, problems)));
  }

  /** {@code login: alice} or {@code login: {username: alice}}. */
  static Optional<String> login(Fields f, Problems problems) {
    JsonNode node = f.raw("login");
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (node.isTextual() && !node.asText().isBlank()) {
      return Optional.of(node.asText());
    }
    Fields login = f.child("login", "a user name, or a mapping with 'username'");
    login.allowOnly(ScenarioSchema.LOGIN.names());
    Optional<String> username = login.string("username", true);
    if (username.isPresent() && username.get().isBlank()) {
      problems.add(login.pointer("username"), login.raw("username"), "a user name");
      return Optional.empty();
    }
    return username;
  }

  /**
   * {@code pages: {books: "GET /books/", add: {method: POST, path: /shelf/add/, body: …}}}: a
   * variant per page.
   */
  static List<Variant> pageVariants(
      Fields f, AppSpec app, Deployment deployment, Problems problems) {
    List<Variant> out = new ArrayList<>();
    JsonNode node = f.raw("pages");
    if (!node.isObject() || node.isEmpty()) {
      problems.add(f.pointer("pages"), node, "a mapping of page names to request lines");
      return out;
    }
    Fields pages = f.child("pages", "a mapping of page names to requests");
    node.fieldNames()
        .forEachRemaining(
            name -> {
              String pointer = f.pointer("pages") + "/" + name;
              if (!ID.matcher(name).matches()) {
                problems.addMessage(
                    pointer,
                    "page name '" + name + "': expected lower-case letters, digits and dashes");
              }
              // A request line, or a mapping with method, path, body and headers.
              Optional<RequestSpec> request = SettingsReader.request(pages, name, problems);
              request.ifPresent(r -> out.add(new Variant(name, app, r, deployment)));
            });
    return out;
  }

  static List<Variant> namedVariants(
      Fields f,
      AppSpec app,
      Optional<RequestSpec> sharedRequest,
      Deployment deployment,
      Problems problems) {
    List<Variant> out = new ArrayList<>();
    JsonNode node = f.raw("variants");
    if (!node.isObject()) {
      problems.add(
          f.pointer("variants"), node, "a mapping of variant names to requests or settings");
      return out;
    }
    node.fieldNames()
        .forEachRemaining(
            name -> {
              String pointer = f.pointer("variants") + "/" + name;
              JsonNode value = node.get(name);
              if (!ID.matcher(name).matches()) {
                problems.addMessage(
                    pointer,
                    "variant name '" + name + "': expected lower-case letters, digits and dashes");
              }
              Optional<RequestSpec> request;
              Deployment variantDeployment = deployment;
              if (value.isTextual()) {
                request = RequestSpec.parseLine(value.asText());
                if (request.isEmpty()) {
                  problems.add(pointer, value, "a request like 'GET /path?query'");
                }
              } else {
                Fields v =
                    Fields.of(
                        value,
                        pointer,
                        problems,
                        "a request line or a mapping with 'request'/'deployment'");
                v.allowOnly(ScenarioSchema.VARIANT.names());
                request = SettingsReader.request(v, "request", problems).or(() -> sharedRequest);
                variantDeployment =
                    SettingsReader.overlay(v.child("deployment", "a deployment"), deployment);
                if (request.isEmpty() && v.present() && !v.has("request")) {
                  problems.addMessage(
                      pointer, "no request: set 'request' here or on the experiment");
                }
              }
              Deployment resolved = variantDeployment;
              request.ifPresent(r -> out.add(new Variant(name, app, r, resolved)));
            });
    return out;
  }

  static List<Variant> matrixVariants(
      Fields f,
      AppSpec app,
      Optional<RequestSpec> sharedRequest,
      Deployment deployment,
      Problems problems) {
    List<Variant> out = new ArrayList<>();
    JsonNode node = f.raw("matrix");
    if (!node.isObject() || node.isEmpty()) {
      problems.add(f.pointer("matrix"), node, "a mapping of deployment keys to lists of values");
      return out;
    }
    if (sharedRequest.isEmpty()) {
      problems.addMessage(f.pointer(), "a matrix needs the experiment's 'request'");
    }
    // Expand the cartesian product in key order: each combination is a deployment overlay of its
    // own.
    List<Map<String, JsonNode>> combinations = new ArrayList<>();
    combinations.add(new LinkedHashMap<>());
    List<String> pointers = new ArrayList<>();
    for (var it = node.fields(); it.hasNext(); ) {
      var entry = it.next();
      String pointer = f.pointer("matrix") + "/" + entry.getKey();
      if (!List.of(SettingsReader.DEPLOYMENT_KEYS).contains(entry.getKey())
          || entry.getKey().equals("env")) {
        problems.addMessage(
            pointer,
            "unknown matrix key '"
                + entry.getKey()
                + "'; expected a deployment key: "
                + String.join(
                    ", ",
                    List.of(SettingsReader.DEPLOYMENT_KEYS)
                        .subList(0, SettingsReader.DEPLOYMENT_KEYS.length - 1)));
        continue;
      }
      if (!entry.getValue().isArray() || entry.getValue().isEmpty()) {
        problems.add(pointer, entry.getValue(), "a non-empty list of values");
        continue;
      }
      pointers.add(pointer);
      List<Map<String, JsonNode>> next = new ArrayList<>();
      for (Map<String, JsonNode> partial : combinations) {
        for (JsonNode value : entry.getValue()) {
          Map<String, JsonNode> extended = new LinkedHashMap<>(partial);
          extended.put(entry.getKey(), value);
          next.add(extended);
        }
      }
      combinations = next;
    }
    if (!problems.isEmpty() || sharedRequest.isEmpty()) {
      return out;
    }
    for (Map<String, JsonNode> combination : combinations) {
      ObjectNode overlayNode = JsonNodeFactory.instance.objectNode();
      combination.forEach(overlayNode::set);
      Deployment resolved =
          SettingsReader.overlay(
              Fields.of(overlayNode, f.pointer("matrix"), problems, "a deployment"), deployment);
      StringBuilder name = new StringBuilder();
      combination.forEach(
          (k, v) ->
              name.append(name.length() == 0 ? "" : ",").append(k).append('=').append(v.asText()));
      out.add(new Variant(name.toString(), app, sharedRequest.get(), resolved));
    }
    return out;
  }
}
