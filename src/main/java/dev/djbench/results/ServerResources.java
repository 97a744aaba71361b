package dev.djbench.results;

/**
 * What the app server's processes used during one trial's measured window, read from {@code /proc}.
 *
 * @param cpuSeconds user plus system CPU time of every process of the server, warm-up excluded
 * @param cpuMillisPerRequest {@code cpuSeconds} divided by the requests answered, in milliseconds
 * @param peakRssBytes the largest sum of resident memory of the server's processes seen while
 *     sampling
 * @param processes how many processes the server had
 */
public record ServerResources(
    double cpuSeconds, double cpuMillisPerRequest, long peakRssBytes, int processes) {
  public static final ServerResources UNKNOWN = new ServerResources(0, 0, 0, 0);
}
