package dev.djbench.sut.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Facts about this machine the local services depend on: who we are and where the programs are. */
public final class Host {

  /** Searched after PATH: a non-root PATH often lacks the sbin directories where nginx lives. */
  private static final List<String> EXTRA_DIRECTORIES =
      List.of("/usr/local/sbin", "/usr/sbin", "/sbin");

  private Host() {}

  /** Whether the harness runs with effective uid 0, read from {@code /proc/self/status}. */
  public static boolean isRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          String[] ids = line.substring(4).trim().split("\\s+");
          return ids.length > 1 && ids[1].equals("0");
        }
      }
    } catch (IOException e) {
      // Not Linux, or /proc hidden: assume an ordinary user, the case that needs no privilege
      // dropping.
    }
    return false;
  }

  /** The executable {@code name} on PATH or in the sbin directories. */
  public static Optional<Path> executable(String name) {
    for (Path directory : searchPath()) {
      Path candidate = directory.resolve(name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static Set<Path> searchPath() {
    Set<Path> directories = new LinkedHashSet<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String entry : path.split(":")) {
        if (!entry.isBlank()) {
          directories.add(Path.of(entry));
        }
      }
    }
    EXTRA_DIRECTORIES.forEach(d -> directories.add(Path.of(d)));
    return directories;
  }

  /**
   * The directory holding PostgreSQL's server programs ({@code initdb}, {@code postgres}): {@code
   * DJBENCH_PG_BIN} when set, else a PATH directory that has both, else the newest {@code
   * /usr/lib/postgresql/<major>/bin} (Debian keeps the server programs off PATH).
   */
  public static Optional<Path> postgresBinDirectory() {
    String configured = System.getenv("DJBENCH_PG_BIN");
    if (configured != null && !configured.isBlank()) {
      Path dir = Path.of(configured);
      return hasPostgresServer(dir) ? Optional.of(dir) : Optional.empty();
    }
    for (Path directory : searchPath()) {
      if (hasPostgresServer(directory)) {
        return Optional.of(directory);
      }
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(debian)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(debian)) {
      return versions
          .filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
          .max(Comparator.comparingDouble(v -> Double.parseDouble(v.getFileName().toString())))
          .map(v -> v.resolve("bin"))
          .filter(Host::hasPostgresServer);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean hasPostgresServer(Path directory) {
    return Files.isExecutable(directory.resolve("initdb"))
        && Files.isExecutable(directory.resolve("postgres"));
  }

  /**
   * Whether a user of that name exists (in {@code /etc/passwd}, which is what setpriv resolves
   * against).
   */
  public static boolean userExists(String user) {
    try (Stream<String> lines = Files.lines(Path.of("/etc/passwd"))) {
      return lines.anyMatch(l -> l.startsWith(user + ":"));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * {@code command} run as {@code user} when the harness is root, else unchanged. {@code setpriv}
   * replaces itself with the command (unlike runuser or su, which fork), so the command keeps the
   * process id and process group the harness started.
   */
  public static List<String> asUser(String user, List<String> command) {
    if (!isRoot()) {
      return command;
    }
    List<String> full =
        new ArrayList<>(
            List.of(
                "setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups", "--reset-env"));
    full.addAll(command);
    return full;
  }
}
