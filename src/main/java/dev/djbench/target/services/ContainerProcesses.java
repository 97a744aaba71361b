package dev.djbench.target.services;

import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.GenericContainer;

/** The processes of a running container as this machine sees them. */
public final class ContainerProcesses {

  private ContainerProcesses() {}

  /**
   * The container's init process and its descendants when the engine runs on this machine (same
   * process namespace), else empty (Docker Desktop's VM, a remote engine).
   */
  public static List<Long> of(GenericContainer<?> container) {
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
}
