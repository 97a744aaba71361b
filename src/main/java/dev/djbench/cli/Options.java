package dev.djbench.cli;

import dev.djbench.plan.Profile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsing of option values shared by the commands; each failure names the option, the value and
 * what was expected.
 */
final class Options {

  private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)%?");

  private Options() {}

  static Profile profile(String value) throws BadInputException {
    return Profile.named(value)
        .orElseThrow(
            () ->
                new BadInputException(
                    "--profile '"
                        + value
                        + "' is not a profile; expected one of "
                        + Profile.values().stream().map(Profile::label).toList()));
  }

  /** {@code 5%} or {@code 5} → 0.05; must be below 100%. */
  static double percent(String option, String value) throws BadInputException {
    Matcher m = PERCENT.matcher(value.trim());
    if (!m.matches() || Double.parseDouble(m.group(1)) >= 100) {
      throw new BadInputException(
          option + " '" + value + "' is not a percentage; expected a value like 5% (0 to 99.9)");
    }
    return Double.parseDouble(m.group(1)) / 100.0;
  }
}
