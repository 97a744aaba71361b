package dev.djbench.sut.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Working folders as deep as a checkout under a home folder or a CI workspace gets, so that a path
 * built inside one that would not fit a limit (a Unix socket's 107 bytes) fails a test here and not
 * on a user's machine.
 */
final class DeepFolders {

  private DeepFolders() {}

  /**
   * A new folder under {@code parent} whose absolute path is more than {@code minChars} long;
   * {@code parent} and every folder on the way are made readable and passable by others (mode 755),
   * as a CI runner's workspace is, so that services that drop to their own user can use it.
   */
  static Path create(Path parent, int minChars) throws IOException {
    Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path folder = parent.toAbsolutePath();
    int level = 0;
    while (folder.toString().length() <= minChars) {
      folder = folder.resolve("a-deliberately-long-folder-name-" + level++);
      Files.createDirectory(folder);
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return folder;
  }
}
