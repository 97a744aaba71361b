package dev.djbench.load;

/** The load generator could not run a trial at all. */
public final class LoadException extends Exception {
  public LoadException(String message) {
    super(message);
  }

  public LoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
