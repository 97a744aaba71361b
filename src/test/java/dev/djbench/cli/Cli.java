package dev.djbench.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@code djbench} in this JVM as a user would, and keeps what it said on standard error. */
final class Cli {

  /** The exit code, and what went to standard error and to standard output. */
  record Outcome(int exit, String err, String out) {}

  private Cli() {}

  /** {@code djbench args…}. */
  static Outcome execute(String... args) {
    PrintStream savedErr = System.err;
    PrintStream savedOut = System.out;
    var err = new ByteArrayOutputStream();
    var out = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      int exit = Djbench.execute(args);
      return new Outcome(
          exit, err.toString(StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(savedErr);
      System.setOut(savedOut);
    }
  }
}
