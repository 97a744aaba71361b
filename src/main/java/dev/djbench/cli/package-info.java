/**
 * The command line: picocli commands that parse arguments, call the workflow that answers the
 * question, and map what happened to the documented exit codes ({@link dev.djbench.cli.ExitCode}).
 *
 * <p>May import: every package.
 */
package dev.djbench.cli;
