package dev.djbench.doctor;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a page's queries and server time change when the database holds more rows: the page measured
 * on the scenario's seed and on the seed scaled by {@code scale}.
 *
 * @param verdict what the figures say
 * @param why the figures behind the verdict, in words
 * @param scale how much larger the second seed is
 * @param seed the seed's arguments ({@code --authors 50 --posts 500}); empty when none
 * @param largerSeed the scaled seed's arguments; empty when not measured
 * @param queries queries per request on the seed; null when not measured
 * @param largerQueries queries per request on the larger seed; null when not measured
 * @param rows rows read per request on the seed (objects and values its querysets returned); null
 *     when not measured
 * @param largerRows the same on the larger seed; null when not measured
 * @param serverMicros median server time (untraced, unloaded) on the seed; null when not measured
 * @param largerServerMicros the same on the larger seed; null when not measured
 * @param ratio larger/seed, of the geometric means of the requests' server times; null when not
 *     measured
 * @param lower the ratio's 95% interval, lower end; null when not measured
 * @param upper the ratio's 95% interval, upper end; null when not measured
 */
public record Growth(
    Verdict verdict,
    String why,
    double scale,
    String seed,
    String largerSeed,
    Double queries,
    Double largerQueries,
    Double rows,
    Double largerRows,
    Double serverMicros,
    Double largerServerMicros,
    Double ratio,
    Double lower,
    Double upper) {

  /** The growth verdicts. */
  public enum Verdict {
    /** More queries, or more rows read, on the larger seed. */
    GROWS("grows with rows"),
    /** As many queries and rows, but confidently slower: the database does more for them. */
    SLOWER("slower with rows"),
    /** As many queries and rows, and not confidently slower. */
    CONSTANT("constant"),
    NOT_MEASURED("not measured");

    private final String word;

    Verdict(String word) {
      this.word = word;
    }

    @JsonValue
    public String word() {
      return word;
    }
  }

  /** Growth that could not be measured, with the reason. */
  public static Growth notMeasured(String why, double scale, String seed) {
    return new Growth(
        Verdict.NOT_MEASURED,
        why,
        scale,
        seed,
        "",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
