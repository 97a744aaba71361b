package dev.djbench.gate;

import dev.djbench.scenario.AppSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The two revisions a gate compares, each a directory of the Django project: given as a directory,
 * or as a git ref checked out into a temporary worktree (removed again on {@link #close()}).
 */
public final class Checkouts implements AutoCloseable {

  private final Path workDirectory;
  private final List<Path[]> worktrees = new ArrayList<>();

  /**
   * @param workDirectory where worktrees are created; created if missing, and removed on {@link
   *     #close()} once empty: the checkouts own it
   */
  public Checkouts(Path workDirectory) {
    this.workDirectory = workDirectory;
  }

  /**
   * The app of one revision.
   *
   * @param refOrDirectory a directory holding the Django project (its {@code manage.py}), or a git
   *     ref of {@code repo}
   * @param scenarioApp the scenario's app: its path inside the repository is the path inside the
   *     checkout
   * @param repo the git repository the refs belong to; null to use the one holding {@code
   *     scenarioApp}
   * @param role {@code baseline} or {@code candidate}, for messages and folder names
   * @throws GateInputException when the value is neither a project directory nor a ref of the
   *     repository
   */
  public AppSpec resolve(String refOrDirectory, AppSpec scenarioApp, Path repo, String role)
      throws GateInputException, IOException {
    Path asDirectory = Path.of(refOrDirectory).toAbsolutePath().normalize();
    if (Files.isDirectory(asDirectory)) {
      if (!Files.isRegularFile(asDirectory.resolve("manage.py"))) {
        throw new GateInputException(
            "--"
                + role
                + " "
                + refOrDirectory
                + " is a directory without manage.py; expected "
                + "the Django project directory of that revision (or a git ref)");
      }
      return scenarioApp.at(asDirectory);
    }
    Path repository =
        repo != null
            ? repo.toAbsolutePath().normalize()
            : toplevel(scenarioApp.directory(), role, refOrDirectory);
    String commit =
        git(repository, "rev-parse", "--verify", "--quiet", refOrDirectory + "^{commit}").strip();
    if (commit.isEmpty()) {
      throw new GateInputException(
          "--"
              + role
              + " '"
              + refOrDirectory
              + "' is neither a directory nor a commit, branch "
              + "or tag of the git repository "
              + repository);
    }
    Path relative = repository.relativize(scenarioApp.directory().toAbsolutePath().normalize());
    Files.createDirectories(workDirectory);
    Path checkout =
        workDirectory.resolve(role + "-" + commit.substring(0, Math.min(12, commit.length())));
    git(repository, "worktree", "add", "--detach", "--force", checkout.toString(), commit);
    worktrees.add(new Path[] {repository, checkout});
    Path app = checkout.resolve(relative);
    if (!Files.isRegularFile(app.resolve("manage.py"))) {
      throw new GateInputException(
          "--"
              + role
              + " "
              + refOrDirectory
              + " ("
              + commit.substring(0, 12)
              + ") has no "
              + relative.resolve("manage.py")
              + "; expected the Django project at the same path as in the scenario");
    }
    return scenarioApp.at(app);
  }

  private static Path toplevel(Path inside, String role, String ref) throws GateInputException {
    try {
      return Path.of(git(inside, "rev-parse", "--show-toplevel").strip());
    } catch (IOException e) {
      throw new GateInputException(
          "--"
              + role
              + " '"
              + ref
              + "' is not a directory, and "
              + inside
              + " is not in a git repository to look it up as a ref (use --repo, or pass directories)");
    }
  }

  private static String git(Path directory, String... arguments) throws IOException {
    List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    try {
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("git " + String.join(" ", arguments) + " did not finish");
      }
      if (process.exitValue() != 0
          && !(arguments.length > 0
              && arguments[0].equals("rev-parse")
              && List.of(arguments).contains("--quiet"))) {
        throw new IOException("git " + String.join(" ", arguments) + " failed: " + err.strip());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running git");
    }
  }

  /** Removes the worktrees this object created. */
  @Override
  public void close() {
    for (Path[] worktree : worktrees) {
      try {
        git(worktree[0], "worktree", "remove", "--force", worktree[1].toString());
      } catch (IOException e) {
        // A worktree left behind is listed by `git worktree list` and pruned by `git worktree
        // prune`.
      }
    }
    worktrees.clear();
    // The folder the worktrees went into is the gate's own (a fresh temporary directory): gone
    // with them, and left alone if anything else is still in it.
    try {
      Files.deleteIfExists(workDirectory);
    } catch (IOException e) {
      // Not empty (a worktree git could not remove) or already gone: nothing of it is lost.
    }
  }
}
