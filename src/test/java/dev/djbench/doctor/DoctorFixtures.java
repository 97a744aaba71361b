package dev.djbench.doctor;

import java.util.List;

/** A doctor run as the golden files hold it: one page of each kind. */
public final class DoctorFixtures {

  private DoctorFixtures() {}

  public static DoctorResult result() {
    var seed =
        Traces.request()
            .rows(20)
            .query(Traces.BOOKS, "", null)
            .times(10, Traces.AUTHOR, Traces.forward("catalog.Book", "author"));
    var larger =
        Traces.request()
            .rows(80)
            .query(Traces.BOOKS, "", null)
            .times(40, Traces.AUTHOR, Traces.forward("catalog.Book", "author"));
    double[] times = {4000, 4100, 3900, 4050};
    double[] slower = {9000, 9100, 8900, 9050};
    PageEvidence books =
        new PageEvidence(
            200,
            List.of(seed.build()),
            times,
            new double[] {500, 500, 500, 500},
            new double[] {2000, 2000, 2000, 2000},
            "");
    PageEvidence booksLarger =
        new PageEvidence(
            200,
            List.of(larger.build()),
            slower,
            new double[] {900, 900, 900, 900},
            new double[] {5000, 5000, 5000, 5000},
            "");
    LoadCost cost = new LoadCost(40, 5, 200, 39.8, 6600.0, 6650.0, 2040.0, 2040.0 / 6650.0, "");
    PageDiagnosis flagged =
        Diagnosis.of(
            "books",
            "books",
            "GET /books/",
            books,
            booksLarger,
            "",
            4,
            "populate --books 10",
            "populate --books 40",
            cost);
    var plain = Traces.request().rows(4).query("SELECT COUNT(*) FROM catalog_author", "", null);
    PageEvidence stats =
        new PageEvidence(200, List.of(plain.build()), times, new double[0], new double[0], "");
    PageDiagnosis constant =
        Diagnosis.of(
            "stats",
            "stats",
            "GET /stats/",
            stats,
            null,
            "the project's own database has no seed",
            4,
            "",
            "",
            null);
    PageDiagnosis broken =
        Diagnosis.of(
            "shelf",
            "shelf",
            "GET /shelf/",
            PageEvidence.failed(500, "the probe wrote no trace <trace>"),
            null,
            "the page was not measured",
            4,
            "",
            "",
            null);
    return new DoctorResult(
        DoctorResult.SCHEMA_VERSION,
        "doctor-20261201-120000-abcd",
        "bookshop",
        "/src/bookshop",
        "2026-12-01T12:00:00Z",
        "2026-12-01T12:03:00Z",
        DoctorResult.Status.COMPLETE,
        "",
        4,
        List.of(flagged, constant, broken));
  }
}
