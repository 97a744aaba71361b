package dev.djbench.gate;

/**
 * A gate's arguments cannot be used: a revision that does not resolve, a calibration file that does
 * not parse.
 */
public final class GateInputException extends Exception {
  public GateInputException(String message) {
    super(message);
  }
}
