package dev.djbench.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What {@code --fail-on} can fail a doctor run on. */
public enum Check {
  /** A page has an N+1. */
  N_PLUS_ONE("n+1"),
  /** A page's queries or server time grow with the rows. */
  GROWTH("growth"),
  /** A page runs identical queries. */
  DUPLICATES("duplicates");

  private final String word;

  Check(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  /** The check named {@code word}; empty when none is. */
  public static Optional<Check> of(String word) {
    for (Check c : values()) {
      if (c.word.equals(word.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * Why {@code page} cannot be judged on this check (it was not traced, growth was not measured);
   * empty when it can. A check that cannot be evaluated fails the run as broken, never passes.
   */
  public Optional<String> unevaluable(PageDiagnosis page) {
    if (page.queriesPerRequest() == null) {
      return Optional.of("not traced" + (page.problem().isEmpty() ? "" : ": " + page.problem()));
    }
    if (this == GROWTH && page.growth().verdict() == Growth.Verdict.NOT_MEASURED) {
      return Optional.of("growth not measured: " + page.growth().why());
    }
    return Optional.empty();
  }

  /** What fails {@code page} on this check; empty when it passes. */
  public List<String> failures(PageDiagnosis page) {
    List<String> out = new ArrayList<>();
    switch (this) {
      case N_PLUS_ONE, DUPLICATES -> {
        Finding.Kind kind = this == N_PLUS_ONE ? Finding.Kind.N_PLUS_ONE : Finding.Kind.DUPLICATE;
        for (Finding f : page.findings()) {
          if (f.kind() == kind) {
            out.add(f.headline() + " at " + f.location().describe());
          }
        }
      }
      case GROWTH -> {
        if (page.grows()) {
          out.add(page.growth().verdict().word() + ": " + page.growth().why());
        }
      }
    }
    return out;
  }
}
