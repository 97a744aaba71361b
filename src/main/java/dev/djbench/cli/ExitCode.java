package dev.djbench.cli;

/** The exit codes of every djbench command; the README lists the same. */
public enum ExitCode {
  /** Everything ran; gates passed. */
  OK(0),
  /** A gate failed: a regression was found. */
  REGRESSION(1),
  /** Bad input: arguments or a scenario file. */
  BAD_INPUT(2),
  /**
   * The harness or the system under test broke: a server would not start or died, every trial was
   * invalid.
   */
  BROKEN(3),
  /** The result was inconclusive and the user asked for that to fail. */
  INCONCLUSIVE(4);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
