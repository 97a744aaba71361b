package dev.djbench.doctor;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * What {@code djbench doctor} found, as {@code doctor.json} holds it.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when written by this build
 * @param runId the doctor run's id (its folder's name)
 * @param suite the scenario's suite
 * @param project the project's folder
 * @param startedAt ISO-8601 instant
 * @param finishedAt ISO-8601 instant
 * @param status how the run ended
 * @param problem why it did not complete; empty when it did
 * @param scale how much larger the second seed is than the scenario's
 * @param pages the pages diagnosed, in the scenario's order
 */
public record DoctorResult(
    int schemaVersion,
    String runId,
    String suite,
    String project,
    String startedAt,
    String finishedAt,
    Status status,
    String problem,
    double scale,
    List<PageDiagnosis> pages) {

  public static final int SCHEMA_VERSION = 1;

  public DoctorResult {
    pages = List.copyOf(pages);
  }

  /** How a doctor run ended. */
  public enum Status {
    COMPLETE("complete"),
    FAILED("failed"),
    INTERRUPTED("interrupted");

    private final String word;

    Status(String word) {
      this.word = word;
    }

    @JsonValue
    public String word() {
      return word;
    }
  }
}
