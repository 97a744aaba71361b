package dev.djbench.sut;

import dev.djbench.sut.app.AppServer;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deployment djbench did not start ({@code app: {url: …}}): load goes to its URL as it is. There
 * is nothing to migrate, seed, restart or stop, and its processes cannot be seen from here, so
 * server CPU and memory are not reported; server time is, where the site sends {@code
 * Server-Timing} (djbench's probe deployed there, or the site's own).
 */
public final class UrlTarget implements AppServer {

  private final String label;
  private final URI url;

  UrlTarget(String label, URI url) {
    this.label = label;
    this.url = url;
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public URI baseUrl() {
    return url;
  }

  @Override
  public Map<String, String> environment() {
    return Map.of();
  }

  @Override
  public Path appDirectory() {
    throw new UnsupportedOperationException(label + " is at a URL: djbench has no folder of it");
  }

  @Override
  public Path staticRoot() {
    throw new UnsupportedOperationException(label + " is at a URL: djbench has no folder of it");
  }

  /** None that this machine can see. */
  @Override
  public List<Long> processes() {
    return List.of();
  }

  /** Never: djbench did not start it, and does not restart it. */
  @Override
  public void restart(Duration startupTimeout) {}

  /** Whether it still answers is what each trial's errors and the health check tell. */
  @Override
  public void checkAlive() {}

  /** Nothing to stop. */
  @Override
  public void close() {}

  /**
   * Refuses a URL whose host is not on loopback unless {@code allowed} names it ({@code
   * --allow-remote HOST}), before any request is sent: nobody should load production by a typo. The
   * host is loopback when it is {@code localhost} or every address it resolves to is a loopback
   * address; a name that does not resolve is refused too.
   *
   * @throws IllegalArgumentException naming the host, and how to allow it
   */
  public static void checkAllowed(URI url, Collection<String> allowed) {
    String host = url.getHost().toLowerCase(Locale.ROOT);
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (allowed.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(bare))) {
      return;
    }
    if (isLoopback(bare)) {
      return;
    }
    throw new IllegalArgumentException(
        url
            + " is not on this machine's loopback: djbench loads a remote host only when it is"
            + " named with --allow-remote "
            + bare
            + " (check that it is the deployment you mean to load, not production)"
            + (allowed.isEmpty() ? "" : "; --allow-remote names " + String.join(", ", allowed)));
  }

  /** Whether {@code host} (a name or an address) is this machine's loopback. */
  static boolean isLoopback(String host) {
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      return true;
    }
    try {
      InetAddress[] addresses = InetAddress.getAllByName(host);
      for (InetAddress a : addresses) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return addresses.length > 0;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
