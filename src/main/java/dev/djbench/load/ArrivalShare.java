package dev.djbench.load;

/**
 * Which arrivals of a trial's schedule one injector sends: of the schedule drawn for the whole
 * rate, part {@code index} of {@code count} takes arrivals {@code index - 1}, {@code index - 1 +
 * count}, {@code index - 1 + 2·count}… ({@code djbench inject --part I/N}). The parts together send
 * exactly the schedule one injector would send alone, each at {@code 1/count} of the rate; every
 * part draws the same schedule from the same seed, so no part needs to hear from another.
 *
 * @param index 1-based, at most {@code count}
 * @param count how many injectors share the schedule, &gt;= 1
 */
public record ArrivalShare(int index, int count) {

  /** One injector sends the whole schedule. */
  public static final ArrivalShare WHOLE = new ArrivalShare(1, 1);

  public ArrivalShare {
    if (count < 1 || index < 1 || index > count) {
      throw new IllegalArgumentException(
          "a part is I/N with 1 <= I <= N, was " + index + "/" + count);
    }
  }

  /**
   * Parses "I/N".
   *
   * @throws IllegalArgumentException naming the value and the form expected
   */
  public static ArrivalShare parse(String text) {
    String[] parts = text.trim().split("/", -1);
    if (parts.length == 2) {
      try {
        int index = Integer.parseInt(parts[0].trim());
        int count = Integer.parseInt(parts[1].trim());
        if (count >= 1 && index >= 1 && index <= count) {
          return new ArrivalShare(index, count);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a part: expected I/N with 1 <= I <= N, e.g. 2/4");
  }

  public boolean whole() {
    return count == 1;
  }

  /** Whether arrival {@code k} (0-based, of the whole schedule) is this part's. */
  public boolean takes(long k) {
    return k % count == index - 1;
  }

  /** "2/4". */
  public String label() {
    return index + "/" + count;
  }
}
