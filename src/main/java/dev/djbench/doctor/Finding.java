package dev.djbench.doctor;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One thing the doctor found in a page's queries.
 *
 * @param kind what it is
 * @param statement the shape as a reader wants it ({@link QueryGroup#statement()})
 * @param table the table the statement reads first
 * @param queries how many of them one request ran
 * @param distinctParameters how many different parameter sets they had
 * @param queriesAtLargerSeed how many the same request ran on the larger seed; null when that was
 *     not measured
 * @param dbMicros their database time in one request, summed (traced, unloaded)
 * @param ormMicros the time of the ORM calls that ran them: the database, compiling the SQL and
 *     turning rows into objects (traced, the tracing itself excluded, unloaded); a lower bound of
 *     their cost, since building the querysets comes before those calls
 * @param shareOfServer {@code ormMicros} as a share of the page's median server time (untraced,
 *     unloaded); null when that was not reported
 * @param location where they came from
 * @param relation the relation they loaded lazily ({@code catalog.Book.author}); empty when none
 * @param fix the suggested change ({@code select_related('author')}); empty when the frame and the
 *     relation show none
 * @param fixOn the queryset the fix goes on ({@code catalog.Book}); empty without a fix
 * @param why the rule that decided the kind, in words
 */
public record Finding(
    Kind kind,
    String statement,
    String table,
    int queries,
    int distinctParameters,
    Integer queriesAtLargerSeed,
    double dbMicros,
    double ormMicros,
    Double shareOfServer,
    Location location,
    String relation,
    String fix,
    String fixOn,
    String why) {

  /** What a finding is. */
  public enum Kind {
    /** A repeated group that is an N+1: a lazy relation load, or one query per row. */
    N_PLUS_ONE("n+1"),
    /** A repeated group the code needs: no lazy relation load, and constant in the rows. */
    REPEATED("repeated"),
    /** Queries run more than once with the same parameters. */
    DUPLICATE("duplicate");

    private final String word;

    Kind(String word) {
      this.word = word;
    }

    @JsonValue
    public String word() {
      return word;
    }
  }

  /** {@code N+1: 10 × SELECT … FROM catalog_author WHERE id = ? LIMIT ?}. */
  public String headline() {
    String label =
        switch (kind) {
          case N_PLUS_ONE -> "N+1";
          case REPEATED -> "repeated";
          case DUPLICATE -> "duplicate";
        };
    return label + ": " + queries + " × " + statement;
  }
}
