package dev.djbench.sut;

import java.util.Locale;

/** Where a run's backing services come from ({@code --services}). */
public enum ProviderChoice {
  /**
   * Native processes where the binary is installed, else containers where a Docker engine answers.
   */
  AUTO,
  /** Native processes only. */
  LOCAL,
  /**
   * Containers only (Testcontainers), for the kinds that have an image; the app itself runs in a
   * container of an image built from its Dockerfile.
   */
  DOCKER,
  /** Servers the user names by URL; nothing is started for them. */
  EXTERNAL;

  /** The command-line spelling. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code auto}, {@code local}, {@code docker} or {@code external} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the value and the accepted spellings
   */
  public static ProviderChoice parse(String value) {
    for (ProviderChoice choice : values()) {
      if (choice.cliName().equalsIgnoreCase(value == null ? "" : value.strip())) {
        return choice;
      }
    }
    throw new IllegalArgumentException(
        "--services '" + value + "': expected auto, local, docker or external");
  }
}
