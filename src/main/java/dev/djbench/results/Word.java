package dev.djbench.results;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A word of the results' vocabulary, implemented by its enums: the constant's name in lower case
 * with '-' for '_' ({@code STORED_BASELINE} is {@code stored-baseline}). It is how results files,
 * reports and messages write the value, and how results files are read back.
 */
public interface Word {

  /** The enum constant's name. */
  String name();

  /**
   * The constant of {@code type} written as {@code word}.
   *
   * @throws IllegalArgumentException naming the word and the ones {@code type} has
   */
  static <E extends Enum<E> & Word> E parse(Class<E> type, String word) {
    for (E constant : type.getEnumConstants()) {
      if (constant.word().equals(word)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(
        "'"
            + word
            + "' is not one of: "
            + String.join(
                ", ", java.util.Arrays.stream(type.getEnumConstants()).map(Word::word).toList()));
  }

  /** How the value is written: {@code measured}, {@code same-run}… */
  @JsonValue
  default String word() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
