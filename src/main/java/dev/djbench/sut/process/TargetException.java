package dev.djbench.sut.process;

/** The system under test could not be brought up, or broke while it was measured. */
public class TargetException extends Exception {
  public TargetException(String message) {
    super(message);
  }

  public TargetException(String message, Throwable cause) {
    super(message, cause);
  }
}
