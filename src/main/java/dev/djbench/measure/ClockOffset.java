package dev.djbench.measure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * How far this machine's clock is from the target's, read from the target's own {@code Date}
 * header: the one clock every injector of a distributed run can reach ({@code djbench inject}).
 *
 * <p>A {@code Date} header counts whole seconds, but the instant it turns to the next second can be
 * caught to within a round trip: requests are sent until the header changes, and the change lies
 * between the start of the last request that read the old second and the end of the first that read
 * the new one. That edge, on this machine's clock, against the second it reads on the target's, is
 * the offset. A first pass with spaced requests finds the edge to within their spacing; the next
 * seconds' edges are then caught with requests sent back to back around where they must fall, and
 * the intervals intersected. On loopback, where the clocks are one, the offset reads 0 within its
 * bound; servers stamp {@code Date} as they answer (Gunicorn, Django's runserver, nginx), so the
 * bound is a round trip and the server's own stamping delay.
 *
 * @param offsetMillis this machine's clock minus the target's, in milliseconds
 * @param uncertaintyMillis half the width of the interval the offset lies in
 * @param reference what it was measured against, e.g. {@code Date header of http://…/}
 * @param probes requests sent
 */
public record ClockOffset(
    double offsetMillis, double uncertaintyMillis, String reference, int probes) {

  private static final Duration SPACING = Duration.ofMillis(20);
  private static final int REFINEMENTS = 2;

  /**
   * Measures the offset against {@code url}'s {@code Date} header.
   *
   * @return empty when the target sends no {@code Date} header, or its seconds never turned
   * @throws IOException when the target cannot be reached
   */
  public static Optional<ClockOffset> measure(URI url, Duration timeout)
      throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
    var clock = new LocalClock();
    Prober prober = new Prober(client, url, timeout, clock);
    Probe first = prober.probe();
    if (first.second().isEmpty()) {
      return Optional.empty();
    }
    // Pass 1: spaced requests, until the second turns (at most a second and a half).
    Probe previous = first;
    Edge edge = null;
    long deadline = System.nanoTime() + 1_500_000_000L;
    while (edge == null && System.nanoTime() < deadline) {
      Thread.sleep(SPACING.toMillis());
      Probe next = prober.probe();
      edge = Edge.between(previous, next);
      previous = next;
    }
    if (edge == null) {
      return Optional.empty();
    }
    // Passes 2…: requests back to back around each next edge; every edge is one second later on
    // the target's clock, so each interval, moved back by whole seconds, bounds the same offset.
    for (int r = 1; r <= REFINEMENTS; r++) {
      double lowAt = edge.lowMillis() + 1000.0 * r;
      double highAt = edge.highMillis() + 1000.0 * r;
      long sleep = Math.round(lowAt - 5 - clock.nowMillis());
      if (sleep > 0) {
        Thread.sleep(sleep);
      }
      Probe before = prober.probe();
      Edge found = null;
      while (found == null && clock.nowMillis() < highAt + 50) {
        Probe next = prober.probe();
        found = Edge.between(before, next);
        before = next;
      }
      if (found != null) {
        edge = edge.intersect(found.shifted(-1000.0 * (found.second() - edge.second())));
      }
    }
    double mid = (edge.lowMillis() + edge.highMillis()) / 2;
    return Optional.of(
        new ClockOffset(
            mid - edge.second() * 1000.0,
            (edge.highMillis() - edge.lowMillis()) / 2,
            "Date header of " + url,
            prober.sent));
  }

  /** "+0.31 ± 0.62 ms". */
  public String describe() {
    return String.format(Locale.ROOT, "%+.2f ± %.2f ms", offsetMillis, uncertaintyMillis);
  }

  /** This machine's wall clock to the microsecond, advanced by the monotonic clock. */
  private static final class LocalClock {
    private final long baseNanos = System.nanoTime();
    private final double baseMillis;

    LocalClock() {
      Instant now = Instant.now();
      baseMillis = now.getEpochSecond() * 1000.0 + now.getNano() / 1e6;
    }

    double nowMillis() {
      return baseMillis + (System.nanoTime() - baseNanos) / 1e6;
    }
  }

  /** One request: when it left and came back on this clock, and the second the target read. */
  private record Probe(double sentMillis, double receivedMillis, Optional<Long> second) {}

  /**
   * The target's clock turned to {@code second} between {@code lowMillis} and {@code highMillis} of
   * this machine's clock.
   */
  private record Edge(long second, double lowMillis, double highMillis) {
    static Edge between(Probe before, Probe after) {
      if (before.second().isEmpty() || after.second().isEmpty()) {
        return null;
      }
      long a = before.second().get();
      long b = after.second().get();
      return b == a + 1 ? new Edge(b, before.sentMillis(), after.receivedMillis()) : null;
    }

    Edge shifted(double millis) {
      return new Edge(second, lowMillis + millis, highMillis + millis);
    }

    /** Both bounds at once; an empty intersection (the target's clock stepped) keeps this one. */
    Edge intersect(Edge other) {
      double low = Math.max(lowMillis, other.lowMillis);
      double high = Math.min(highMillis, other.highMillis);
      return low <= high ? new Edge(second, low, high) : this;
    }
  }

  private static final class Prober {
    private final HttpClient client;
    private final HttpRequest request;
    private final LocalClock clock;
    int sent;

    Prober(HttpClient client, URI url, Duration timeout, LocalClock clock) {
      this.client = client;
      this.request =
          HttpRequest.newBuilder(url)
              .timeout(timeout)
              .header("User-Agent", "djbench clock probe")
              .GET()
              .build();
      this.clock = clock;
    }

    Probe probe() throws IOException, InterruptedException {
      double sentAt = clock.nowMillis();
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      double receivedAt = clock.nowMillis();
      sent++;
      return new Probe(
          sentAt, receivedAt, response.headers().firstValue("Date").flatMap(Prober::seconds));
    }

    private static Optional<Long> seconds(String date) {
      try {
        return Optional.of(
            ZonedDateTime.parse(date.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond());
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
  }
}
