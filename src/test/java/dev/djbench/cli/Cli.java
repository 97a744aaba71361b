package dev.djbench.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@code djbench} in this JVM as a user would, and keeps what it said on standard error. */
final class Cli {

  /** The exit code and what went to standard error. */
  record Outcome(int exit, String err) {}

  private Cli() {}

  /** {@code djbench args…}; its standard output is dropped. */
  static Outcome execute(String... args) {
    PrintStream savedErr = System.err;
    PrintStream savedOut = System.out;
    var err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      return new Outcome(Djbench.execute(args), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(savedErr);
      System.setOut(savedOut);
    }
  }
}
