package dev.djbench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the scenario format's quantities with units. */
final class Units {

  static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*/\\s*(s|sec|min|m)");
  static final Pattern SECONDS = Pattern.compile("(\\d+)\\s*(s|m|min)?");
  static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");

  /** The highest rate a scenario may ask for, per second. */
  static final double MAX_RATE = 100_000;

  private Units() {}

  /**
   * {@code 40/s}, {@code 600/min} or a bare number (per second) → requests per second; must be &gt;
   * 0.
   */
  static Optional<Double> ratePerSecond(JsonNode value) {
    double rate;
    if (value.isNumber()) {
      rate = value.asDouble();
    } else if (value.isTextual()) {
      Matcher m = RATE.matcher(value.asText().trim());
      if (!m.matches()) {
        return Optional.empty();
      }
      rate = Double.parseDouble(m.group(1)) / (m.group(2).startsWith("m") ? 60.0 : 1.0);
    } else {
      return Optional.empty();
    }
    return rate > 0 && rate <= MAX_RATE ? Optional.of(rate) : Optional.empty();
  }

  /**
   * {@code 3s}, {@code 2m} or a bare whole number (seconds) → whole seconds. Fractions are refused:
   * Gatling schedules open-model arrivals in whole seconds.
   */
  static Optional<Integer> wholeSeconds(JsonNode value) {
    if (value.isIntegralNumber() && value.canConvertToInt() && value.asInt() >= 0) {
      return Optional.of(value.asInt());
    }
    if (!value.isTextual()) {
      return Optional.empty();
    }
    Matcher m = SECONDS.matcher(value.asText().trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    int amount = Integer.parseInt(m.group(1));
    return Optional.of(m.group(2) != null && m.group(2).startsWith("m") ? amount * 60 : amount);
  }

  static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s)");

  /** {@code 500ms}, {@code 1.5s} → microseconds; must be &gt; 0. */
  static Optional<Long> micros(JsonNode value) {
    if (!value.isTextual()) {
      return Optional.empty();
    }
    Matcher m = DURATION.matcher(value.asText().trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    double amount = Double.parseDouble(m.group(1));
    long micros = Math.round(amount * (m.group(2).equals("ms") ? 1_000 : 1_000_000));
    return micros > 0 ? Optional.of(micros) : Optional.empty();
  }

  /** {@code 1%}, {@code 0.5%} → a fraction from 0 to 1. */
  static Optional<Double> fraction(JsonNode value) {
    if (!value.isTextual()) {
      return Optional.empty();
    }
    Matcher m = PERCENT.matcher(value.asText().trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    double fraction = Double.parseDouble(m.group(1)) / 100.0;
    return fraction <= 1 ? Optional.of(fraction) : Optional.empty();
  }
}
