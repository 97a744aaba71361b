package dev.djbench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code app: {url: …}} in a scenario file: what it reads, and what it refuses at which line. */
class UrlTargetScenarioTest {

  @TempDir Path home;

  private Scenario parse(String yaml) throws ScenarioException {
    return new ScenarioLoader(home).parse(home.resolve("staging.yaml"), yaml);
  }

  private List<ScenarioException.Problem> problems(String yaml) {
    return assertThrows(ScenarioException.class, () -> parse(yaml)).problems();
  }

  @Test
  void aUrlIsReadAsTheOriginOfADeploymentDjbenchDoesNotStart() throws Exception {
    Scenario s =
        parse(
            """
            suite: staging
            app: {url: "HTTPS://Staging.Example.com:8443/", health: /healthz/}
            experiments:
              - {id: home, request: GET /}
            """);
    assertTrue(s.app().remote());
    assertEquals("https://staging.example.com:8443", s.app().url());
    assertEquals("/healthz/", s.app().healthPath());
    assertEquals("", s.app().seedCommand());
    assertTrue(s.experiments().get(0).variants().get(0).app().remote());
  }

  @Test
  void aUrlWithAPathOrCredentialsIsNotAnOrigin() {
    for (String url :
        List.of(
            "https://staging.example.com/shop",
            "ftp://staging.example.com",
            "staging.example.com",
            "https://user:pw@staging.example.com",
            "https://staging.example.com/?x=1")) {
      var p =
          problems(
              """
              suite: staging
              app: {url: "%s"}
              experiments:
                - {id: home, request: GET /}
              """
                  .formatted(url));
      assertEquals(1, p.size(), url + ": " + p);
      assertEquals(2, p.get(0).line(), url);
      assertTrue(
          p.get(0).message().contains("expected the origin of a deployment, http(s)://host[:port]"),
          p.get(0).message());
    }
  }

  @Test
  void whatStartsMigratesOrSeedsAProjectIsRefusedWithAUrlAtItsLine() {
    var p =
        problems(
            """
            suite: staging
            app:
              url: "http://127.0.0.1:8000"
              seed_command: populate
            defaults:
              deployment: {workers: 4}
            experiments:
              - id: home
                request: GET /
                seed: {books: 10}
              - id: workers
                request: GET /
                matrix: {workers: [1, 2]}
              - id: shelf
                login: alice
                variants:
                  a: GET /a/
                  b: {request: GET /b/, deployment: {cache: redis}}
            """);
    List<String> where = p.stream().map(x -> x.line() + " " + x.where()).toList();
    assertEquals(6, p.size(), p.toString());
    for (ScenarioException.Problem problem : p) {
      assertTrue(
          problem.message().contains("djbench does not start")
              || problem.message().contains("cannot be given with 'url'"),
          problem.message());
    }
    assertEquals(
        List.of(4, 6, 10, 13, 15, 18),
        p.stream().map(ScenarioException.Problem::line).sorted().toList(),
        where.toString());
  }
}
