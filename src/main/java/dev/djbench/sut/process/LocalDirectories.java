package dev.djbench.sut.process;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Private directories of local services. */
public final class LocalDirectories {

  private LocalDirectories() {}

  /**
   * A new, empty directory under {@code parent} (created if needed), named {@code prefix} plus a
   * unique suffix.
   */
  public static Path create(Path parent, String prefix) throws TargetException {
    try {
      Files.createDirectories(parent);
      return Files.createTempDirectory(parent, prefix);
    } catch (IOException e) {
      throw new TargetException(
          "cannot create a directory for " + prefix + "* under " + parent + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * Deletes {@code directory} and its contents; best effort, since it only holds disposable service
   * state.
   */
  public static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try {
      Files.walkFileTree(
          directory,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // Left behind in the run's work directory (or the temp directory), where it does no harm.
    }
  }
}
