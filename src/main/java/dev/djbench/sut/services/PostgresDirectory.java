package dev.djbench.sut.services;

import dev.djbench.sut.process.Host;
import dev.djbench.sut.process.LocalDirectories;
import dev.djbench.sut.process.TargetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;

/**
 * The private directory of a local PostgreSQL cluster. PostgreSQL refuses to run as root, so when
 * the harness is root the server runs as the {@code postgres} user: the directory must belong to
 * that user, and every directory above it must let that user pass. A run directory under a private
 * home (mode 700) does not; then the cluster goes to a fresh directory under the system temporary
 * directory instead.
 */
final class PostgresDirectory {

  private static final String SYSTEM_USER = "postgres";

  private PostgresDirectory() {}

  /** A new, empty directory for the cluster, usable by the user the server runs as. */
  static Path create(Path workDirectory) throws TargetException {
    if (!Host.isRoot()) {
      return LocalDirectories.create(workDirectory, "postgres-");
    }
    if (!Host.userExists(SYSTEM_USER)) {
      throw new TargetException(
          "postgres cannot run as root and there is no '"
              + SYSTEM_USER
              + "' user to run it"
              + " as; install: "
              + ServiceKind.POSTGRES.installCommand());
    }
    Path parent = workDirectory.toAbsolutePath();
    try {
      Files.createDirectories(parent);
      if (!passableByOthers(parent)) {
        parent = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        if (!passableByOthers(parent)) {
          throw new TargetException(
              "the '"
                  + SYSTEM_USER
                  + "' user can reach neither "
                  + workDirectory
                  + " nor "
                  + parent
                  + " (a directory on the way lacks the x permission for others)");
        }
      }
      Path directory =
          LocalDirectories.create(
              parent,
              parent.equals(workDirectory.toAbsolutePath()) ? "postgres-" : "djbench-postgres-");
      UserPrincipal owner =
          directory
              .getFileSystem()
              .getUserPrincipalLookupService()
              .lookupPrincipalByName(SYSTEM_USER);
      Files.setOwner(directory, owner);
      return directory;
    } catch (IOException e) {
      throw new TargetException(
          "cannot prepare a directory the '"
              + SYSTEM_USER
              + "' user owns under "
              + workDirectory
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Whether every directory from the root down to {@code directory} grants others the x (search)
   * permission.
   */
  static boolean passableByOthers(Path directory) throws IOException {
    for (Path p = directory; p != null; p = p.getParent()) {
      PosixFileAttributes attributes = Files.readAttributes(p, PosixFileAttributes.class);
      if (!attributes.permissions().contains(PosixFilePermission.OTHERS_EXECUTE)) {
        return false;
      }
    }
    return true;
  }
}
