package dev.djbench.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The machine a run measured on: numbers from different machines do not compare, and the report
 * says where they came from.
 *
 * @param cores logical CPUs the JVM may use
 * @param cpuModel the CPU's model name, from /proc/cpuinfo
 * @param memoryBytes total memory
 * @param os operating system name and version
 * @param java the JVM's version
 * @param versions versions of the parts measured (python, django, gunicorn…), filled by the target
 * @param cpuLayout which CPUs the app server and the load generator were placed on, in words
 */
public record Machine(
    int cores,
    String cpuModel,
    long memoryBytes,
    String os,
    String java,
    Map<String, String> versions,
    String cpuLayout) {

  /**
   * The {@link #versions} key that names a deployment djbench did not start ({@code app: {url:
   * …}}): its address, since djbench neither runs nor sees its software.
   */
  public static final String TARGET = "target";

  public Machine {
    versions = Map.copyOf(versions);
  }

  /** This machine, with the given versions of the measured parts and CPU layout. */
  public static Machine current(Map<String, String> versions, String cpuLayout) {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        readCpuModel(),
        readMemoryBytes(),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
        versions,
        cpuLayout);
  }

  private static String readCpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static long readMemoryBytes() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream()
          .filter(l -> l.startsWith("MemTotal:"))
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024)
          .findFirst()
          .orElse(0L);
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }
}
