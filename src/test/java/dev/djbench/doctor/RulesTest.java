package dev.djbench.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RulesTest {

  private static final double SCALE = 4;

  private static List<Finding> findings(Traces seed, Traces larger) {
    return Rules.findings(seed.groups(), larger == null ? null : larger.groups(), 10_000.0, SCALE);
  }

  @Test
  void aForeignKeyReadPerRowIsAnNPlusOneWithItsFixAndItsTemplateLine() {
    var seed =
        Traces.request()
            .query(Traces.BOOKS, "", null)
            .times(10, Traces.AUTHOR, Traces.forward("catalog.Book", "author"));
    List<Finding> found = findings(seed, null);
    assertEquals(1, found.size(), found.toString());
    Finding f = found.get(0);
    assertEquals(Finding.Kind.N_PLUS_ONE, f.kind());
    assertEquals(10, f.queries());
    assertEquals("select_related('author')", f.fix());
    assertEquals("catalog.Book", f.fixOn());
    assertEquals("catalog.Book.author", f.relation());
    assertEquals("catalog/templates/catalog/book_list.html:7", f.location().where());
    assertEquals("template", f.location().kind());
    assertEquals("catalog/views.py:10 in book_list", f.location().via());
    assertEquals("N+1: 10 × SELECT … FROM catalog_author WHERE id = ? LIMIT ?", f.headline());
    assertEquals("catalog_author", f.table());
    assertNull(f.queriesAtLargerSeed(), "the larger seed was not measured");
    assertEquals(1000.0, f.ormMicros());
    assertEquals(200.0, f.dbMicros());
    assertEquals(0.1, f.shareOfServer());
  }

  @Test
  void aModelMethodATemplateCallsIsTheLineAndTheTemplateItsCaller() {
    var query =
        new RequestTrace.Query(
            Traces.AUTHOR,
            Traces.AUTHOR,
            "p",
            20,
            100,
            new RequestTrace.Frame("blog/models.py", 31, "__str__"),
            new RequestTrace.TemplateLine("blog/templates/blog/blog_list.html", 11, "blog", true),
            Traces.forward("blog.BlogAuthor", "user"));
    Location where = Location.of(query);
    assertEquals("blog/models.py:31", where.where());
    assertEquals("code", where.kind());
    assertEquals(
        "blog/models.py:31 in __str__, via blog/templates/blog/blog_list.html:11 (blog)",
        where.describe());
  }

  @Test
  void toManyRelationsArePrefetchedAndCountsAnnotated() {
    var seed =
        Traces.request()
            .times(
                5,
                "SELECT … FROM tag WHERE post_id = ?",
                Traces.many("blog.Post", "tags", "__iter__", false))
            .times(
                5,
                "SELECT COUNT(*) FROM comment WHERE post_id = ?",
                Traces.many("blog.Post", "comments", "count", false));
    List<Finding> found = findings(seed, null);
    assertEquals(2, found.size());
    assertTrue(found.stream().allMatch(f -> f.kind() == Finding.Kind.N_PLUS_ONE));
    assertEquals(
        List.of("annotate(Count('comments'))", "prefetch_related('tags')"),
        found.stream().map(Finding::fix).sorted().toList());
  }

  @Test
  void queriesTheCodeNeedsAreRepeatedButNotFlagged() {
    // One count per fixed price band, and a sliced top-3 per genre: as many at both sizes.
    String band = "SELECT COUNT(*) FROM catalog_book WHERE (price >= ? AND price < ?)";
    String top = "SELECT … FROM catalog_book WHERE genre_id = ? ORDER BY published DESC LIMIT 3";
    var relation = Traces.many("catalog.Genre", "book_set", "__iter__", true);
    var seed = Traces.request().times(3, band, null).times(4, top, relation);
    var larger = Traces.request().times(3, band, null).times(4, top, relation);
    List<Finding> found = findings(seed, larger);
    assertEquals(2, found.size());
    for (Finding f : found) {
      assertEquals(Finding.Kind.REPEATED, f.kind(), f.why());
      assertEquals("", f.fix());
      assertEquals(f.queries(), f.queriesAtLargerSeed());
    }
  }

  @Test
  void aRepeatedGroupThatGrowsWithTheRowsIsAnNPlusOneEvenWithoutARelation() {
    String perRow = "SELECT price FROM price_history WHERE book_id = ?";
    List<Finding> found =
        findings(
            Traces.request().times(10, perRow, null), Traces.request().times(40, perRow, null));
    assertEquals(Finding.Kind.N_PLUS_ONE, found.get(0).kind());
    assertEquals(40, found.get(0).queriesAtLargerSeed());
    assertEquals("", found.get(0).fix(), "no relation names a fix");
    assertTrue(found.get(0).why().contains("10 → 40 queries with ×4 the rows"), found.get(0).why());
  }

  @Test
  void aSlicedQueryPerRowThatGrowsIsAnNPlusOneWithoutAPrefetchFix() {
    String top = "SELECT … FROM comment WHERE post_id = ? LIMIT 1";
    var relation = Traces.many("blog.Post", "comments", "__iter__", true);
    Finding f =
        findings(
                Traces.request().times(10, top, relation),
                Traces.request().times(40, top, relation))
            .get(0);
    assertEquals(Finding.Kind.N_PLUS_ONE, f.kind());
    assertEquals("", f.fix());
    assertTrue(f.why().contains("Django 4.2"), f.why());
  }

  @Test
  void differentQueriesOverDifferentTablesInALoopAreNoGroup() {
    var seed = Traces.request();
    for (String table : List.of("author", "genre", "book", "shelf")) {
      seed.query("SELECT COUNT(*) FROM " + table, "a", null);
      seed.query("SELECT … FROM " + table + " ORDER BY id DESC LIMIT 1", "b", null);
    }
    assertEquals(List.of(), findings(seed, null));
  }

  @Test
  void identicalQueriesAreDuplicatesNotAnNPlusOne() {
    String session = "SELECT … FROM django_session WHERE session_key = ?";
    var seed = Traces.request().query(session, "same", null).query(session, "same", null);
    var three = Traces.request().times(1, Traces.BOOKS, null);
    for (int i = 0; i < 3; i++) {
      three.query(Traces.AUTHOR, "one author", Traces.forward("catalog.Book", "author"));
    }
    assertEquals(Finding.Kind.DUPLICATE, findings(seed, null).get(0).kind());
    Finding f = findings(three, null).get(0);
    assertEquals(Finding.Kind.DUPLICATE, f.kind(), "one parameter set is not a group");
    assertEquals(3, f.queries());
  }

  @Test
  void twoQueriesOfAShapeAreNotAGroup() {
    var seed = Traces.request().times(2, Traces.AUTHOR, Traces.forward("catalog.Book", "author"));
    assertEquals(List.of(), findings(seed, null));
  }

  @Test
  void growthIsCountedFirstThenTimed() {
    double[] fast = {1000, 1010, 990, 1005, 995, 1000, 1002, 998};
    double[] slow = {3000, 3010, 2990, 3005, 2995, 3000, 3002, 2998};
    Growth rows = Rules.growth(4, "s", "l", 2, 2, 500, 2000, fast, fast);
    assertEquals(Growth.Verdict.GROWS, rows.verdict(), "more rows grow, however fast");
    assertEquals(2000.0, rows.largerRows());
    Growth queries = Rules.growth(4, "s", "l", 11, 41, 20, 20, fast, fast);
    assertEquals(Growth.Verdict.GROWS, queries.verdict());
    Growth slower = Rules.growth(4, "s", "l", 2, 2, 10, 10, fast, slow);
    assertEquals(Growth.Verdict.SLOWER, slower.verdict(), slower.why());
    assertTrue(slower.lower() > Rules.GROWTH_RATIO, slower.why());
    Growth constant = Rules.growth(4, "s", "l", 2, 2, 10, 11, fast, fast);
    assertEquals(Growth.Verdict.CONSTANT, constant.verdict(), "a row more is not growth");
    Growth untimed = Rules.growth(4, "s", "l", 2, 2, 10, 10, new double[0], new double[0]);
    assertEquals(Growth.Verdict.CONSTANT, untimed.verdict());
    assertNull(untimed.ratio(), "not reported is null, never 0");
    assertTrue(untimed.why().contains("server time not reported"), untimed.why());
  }

  @Test
  void statementsAreShortenedForReadersNotChanged() {
    QueryGroup g =
        Traces.request()
            .times(
                3,
                "SELECT \"t\".\"a\", \"t\".\"b\" FROM \"catalog_book\" INNER JOIN \"catalog_book_genres\""
                    + " ON (\"catalog_book\".\"id\" = \"catalog_book_genres\".\"book_id\")"
                    + " WHERE \"catalog_book_genres\".\"genre_id\" = ?",
                null)
            .groups()
            .get(0);
    assertEquals(
        "SELECT … FROM catalog_book INNER JOIN catalog_book_genres ON (id = catalog_book_genres.book_id)"
            + " WHERE catalog_book_genres.genre_id = ?",
        g.statement());
    assertEquals("SELECT", g.verb());
  }
}
