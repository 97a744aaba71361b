package dev.djbench.project;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.results.ExperimentResult;
import dev.djbench.results.ResultsIO;
import dev.djbench.results.RunResult;
import dev.djbench.results.TrialResult;
import dev.djbench.testsupport.Processes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project that knows nothing of djbench (test-projects/bookshop: settings from DATABASE_URL, its
 * own db.sqlite3, no Server-Timing, HTTPS redirects in production) measured as deeply as the
 * reference app, through the settings overlay and the probe, without touching its own database.
 */
class OwnProjectIT {

  private static final Path HOME = Projects.HOME;

  @Test
  void anUnmodifiedProjectIsMeasuredWithItsQueriesAndItsOwnDatabaseIsLeftAlone(@TempDir Path dir)
      throws Exception {
    Path project = Projects.copy("bookshop", dir.resolve("bookshop"));
    // The user's own data: migrated and filled by the project's own settings, with 3 books.
    Projects.manage(project, "migrate", "--noinput");
    Projects.manage(project, "populate", "--books", "3");
    Path ownDatabase = project.resolve("db.sqlite3");
    byte[] before = Projects.sha256(ownDatabase);

    Path scenario = dir.resolve("bookshop.yaml");
    Files.writeString(
        scenario,
        """
        suite: bookshop
        app: {path: bookshop, seed_command: "populate --books 40"}
        experiments:
          - id: pages
            pages: {books: GET /books/, authors: GET /authors/}
        """);
    PrintStream console = System.out;
    var captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = Projects.runSmoke(scenario, dir.resolve("reports"), "--seed", "3");
    } finally {
      System.setOut(console);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, out);

    Path run = Projects.onlyRun(dir.resolve("reports"));
    RunResult result = ResultsIO.read(run);
    ExperimentResult pages = result.experiments().get(0);
    assertEquals("measured", pages.status().word(), pages.reason());
    TrialResult books = trial(pages, "books");
    TrialResult authors = trial(pages, "authors");
    // The seed ran in djbench's database: 40 books, each of whose authors the template fetches.
    assertEquals(41.0, books.distribution("dbQueries").mean(), 1e-9, out);
    assertEquals(1.0, authors.distribution("dbQueries").mean(), 1e-9, out);
    for (TrialResult t : List.of(books, authors)) {
      assertTrue(t.valid(), t.invalidReasons().toString());
      assertEquals(
          0, t.counts().missingServerTiming(), "every response carried the probe's header");
      assertTrue(t.distribution("serverTotalMicros").p50() > 0, t.variant());
      assertTrue(t.distribution("serverTotalMicros").count() > 0, t.variant());
      // A page, not the project's HTTPS redirect.
      assertEquals(Map.of("200", t.counts().completed()), t.statusCounts());
    }

    // Pages are measured each on its own: figures, no comparison between them.
    assertEquals(List.of(), pages.comparisons());
    var queries =
        pages.measurements().stream()
            .filter(m -> m.variant().equals("books") && m.metric().equals("dbQueries.mean"))
            .findFirst()
            .orElseThrow();
    assertEquals(41.0, queries.value(), 1e-9);
    assertTrue(out.contains("page "), out);

