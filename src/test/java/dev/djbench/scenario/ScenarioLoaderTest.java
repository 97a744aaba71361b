package dev.djbench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.scenario.Deployment.Server;
import dev.djbench.scenario.Deployment.WorkerClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {

  @TempDir Path home;
  private Path file;
  private ScenarioLoader loader;

  @BeforeEach
  void setUp() throws IOException {
    Files.createDirectories(home.resolve("sample-django-app"));
    Files.writeString(
        home.resolve("sample-django-app/manage.py"),
        "os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"djbench_app.settings\")\n");
    Files.createDirectories(home.resolve("scenarios"));
    file = home.resolve("scenarios/test.yaml");
    loader = new ScenarioLoader(home);
  }

  private Scenario parse(String yaml) throws ScenarioException {
    return loader.parse(file, yaml);
  }

  private ScenarioException.Problem onlyProblem(String yaml) {
    ScenarioException e = assertThrows(ScenarioException.class, () -> parse(yaml));
    assertEquals(1, e.problems().size(), e.getMessage());
    return e.problems().get(0);
  }

  @Test
  void readsTheShippedTechniquesSuite() throws Exception {
    Path repo = Path.of("").toAbsolutePath();
    Scenario s = new ScenarioLoader(repo).load(repo.resolve("scenarios/techniques.yaml"));
    assertEquals("techniques", s.suite());
    assertTrue(s.experiments().stream().anyMatch(e -> e.id().equals("select-related")));
    assertEquals(repo.resolve("sample-django-app"), s.app().directory());
  }

  @Test
  void appliesDefaultsThenExperimentThenVariantSettings() throws Exception {
    Scenario s =
        parse(
            """
        suite: t
        app: ../sample-django-app
        defaults:
          deployment: {workers: 3}
          load: {rate: 600/min, warmup: 2s}
        experiments:
          - id: debug-off
            request: GET /page/
            deployment: {cache: dummy}
            load: {timeout: 30s, max_errors: 0.5%}
            variants:
              debug: {deployment: {debug: true}}
              production: {}
        """);
    Experiment e = s.experiments().get(0);
    assertEquals(10.0, e.load().ratePerSecond(), 1e-9);
    assertEquals(2, e.load().warmupSeconds().getAsInt());
    assertEquals(30, e.load().timeoutSeconds());
    assertEquals(0.005, e.load().maxErrorFraction(), 1e-12);
    Variant debug = e.variants().get(0);
    assertEquals("debug", debug.name());
    assertTrue(debug.deployment().debug());
    assertEquals(3, debug.deployment().workers());
    assertEquals(Deployment.CacheBackend.DUMMY, debug.deployment().cache());
    assertEquals("GET /page/", debug.request().toString());
    assertFalse(e.variants().get(1).deployment().debug());
    assertEquals(ScenarioDefaults.DEPLOYMENT.database(), debug.deployment().database());
  }

  @Test
  void expandsAMatrixIntoOneVariantPerCombination() throws Exception {
    Scenario s =
        parse(
            """
        suite: t
        experiments:
          - id: workers
            request: GET /cpu/
            matrix: {workers: [1, 2], worker_class: [sync, gthread]}
        """);
    List<Variant> variants = s.experiments().get(0).variants();
    assertEquals(
        List.of(
            "workers=1,worker_class=sync",
            "workers=1,worker_class=gthread",
            "workers=2,worker_class=sync",
            "workers=2,worker_class=gthread"),
        variants.stream().map(Variant::name).toList());
    assertEquals(2, variants.get(3).deployment().workers());
    assertEquals(WorkerClass.GTHREAD, variants.get(3).deployment().workerClass());
    assertEquals(Server.GUNICORN, variants.get(0).deployment().server());
  }

  @Test
  void anUnknownKeyIsReportedWithItsLineColumnAndTheKnownKeys() {
    var p =
        onlyProblem(
            """
        suite: t
        experiments:
          - id: a
            variants: {x: GET /a/, y: GET /b/}
            deploymnet: {workers: 2}
        """);
    assertEquals(file, p.file());
    assertEquals(5, p.line());
    assertEquals(5, p.column());
    assertTrue(p.message().contains("unknown key 'deploymnet'"), p.message());
    assertTrue(p.message().contains("deployment"), p.message());
    assertTrue(p.toString().startsWith(file + ":5:5: experiments[0].deploymnet: "), p.toString());
  }

  @Test
  void aWrongTypeNamesTheValueAndWhatWasExpected() {
    var p =
        onlyProblem(
            """
        suite: t
        experiments:
          - id: a
            deployment: {workers: many}
            variants: {x: GET /a/, y: GET /b/}
        """);
    assertEquals(4, p.line());
    assertEquals("experiments[0].deployment.workers", p.where());
    assertTrue(p.message().contains("got 'many'"), p.message());
    assertTrue(p.message().contains("a whole number from 1 to 64"), p.message());
  }

  @Test
  void badRatesRequestsAndChoicesAreAllReportedAtOnce() {
    ScenarioException e =
        assertThrows(
            ScenarioException.class,
            () ->
                parse(
                    """
        suite: t
        defaults:
          load: {rate: fast}
        experiments:
          - id: a
            deployment: {database: oracle}
            variants:
              x: FETCH /a/
              y: GET /b/
        """));
    List<String> messages = e.problems().stream().map(ScenarioException.Problem::toString).toList();
    assertEquals(3, messages.size(), e.getMessage());
    assertTrue(
        messages.get(0).contains(":3:")
            && messages.get(0).contains("'fast'")
            && messages.get(0).contains("'40/s'"),
        messages.get(0));
    assertTrue(
        messages.get(1).contains(":6:")
            && messages.get(1).contains("'oracle'")
            && messages.get(1).contains("sqlite, postgres"),
        messages.get(1));
    assertTrue(
        messages.get(2).contains(":8:") && messages.get(2).contains("'FETCH /a/'"),
        messages.get(2));
  }

  @Test
  void interleaveIsTrialsUnlessTheScenarioAsksForRequests() throws Exception {
    Scenario s =
        parse(
            """
        suite: t
        app: ../sample-django-app
        defaults:
          load: {interleave: requests}
        experiments:
          - id: together
            variants: {x: GET /a/, y: GET /b/}
          - id: apart
            variants: {x: GET /a/, y: GET /b/}
            load: {interleave: trials}
        """);
    assertEquals(Interleave.REQUESTS, s.experiments().get(0).load().interleave());
    assertEquals(Interleave.TRIALS, s.experiments().get(1).load().interleave());
    assertEquals(Interleave.TRIALS, ScenarioDefaults.LOAD.interleave());
  }

  @Test
  void connectionsAreNewUnlessTheScenarioAsksForKeptAliveOnes() throws Exception {
    Scenario s =
        parse(
            """
        suite: t
        app: ../sample-django-app
        experiments:
          - id: pooled
            variants: {x: GET /a/, y: GET /b/}
            load: {connections: keep-alive}
          - id: fresh
            variants: {x: GET /a/, y: GET /b/}
        """);
    assertEquals(Connections.KEEP_ALIVE, s.experiments().get(0).load().connections());
    assertEquals(Connections.NEW, s.experiments().get(1).load().connections());
    var e =
        assertThrows(
            ScenarioException.class,
            () ->
                parse(
                    """
                suite: t
                app: ../sample-django-app
                experiments:
                  - id: a
                    variants: {x: GET /a/, y: GET /b/}
                    load: {connections: pooled}
                """));
    assertTrue(e.getMessage().contains("one of: new, keep-alive"), e.getMessage());
  }

  @Test
  void rateAutoIsInheritedAndAFixedRateBelowTurnsItOff() throws Exception {
    Scenario s =
        parse(
            """
        suite: t
        app: ../sample-django-app
        defaults:
          load: {rate: auto}
        experiments:
          - id: probed
            variants: {x: GET /a/, y: GET /b/}
          - id: fixed
            variants: {x: GET /a/, y: GET /b/}
            load: {rate: 12/s}
        """);
    assertTrue(s.experiments().get(0).load().autoRate());
    assertEquals(
        ScenarioDefaults.LOAD.ratePerSecond(), s.experiments().get(0).load().ratePerSecond());
    assertFalse(s.experiments().get(1).load().autoRate());
    assertEquals(12.0, s.experiments().get(1).load().ratePerSecond());
  }

  @Test
  void rateAutoWithACapacitySearchIsRefused() {
    var p =
        onlyProblem(
            """
        suite: t
        app: ../sample-django-app
        experiments:
          - id: a
            variants: {x: GET /a/, y: GET /b/}
            load: {rate: auto}
            capacity: {slo_p99: 250ms}
        """);
    assertTrue(p.toString().contains("rate: auto"), p.toString());
  }

  @Test
  void aRateThatIsNeitherARateNorAutoSaysBoth() {
    var p =
        onlyProblem(
            """
        suite: t
        app: ../sample-django-app
        experiments:
          - id: a
            variants: {x: GET /a/, y: GET /b/}
            load: {rate: automatic}
        """);
    assertTrue(p.toString().contains(":6:") && p.toString().contains("or 'auto'"), p.toString());
  }

  @Test
  void anUnknownInterleaveIsNamedWithItsLineAndTheChoices() {
    var p =
        onlyProblem(
            """
        suite: t
        app: ../sample-django-app
        experiments:
          - id: a
            variants: {x: GET /a/, y: GET /b/}
            load: {interleave: blocks}
        """);
    String text = p.toString();
    assertTrue(
        text.contains(":6:") && text.contains("'blocks'") && text.contains("trials, requests"),
        text);
  }

  @Test
  void fractionalSecondsAreRefusedBecauseGatlingSchedulesWholeSeconds() {
    var p =
        onlyProblem(
            """
        suite: t
        defaults: {load: {warmup: 1.5s}}
        experiments:
          - {id: a, variants: {x: GET /a/, y: GET /b/}}
        """);
    assertTrue(p.message().contains("whole seconds"), p.message());
  }

  @Test
  void structuralMistakesAreNamed() {
    assertTrue(onlyProblem("suite: t\nexperiments: []\n").message().contains("non-empty list"));
    assertTrue(
        onlyProblem("suite: t\nexperiments:\n  - {id: a}\n")
            .message()
            .contains("missing 'request' (a page to measure), 'pages'"));
    assertTrue(
        onlyProblem("suite: t\nexperiments:\n  - {id: a, variants: {only: GET /a/}}\n")
            .message()
            .contains("at least two"));
    var duplicate =
        onlyProblem(
            """
        suite: t
        experiments:
          - {id: a, variants: {x: GET /a/, y: GET /b/}}
          - {id: a, variants: {x: GET /a/, y: GET /b/}}
        """);
    assertEquals(4, duplicate.line());
    assertTrue(duplicate.message().contains("not used by another experiment"), duplicate.message());
    assertTrue(
        onlyProblem("experiments:\n  - {id: a, variants: {x: GET /a/, y: GET /b/}}\n")
            .message()
            .contains("missing required key 'suite'"));
  }

  @Test
  void oneRequestOrAMapOfPagesIsMeasuredPageByPageWithoutComparison() throws Exception {
    Scenario s =
        parse(
            """
            suite: t
            experiments:
              - {id: home, request: GET /}
              - id: catalog
                pages: {books: GET /books/, authors: "GET /authors/?page=2"}
            """);
    Experiment home = s.experiments().get(0);
    assertTrue(home.pages());
    assertEquals(List.of("home"), home.variants().stream().map(Variant::name).toList());
    Experiment catalog = s.experiments().get(1);
    assertTrue(catalog.pages());
    assertEquals(
        List.of("books", "authors"), catalog.variants().stream().map(Variant::name).toList());
    assertEquals("/authors/?page=2", catalog.variants().get(1).request().path());
    var both =
        onlyProblem(
            """
        suite: t
        experiments:
          - {id: a, pages: {x: GET /a/}, variants: {x: GET /a/, y: GET /b/}}
        """);
    assertTrue(both.message().contains("no 'variants' or 'matrix' beside them"), both.message());
  }

  @Test
  void anAppDirectoryWithoutManagePyIsRefused() {
    var p =
        onlyProblem(
            """
        suite: t
        app: ../nowhere
        experiments:
          - {id: a, variants: {x: GET /a/, y: GET /b/}}
        """);
    assertEquals(2, p.line());
    assertTrue(p.message().contains("no manage.py"), p.message());
  }

  @Test
  void aProjectsSettingsAndWsgiModulesAreFoundFromItsManagePy() throws Exception {
    Path shop = Files.createDirectories(home.resolve("shop/bookshop"));
    Files.writeString(shop.resolve("wsgi.py"), "application = None\n");
    Files.writeString(
        home.resolve("shop/manage.py"),
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'bookshop.settings')\n");
    AppSpec app =
        parse(
                """
                suite: t
                app: ../shop
                experiments:
                  - {id: a, variants: {x: GET /a/, y: GET /b/}}
                """)
            .app();
    assertEquals("bookshop.settings", app.settingsModule());
    assertEquals("bookshop.wsgi:application", app.wsgiApplication());
    assertEquals("/", app.healthPath());
    assertEquals("", app.seedCommand(), "a project is seeded only when the scenario says how");
    assertEquals("", app.python(), "found at run time when the scenario names none");
    AppSpec named =
        parse(
                """
                suite: t
                app: {path: ../shop, python: ../shop/.env/bin/python, fixtures: [demo.json]}
                experiments:
                  - {id: a, request: GET /}
                """)
            .app();
    assertEquals(home.resolve("shop/.env/bin/python").toString(), named.python());
    assertEquals(List.of("demo.json"), named.fixtures());
  }

  @Test
  void aManagePyThatNamesNoSettingsIsRefusedWithWhatToWrite() throws Exception {
    Files.createDirectories(home.resolve("odd"));
    Files.writeString(home.resolve("odd/manage.py"), "import sys\n");
    var p =
        onlyProblem(
            """
        suite: t
        app: ../odd
        experiments:
          - {id: a, variants: {x: GET /a/, y: GET /b/}}
        """);
    assertEquals(2, p.line());
    assertTrue(p.message().contains("does not name a settings module"), p.message());
    assertTrue(p.message().contains("app: {settings: <module>}"), p.message());
  }

  @Test
  void invalidYamlIsReportedWithItsPosition() {
    ScenarioException e =
        assertThrows(ScenarioException.class, () -> parse("suite: t\nexperiments: [\n"));
    assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
    assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
  }

  /** A small valid scenario, to which the size tests add a long comment. */
  private static final String SMALL_VALID =
      """
      suite: t
      app: ../sample-django-app
      experiments:
        - id: a
          variants: {x: GET /a/, y: GET /b/}
      """;

  @Test
  void aFileAboveOneMebibyteIsRefusedBeforeItIsParsed() throws Exception {
    String valid = SMALL_VALID;
    // Valid YAML all the way: a long comment after the suite.
    String big = valid + "# " + "x".repeat((int) ScenarioLoader.MAX_BYTES) + "\n";
    Files.writeString(file, big);
    var e = assertThrows(ScenarioException.class, () -> loader.load(file));
    String text = e.getMessage();
    assertTrue(text.contains("1,048,576 bytes (1 MiB)") && text.contains(file.toString()), text);
    Files.writeString(file, valid);
    assertEquals("t", loader.load(file).suite(), "a small file still loads");
  }

  @Test
  void aLineLongerThanTheLimitIsRefusedNamingItsNumberAndLength() throws Exception {
    String valid = SMALL_VALID;
    String longest = "# " + "x".repeat(ScenarioLoader.MAX_LINE_CHARS - 2);
    Files.writeString(file, valid + longest + "\n");
    assertEquals("t", loader.load(file).suite(), "a line at the limit loads");

    Files.writeString(file, valid + longest + "x\n");
    var e = assertThrows(ScenarioException.class, () -> loader.load(file));
    assertEquals(1, e.problems().size());
    assertEquals(6, e.problems().get(0).line());
    assertTrue(
        e.getMessage().contains("line 6 is 65,537 characters long")
            && e.getMessage().contains("at most 65,536")
            && e.getMessage().contains(file.toString()),
        e.getMessage());
  }

  @Test
  void aMissingFileIsAProblemNotACrash() {
    ScenarioException e =
        assertThrows(ScenarioException.class, () -> loader.load(home.resolve("none.yaml")));
    assertTrue(e.getMessage().contains("cannot read the scenario file"), e.getMessage());
  }
}
