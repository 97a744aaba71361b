package dev.djbench.cli;

/** The entry point: everything else is in {@link Djbench}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(Djbench.execute(args));
  }
}
