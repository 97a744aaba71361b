package dev.djbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code djbench inject}: its Kubernetes Job, sealed, and its refusals, before any request. */
class InjectCommandTest {

  private static final Path JOB_GOLDEN = Path.of("src/test/resources/golden/kubernetes-job.yaml");

  private static final String STAGING =
      """
      suite: staging
      app: {url: "http://staging.example.com"}
      defaults:
        load: {rate: 400/s, interleave: requests}
      experiments:
        - id: lists
          equivalence: status
          variants: {books: GET /books/, authors: GET /authors/}
        - id: detail
          variants: {first: "GET /books/1/", second: "GET /books/2/"}
      """;

  /** The Job's form is sealed: regenerate deliberately with DJBENCH_WRITE_GOLDEN=1. */
  @Test
  void theKubernetesJobIsSealedByItsGoldenFile(@TempDir Path dir) throws Exception {
    Path scenario = dir.resolve("staging.yaml");
    Files.writeString(scenario, STAGING);
    var out = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      exit =
          Djbench.execute(
              "inject",
              scenario.toString(),
              "--kubernetes-job",
              "--parts",
              "4",
              "--start-at",
              "2026-12-03T10:00:00Z",
              "--seed",
              "42",
              "--blocks",
              "4",
              "--threshold",
              "3%",
              "--allow-remote",
              "staging.example.com",
              "--image",
              "registry.example.com/djbench:1.4",
              "--volume-claim",
              "bench-results");
    } finally {
      System.setOut(saved);
    }
    String yaml = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, yaml);
    if (System.getenv("DJBENCH_WRITE_GOLDEN") != null) {
      Files.writeString(JOB_GOLDEN, yaml, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(JOB_GOLDEN, StandardCharsets.UTF_8), yaml, "the Job changed");
    // What the Job relies on, said outright: one pod a part, the index naming the part, the
    // scenario's exact bytes, one folder a part on the shared claim.
    assertTrue(yaml.contains("completionMode: Indexed\n  completions: 4\n  parallelism: 4\n"));
    assertTrue(yaml.contains("--part \"$((JOB_COMPLETION_INDEX + 1))/4\""));
    assertTrue(yaml.contains("--allow-remote staging.example.com"));
    assertTrue(yaml.contains("claimName: bench-results"));
    // It is YAML Kubernetes reads: two documents, the pod's shell line folded into one.
    var mapper =
        new com.fasterxml.jackson.databind.ObjectMapper(
            new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
    var docs =
        mapper.readerFor(com.fasterxml.jackson.databind.JsonNode.class).readValues(yaml).readAll();
    assertEquals(2, docs.size());
    var configMap = (com.fasterxml.jackson.databind.JsonNode) docs.get(0);
    var job = (com.fasterxml.jackson.databind.JsonNode) docs.get(1);
    assertEquals("ConfigMap", configMap.get("kind").asText());
    assertEquals(
        java.util.Arrays.toString(Files.readAllBytes(scenario)),
        java.util.Arrays.toString(
            Base64.getDecoder().decode(configMap.at("/binaryData/scenario.yaml").asText())),
        "the scenario's exact bytes");
    assertEquals("Indexed", job.at("/spec/completionMode").asText());
    assertEquals(
        "exec djbench inject /scenario/scenario.yaml --part \"$((JOB_COMPLETION_INDEX + 1))/4\""
            + " --start-at 2026-12-03T10:00:00Z --seed 42 --profile quick --blocks 4 --threshold 3%"
            + " --allow-remote staging.example.com --out"
            + " \"/parts/djbench-inject-42/part-$((JOB_COMPLETION_INDEX + 1))-of-4\"",
        job.at("/spec/template/spec/containers/0/args/0").asText());
  }

  @Test
  void aScenarioAProjectFolderRunsIsRefusedWithExit2(@TempDir Path dir) throws Exception {
    Path scenario = dir.resolve("own.yaml");
    Files.writeString(Files.createDirectories(dir.resolve("site")).resolve("manage.py"), "");
    Files.writeString(
        scenario,
        """
        suite: own
        app: {path: site, settings: site.settings}
        experiments:
          - {id: home, variants: {a: "GET /", b: "GET /about/"}}
        """);
    Cli.Outcome o = inject(dir, scenario, "--part", "1/2");
    assertEquals(ExitCode.BAD_INPUT.code(), o.exit(), o.err());
    assertTrue(
        o.err().contains("djbench inject loads one deployment that every part reaches"), o.err());
    assertTrue(Files.notExists(dir.resolve("out")), "refused before a part folder was made");
  }

  @Test
  void aRemoteHostNeedsAllowRemoteAndBadPartsAndStartsAreNamed(@TempDir Path dir) throws Exception {
    Path scenario = dir.resolve("staging.yaml");
    // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never anyone's server.
    Files.writeString(scenario, STAGING.replace("staging.example.com", "192.0.2.10"));
    Cli.Outcome remote = inject(dir, scenario, "--part", "1/2");
    assertEquals(ExitCode.BAD_INPUT.code(), remote.exit(), remote.err());
    assertTrue(remote.err().contains("named with --allow-remote 192.0.2.10"), remote.err());

    Cli.Outcome part = inject(dir, scenario, "--part", "5/4", "--allow-remote", "192.0.2.10");
    assertEquals(ExitCode.BAD_INPUT.code(), part.exit(), part.err());
    assertTrue(part.err().contains("--part: '5/4' is not a part: expected I/N"), part.err());

    Cli.Outcome none = inject(dir, scenario, "--allow-remote", "192.0.2.10");
    assertEquals(ExitCode.BAD_INPUT.code(), none.exit(), none.err());
    assertTrue(none.err().contains("djbench inject needs --part I/N"), none.err());

    Cli.Outcome relative =
        Cli.execute(
            "inject",
            scenario.toString(),
            "--part",
            "1/2",
            "--allow-remote",
            "192.0.2.10",
            "--seed",
            "1",
            "--start-at",
            "+30s",
            "--out",
            dir.resolve("out").toString());
    assertEquals(ExitCode.BAD_INPUT.code(), relative.exit(), relative.err());
    assertTrue(relative.err().contains("an injector needs the instant itself"), relative.err());

    Cli.Outcome blocks =
        inject(dir, scenario, "--part", "1/2", "--allow-remote", "192.0.2.10", "--blocks", "9");
    assertEquals(ExitCode.BAD_INPUT.code(), blocks.exit(), blocks.err());
    assertTrue(
        blocks.err().contains("--blocks 9: the quick profile runs 1 to 8 blocks"), blocks.err());
    assertTrue(Files.notExists(dir.resolve("out")), "refused before a part folder was made");
  }

  @Test
  void rateAutoAndCapacitySearchesCannotBeShared(@TempDir Path dir) throws Exception {
    Path scenario = dir.resolve("auto.yaml");
    Files.writeString(
        scenario,
        """
        suite: staging
        app: {url: "http://127.0.0.1:9"}
        experiments:
          - id: lists
            load: {rate: auto}
            variants: {books: GET /books/, authors: GET /authors/}
        """);
    Cli.Outcome o = inject(dir, scenario, "--part", "1/2");
    assertEquals(ExitCode.BAD_INPUT.code(), o.exit(), o.err());
    assertTrue(o.err().contains("rate: auto probes the target from one machine"), o.err());
  }

  @Test
  void aTargetThatDoesNotAnswerFailsWithExit3BeforeAnyLoad(@TempDir Path dir) throws Exception {
    Path scenario = dir.resolve("down.yaml");
    int port = dev.djbench.sut.process.Ports.freeLoopbackPort();
    Files.writeString(
        scenario,
        """
        suite: staging
        app: {url: "http://127.0.0.1:%d"}
        experiments:
          - {id: lists, variants: {books: GET /books/, authors: GET /authors/}}
        """
            .formatted(port));
    Cli.Outcome o = inject(dir, scenario, "--part", "1/2");
    assertEquals(ExitCode.BROKEN.code(), o.exit(), o.err());
    assertTrue(o.err().contains("does not answer"), o.err());
    assertTrue(o.err().contains("is the target up, and reachable from here?"), o.err());
  }

  private static final String GATE =
      """
      suite: staging-gate
      app: {url: "http://127.0.0.1:9"}
      defaults:
        load: {rate: 40/s, interleave: requests}
      gate:
        p50: 10%
      experiments:
        - id: books
          request: GET /books/
      """;

  @Test
  void aGateOfTwoDeploymentsNeedsBothUrlsEachAllowedAndTheJobPassesThemOn(@TempDir Path dir)
      throws Exception {
    Path gate = dir.resolve("gate.yaml");
    Files.writeString(gate, GATE);
    Cli.Outcome one = inject(dir, gate, "--part", "1/2", "--baseline-url", "http://127.0.0.1:9");
    assertEquals(ExitCode.BAD_INPUT.code(), one.exit(), one.err());
    assertTrue(one.err().contains("--baseline-url needs --candidate-url"), one.err());

    Cli.Outcome remote = gate(dir, gate, "http://127.0.0.1:9", "http://192.0.2.10:8000");
    assertEquals(ExitCode.BAD_INPUT.code(), remote.exit(), remote.err());
    assertTrue(
        remote.err().contains("--candidate-url http://192.0.2.10:8000 is not on"), remote.err());

    Cli.Outcome path = gate(dir, gate, "http://127.0.0.1:9/books/", "http://127.0.0.1:10");
    assertEquals(ExitCode.BAD_INPUT.code(), path.exit(), path.err());
    assertTrue(
        path.err().contains("--baseline-url http://127.0.0.1:9/books/: expected the origin"),
        path.err());

    Path pages = dir.resolve("pages.yaml");
    Files.writeString(pages, STAGING.replace("staging.example.com", "127.0.0.1:9"));
    Cli.Outcome notGate = gate(dir, pages, "http://127.0.0.1:9", "http://127.0.0.1:10");
    assertEquals(ExitCode.BAD_INPUT.code(), notGate.exit(), notGate.err());
    assertTrue(notGate.err().contains("is not a gate scenario"), notGate.err());
    assertTrue(Files.notExists(dir.resolve("out")), "refused before a part folder was made");

    Cli.Outcome job =
        Cli.execute(
            "inject",
            gate.toString(),
            "--kubernetes-job",
            "--parts",
            "2",
            "--start-at",
            "2026-12-03T10:00:00Z",
            "--seed",
            "7",
            "--baseline-url",
            "http://127.0.0.1:9",
            "--candidate-url",
            "http://127.0.0.1:10");
    assertEquals(0, job.exit(), job.err());
    assertTrue(
        job.out()
            .contains(
                "--baseline-url http://127.0.0.1:9\n"
                    + "              --candidate-url http://127.0.0.1:10\n"),
        job.out());
  }

  @Test
  void mergeRefusesPartsMixedWithRunFolders(@TempDir Path dir) throws Exception {
    Path part = Files.createDirectories(dir.resolve("part-1-of-2"));
    Files.writeString(part.resolve("part.json"), "{}");
    Path run = Files.createDirectories(dir.resolve("run"));
    Cli.Outcome o = Cli.execute("merge", part.toString(), run.toString());
    assertEquals(ExitCode.BAD_INPUT.code(), o.exit(), o.err());
    assertTrue(o.err().contains("these folders mix injector parts"), o.err());
  }

  /** Part 1/2 of a gate of the deployments at {@code baseline} and {@code candidate}. */
  private static Cli.Outcome gate(Path dir, Path scenario, String baseline, String candidate) {
    return inject(
        dir, scenario, "--part", "1/2", "--baseline-url", baseline, "--candidate-url", candidate);
  }

  private static Cli.Outcome inject(Path dir, Path scenario, String... more) {
    String[] args =
        new String[] {
          "inject",
          scenario.toString(),
          "--seed",
          "1",
          "--start-at",
          java.time.Instant.now().plusSeconds(60).toString(),
          "--out",
          dir.resolve("out").toString()
        };
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return Cli.execute(all);
  }
}