    assertArrayEquals(
        before, Projects.sha256(ownDatabase), "the project's own db.sqlite3 was changed");
    assertEquals(List.of(), Processes.mentioning(dir.toString()));
  }

  @Test
  void aDatabaseMatrixRunsEachVariantOnTheDatabaseItNames(@TempDir Path dir) throws Exception {
    Projects.copy("bookshop", dir.resolve("bookshop"));
    Path scenario = dir.resolve("databases.yaml");
    Files.writeString(
        scenario,
        """
        suite: bookshop-databases
        app: {path: bookshop, seed_command: "populate --books 20"}
        experiments:
          - id: books
            request: GET /books/
            matrix: {database: [sqlite, postgres]}
        """);
    int exit = Projects.runSmoke(scenario, dir.resolve("reports"), "--seed", "5");
    assertEquals(0, exit);
    Path run = Projects.onlyRun(dir.resolve("reports"));
    ExperimentResult books = ResultsIO.read(run).experiments().get(0);
    assertEquals("measured", books.status().word(), books.reason());
    Map<String, String> vendorOf = new java.util.TreeMap<>();
    for (TrialResult t : books.trials().stream().filter(TrialResult::valid).toList()) {
      assertEquals(1, t.databaseVendors().size(), t.databaseVendors().toString());
      vendorOf.put(t.variant(), t.databaseVendors().keySet().iterator().next());
      assertEquals(21.0, t.distribution("dbQueries").mean(), 1e-9, t.variant());
    }
    // The probe's own word on what ran, not the label's.
    assertEquals(Map.of("database=postgres", "postgresql", "database=sqlite", "sqlite"), vendorOf);
    assertEquals(List.of(), Processes.mentioning(dir.toString()));
  }

  @Test
  void aPageBehindALoginIsMeasuredAsTheLoggedInUserSeesItOnTheProjectsFixtures(@TempDir Path dir)
      throws Exception {
    Projects.copy("bookshop", dir.resolve("bookshop"));
    Path scenario = dir.resolve("login.yaml");
    Files.writeString(
        scenario,
        """
        suite: bookshop-login
        app: {path: bookshop, fixtures: [demo.json]}
        experiments:
          - id: shelf
            login: {username: alice}
            pages:
              shelf: GET /shelf/
              books: GET /books/
              add:
                method: POST
                path: /shelf/add/
                body: book=1
                headers: {Content-Type: application/x-www-form-urlencoded}
        """);
    int exit = Projects.runSmoke(scenario, dir.resolve("reports"));
    assertEquals(0, exit);
    Path run = Projects.onlyRun(dir.resolve("reports"));
    ExperimentResult pages = ResultsIO.read(run).experiments().get(0);
    TrialResult shelf = trial(pages, "shelf");
    // The page itself, not the redirect to the login page an anonymous request gets.
    assertEquals(Map.of("200", shelf.counts().completed()), shelf.statusCounts());
    // The session, the user, the shelf.
    assertEquals(3.0, shelf.distribution("dbQueries").mean(), 1e-9);
    // The fixture's 6 books were loaded (loaddata demo.json): session, user, books, an author each.
    assertEquals(9.0, trial(pages, "books").distribution("dbQueries").mean(), 1e-9);
    // A form's POST passes Django's CSRF check (a 403 otherwise) and redirects, as it should.
    TrialResult add = trial(pages, "add");
    assertEquals(
        Map.of("302", add.counts().completed()), add.statusCounts(), add.failures().toString());
  }

  @Test
  void databaseAppReadsTheProjectsOwnDatabaseAndWritesToItOnlyWithLeave(@TempDir Path dir)
      throws Exception {
    Path project = Projects.copy("bookshop", dir.resolve("bookshop"));
    Projects.manage(project, "migrate", "--noinput");
    Projects.manage(project, "populate", "--books", "3");
    byte[] before = Projects.sha256(project.resolve("db.sqlite3"));

    Path seeding = dir.resolve("seeding.yaml");
    Files.writeString(
        seeding,
        """
        suite: app-db
        app: {path: bookshop, seed_command: "populate --books 40"}
        defaults: {deployment: {database: app}}
        experiments:
          - {id: books, request: GET /books/}
        """);
    var captured = new ByteArrayOutputStream();
    PrintStream errors = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int refused;
    try {
      refused = Projects.runSmoke(seeding, dir.resolve("reports-1"));
    } finally {
      System.setErr(errors);
    }
    assertEquals(2, refused, "bad input, refused before anything runs");
    assertTrue(
        captured.toString(StandardCharsets.UTF_8).contains("--allow-writes-to-app-database"),
        captured.toString(StandardCharsets.UTF_8));
    assertArrayEquals(
        before, Projects.sha256(project.resolve("db.sqlite3")), "refused before any write");

    Path reading = dir.resolve("reading.yaml");
    Files.writeString(
        reading,
        """
        suite: app-db
        app: bookshop
        defaults: {deployment: {database: app}}
        experiments:
          - {id: books, request: GET /books/}
        """);
    assertEquals(0, Projects.runSmoke(reading, dir.resolve("reports-2")));
    Path run = Projects.onlyRun(dir.resolve("reports-2"));
    TrialResult books = trial(ResultsIO.read(run).experiments().get(0), "books");
    // The project's own 3 books, each with its author: its data, read, not migrated or seeded.
    assertEquals(4.0, books.distribution("dbQueries").mean(), 1e-9);
    assertArrayEquals(before, Projects.sha256(project.resolve("db.sqlite3")), "only read");
  }

  /** The variant's valid trial (a trial a busy machine made invalid is repeated once). */
  private static TrialResult trial(ExperimentResult e, String variant) {
    return e.trials().stream()
        .filter(t -> t.valid() && t.variant().equals(variant))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no valid trial of " + variant + ": " + e.trials()));
  }
}
