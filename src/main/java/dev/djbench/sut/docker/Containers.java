package dev.djbench.sut.docker;

import dev.djbench.sut.process.ProcessTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.GenericContainer;

/**
 * What every container djbench starts (a service's, the app's) needs alike: its processes as this
 * machine sees them, the end of its log for an error message, and its log kept when it stops.
 */
public final class Containers {

  private Containers() {}

  /**
   * The container's init process and its descendants when the engine runs on this machine (same
   * process namespace), else empty (Docker Desktop's VM, a remote engine).
   */
  public static List<Long> processes(GenericContainer<?> container) {
    Long pid =
        container.getContainerInfo() == null
            ? null
            : container.getContainerInfo().getState().getPidLong();
    if (pid == null || pid <= 0 || !ProcessTree.isAlive(pid)) {
      return List.of();
    }
    List<Long> out = new ArrayList<>(List.of(pid));
    out.addAll(ProcessTree.descendants(pid));
    return out;
  }

  /** The last {@code lines} lines of the container's log, on lines of their own, for a message. */
  public static String logTail(GenericContainer<?> container, int lines) {
    try {
      if (container.getContainerId() == null) {
        return "";
      }
      List<String> all = container.getLogs().lines().toList();
      return System.lineSeparator()
          + "  container log (last lines):"
          + System.lineSeparator()
          + String.join(
              System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (RuntimeException e) {
      return " (container log unavailable: " + e.getMessage() + ")";
    }
  }

  /** Saves the container's log to {@code logFile}, then stops and removes the container. */
  public static void saveLogAndStop(GenericContainer<?> container, Path logFile) {
    try {
      if (container.getContainerId() != null) {
        Files.createDirectories(logFile.getParent());
        Files.writeString(logFile, container.getLogs(), StandardCharsets.UTF_8);
      }
    } catch (IOException | RuntimeException e) {
      // The log is a convenience; stopping the container is what matters.
    }
    container.stop();
  }
}
