package dev.djbench.results;

/** A results file that cannot be read or written. */
public final class ResultsException extends Exception {
  public ResultsException(String message) {
    super(message);
  }

  public ResultsException(String message, Throwable cause) {
    super(message, cause);
  }
}
