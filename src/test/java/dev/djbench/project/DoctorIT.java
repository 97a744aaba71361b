package dev.djbench.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.cli.Djbench;
import dev.djbench.doctor.DoctorIO;
import dev.djbench.doctor.DoctorResult;
import dev.djbench.doctor.Finding;
import dev.djbench.doctor.Growth;
import dev.djbench.doctor.PageDiagnosis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code djbench doctor} end to end: the reference app's naive and optimized pages, and a project
 * that knows nothing of djbench, each under a real Gunicorn on djbench's own database.
 */
class DoctorIT {

  private static final Path HOME = Projects.HOME;

  private static int doctor(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "--home";
    all[1] = HOME.toString();
    all[2] = "doctor";
    System.arraycopy(args, 0, all, 3, args.length);
    return Djbench.execute(all);
  }

  private static Path onlyDoctorRun(Path reports) throws Exception {
    try (Stream<Path> runs = Files.list(reports)) {
      List<Path> found =
          runs.filter(p -> p.getFileName().toString().matches("doctor-\\d{8}-.*")).toList();
      assertEquals(1, found.size(), found.toString());
      return found.get(0);
    }
  }

  private static PageDiagnosis page(DoctorResult result, String label) {
    return result.pages().stream()
        .filter(p -> p.label().equals(label))
        .findFirst()
        .orElseThrow(() -> new AssertionError(label + " not in " + result.pages()));
  }

  private static List<Finding> nPlusOnes(PageDiagnosis page) {
    return page.findings().stream().filter(f -> f.kind() == Finding.Kind.N_PLUS_ONE).toList();
  }

  @Test
  void theNaiveVariantsAreFlaggedWithTheirRelationAndTheOptimizedOnesAreNot(@TempDir Path reports)
      throws Exception {
    int exit =
        doctor(
            "--only",
            "select-related,prefetch-related,pagination",
            "--profile",
            "smoke",
            "--fail-on",
            "n+1",
            "--reports",
            reports.toString());
    Path run = onlyDoctorRun(reports);
    DoctorResult result = DoctorIO.read(run);
    assertEquals(1, exit, "an N+1 with --fail-on n+1 exits 1");
    assertEquals(DoctorResult.Status.COMPLETE, result.status(), result.problem());

    Finding authors = nPlusOnes(page(result, "select-related/naive")).get(0);
    assertEquals(50, authors.queries());
    assertEquals("techniques.Post.author", authors.relation());
    assertEquals("select_related('author')", authors.fix());
    assertEquals("techniques/views/select_related.py:16", authors.location().where());
    assertEquals(50, authors.queriesAtLargerSeed(), "limit=50 at both sizes");
    assertTrue(authors.ormMicros() > authors.dbMicros(), authors.toString());

    List<Finding> prefetch = nPlusOnes(page(result, "prefetch-related/naive"));
    assertEquals(
        List.of("prefetch_related('comments')", "prefetch_related('tags')"),
        prefetch.stream().map(Finding::fix).sorted().toList());
    assertTrue(prefetch.stream().allMatch(f -> f.queries() == 20), prefetch.toString());

    for (String optimized :
        List.of("select-related/optimized", "prefetch-related/optimized", "pagination/optimized")) {
      PageDiagnosis p = page(result, optimized);
      assertEquals(List.of(), p.findings(), optimized + " has no repeated query");
    }

    // The N+1 measured under load: its repeated groups take a share of the server time.
    var load = page(result, "select-related/naive").load();
    assertTrue(load != null && load.requests() > 0, String.valueOf(load));
    assertTrue(load.groupsShare() > 0 && load.groupsShare() < 1, load.toString());
    assertEquals(null, page(result, "select-related/optimized").load(), "no N+1, no load");

    Growth naive = page(result, "pagination/naive").growth();
    assertEquals(Growth.Verdict.GROWS, naive.verdict(), naive.why());
    assertEquals(500.0, naive.rows());
    assertEquals(2000.0, naive.largerRows());
    Growth optimized = page(result, "pagination/optimized").growth();
    assertEquals(Growth.Verdict.CONSTANT, optimized.verdict(), optimized.why());

    String junit = Files.readString(run.resolve("junit.xml"), StandardCharsets.UTF_8);
    assertTrue(junit.contains("name=\"naive [n+1]\">\n    <failure"), junit);
    assertTrue(junit.contains("failures=\"2\""), junit);
    assertTrue(
        Files.readString(run.resolve("index.html")).contains("select_related(&#39;author&#39;)")
            || Files.readString(run.resolve("index.html")).contains("select_related('author')"));
    assertEquals(
        List.of(),
        dev.djbench.testsupport.Processes.mentioning(reports.toString()),
        "no process of the run is left");
  }

  @Test
  void aStrangersProjectGetsItsTemplateLineAndNoFalsePositive(@TempDir Path dir) throws Exception {
    Path project = Projects.copy("bookshop", dir.resolve("shop"));
    Path reports = dir.resolve("reports");
    int exit =
        doctor(
            project.toString(),
            "--profile",
            "smoke",
            "--no-load",
            "--fail-on",
            "n+1",
            "--reports",
            reports.toString());
    DoctorResult result = DoctorIO.read(onlyDoctorRun(reports));
    assertEquals(1, exit);

    for (String page : List.of("home", "books")) {
      List<Finding> found = nPlusOnes(page(result, page));
      assertEquals(1, found.size(), page + ": " + found);
      Finding f = found.get(0);
      assertEquals("catalog/templates/catalog/book_list.html:7", f.location().where());
      assertEquals("book.author.name", f.location().detail());
      assertTrue(f.location().via().startsWith("catalog/views.py:"), f.location().via());
      assertEquals("select_related('author')", f.fix());
      // djbench_fill put 10 rows, then 40: one query per book.
      assertEquals(10, f.queries());
      assertEquals(40, f.queriesAtLargerSeed());
    }
    // Different queries over different tables in a loop: no group at all.
    assertEquals(List.of(), page(result, "stats").findings());
    // One query per price band and per genre section, as many at both sizes: repeated, not N+1.
    PageDiagnosis prices = page(result, "prices");
    assertEquals(2, prices.findings().size(), prices.findings().toString());
    assertTrue(
        prices.findings().stream().allMatch(f -> f.kind() == Finding.Kind.REPEATED),
        prices.findings().toString());
    assertFalse(prices.hasNPlusOne());

    assertFalse(Files.exists(project.resolve("djbench.yaml")), "the project is not written to");
    assertFalse(Files.exists(project.resolve("db.sqlite3")), "nor its database");
    assertEquals(List.of(), dev.djbench.testsupport.Processes.mentioning(dir.toString()));
  }
}
