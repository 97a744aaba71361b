package dev.djbench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/**
 * The clock offset read from a server's {@code Date} header, against servers on loopback whose
 * clocks are known: this machine's own, and one set 1.25 s ahead of it.
 */
class ClockOffsetTest {

  /**
   * A server stamping {@code Date} from this machine's clock moved by {@code shiftMillis}: a bare
   * socket, since the JDK's own HTTP server sets {@code Date} itself.
   */
  private static final class Server implements AutoCloseable {
    final ServerSocket socket;
    final Thread thread;

    Server(long shiftMillis, boolean sendDate) throws Exception {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      thread =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try (Socket s = socket.accept()) {
                    var in =
                        new BufferedReader(
                            new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                    String line;
                    while ((line = in.readLine()) != null && !line.isEmpty()) {
                      // the request's head, read to its end
                    }
                    String date =
                        DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            Instant.now().plusMillis(shiftMillis).atOffset(ZoneOffset.UTC));
                    String head =
                        "HTTP/1.1 204 No Content\r\n"
                            + (sendDate ? "Date: " + date + "\r\n" : "")
                            + "Connection: close\r\n\r\n";
                    s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                  } catch (IOException closed) {
                    // the test ended, or the client went away
                  }
                }
              },
              "clock-offset-test-server");
      thread.setDaemon(true);
      thread.start();
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
    }

    @Override
    public void close() throws Exception {
      socket.close();
      thread.join(5000);
    }
  }

  /**
   * The offset's interval holds the true offset. The 2 ms beyond its bound allow for this JVM's own
   * server thread, which stamps the header some time after it read the clock; on a busy machine the
   * bound widens rather than the offset moving.
   */
  @Test
  void theOffsetFromAServerOnThisClockIsZeroWithinItsBound() throws Exception {
    try (Server server = new Server(0, true)) {
      ClockOffset clock = ClockOffset.measure(server.url(), Duration.ofSeconds(5)).orElseThrow();
      assertTrue(Math.abs(clock.offsetMillis()) <= clock.uncertaintyMillis() + 2, clock.describe());
      assertTrue(clock.uncertaintyMillis() < 250, "a loopback round trip: " + clock.describe());
      assertTrue(clock.probes() >= 3, clock.describe());
      assertTrue(clock.reference().contains(server.url().toString()), clock.reference());
    }
  }

  @Test
  void aServerAheadOfThisClockReadsAsANegativeOffset() throws Exception {
    try (Server server = new Server(1250, true)) {
      ClockOffset clock = ClockOffset.measure(server.url(), Duration.ofSeconds(5)).orElseThrow();
      assertTrue(
          Math.abs(clock.offsetMillis() + 1250) <= clock.uncertaintyMillis() + 2,
          "this machine is 1250 ms behind: " + clock.describe());
    }
  }

  @Test
  void noDateHeaderMeansNoOffsetNotZero() throws Exception {
    try (Server server = new Server(0, false)) {
      assertEquals(
          java.util.Optional.empty(), ClockOffset.measure(server.url(), Duration.ofSeconds(5)));
    }
  }
}
