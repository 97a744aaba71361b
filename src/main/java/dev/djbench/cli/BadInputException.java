package dev.djbench.cli;

/** A command-line value that cannot be used; the message names it and says what was expected. */
final class BadInputException extends Exception {
  BadInputException(String message) {
    super(message);
  }
}
