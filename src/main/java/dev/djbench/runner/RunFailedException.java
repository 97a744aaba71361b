package dev.djbench.runner;

import java.nio.file.Path;

/**
 * The harness or the system under test broke and the run could not go on. What was measured before
 * is on disk in {@link #runDirectory()}.
 */
public final class RunFailedException extends Exception {

  private final transient Path runDirectory;

  public RunFailedException(String message, Path runDirectory, Throwable cause) {
    super(message, cause);
    this.runDirectory = runDirectory;
  }

  public Path runDirectory() {
    return runDirectory;
  }
}
