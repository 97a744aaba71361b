package dev.djbench.sut.services;

import dev.djbench.sut.process.LoopbackHttp;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** Minimal wire-protocol checks, so that readiness needs no client library and no extra process. */
public final class Probes {

  private Probes() {}

  /**
   * Sends one Redis command (RESP array of bulk strings) and returns the reply: a status or error
   * line with its type prefix ({@code +PONG}, {@code -ERR …}, {@code :1}), or a bulk string's
   * content ({@code null} for nil). Authenticates first when {@code password} is present.
   */
  public static String redis(
      String host, int port, Optional<String> password, Duration timeout, String... command)
      throws IOException {
    try (Socket socket = connect(host, port, timeout)) {
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      if (password.isPresent()) {
        writeResp(out, "AUTH", password.get());
        String auth = readResp(in);
        if (auth == null || !auth.startsWith("+OK")) {
          throw new IOException("AUTH refused: " + auth);
        }
      }
      writeResp(out, command);
      return readResp(in);
    }
  }

  /** Asks memcached for its version; returns the version string ({@code 1.6.18}). */
  public static String memcachedVersion(String host, int port, Duration timeout)
      throws IOException {
    try (Socket socket = connect(host, port, timeout)) {
      socket.getOutputStream().write("version\r\n".getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String line = readLine(new BufferedInputStream(socket.getInputStream()));
      if (!line.startsWith("VERSION ")) {
        throw new IOException(
            "memcached answered '" + line + "' to 'version', expected 'VERSION …'");
      }
      return line.substring("VERSION ".length()).strip();
    }
  }

  /**
   * Sends PostgreSQL's SSLRequest and expects its one-byte answer ('N' or 'S'): proves the
   * postmaster accepts and answers, without a login, a backend process or a psql start.
   */
  public static void postgresSslRequest(String host, int port, Duration timeout)
      throws IOException {
    try (Socket socket = connect(host, port, timeout)) {
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.writeInt(8);
      out.writeInt(80877103);
      out.flush();
      int answer = socket.getInputStream().read();
      if (answer != 'N' && answer != 'S') {
        throw new IOException(
            "postgres answered " + answer + " to SSLRequest, expected 'N' or 'S'");
      }
    }
  }

  /** GETs {@code uri}; returns the response (any status). */
  public static HttpResponse<String> httpGet(URI uri, Duration timeout)
      throws IOException, InterruptedException {
    HttpClient client = LoopbackHttp.client(timeout);
    return client.send(
        HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Opens and closes a TCP connection. */
  static void tcpConnect(String host, int port, Duration timeout) throws IOException {
    connect(host, port, timeout).close();
  }

  private static Socket connect(String host, int port, Duration timeout) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  private static void writeResp(OutputStream out, String... parts) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    buffer.writeBytes(("*" + parts.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String part : parts) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      buffer.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      buffer.writeBytes(bytes);
      buffer.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.write(buffer.toByteArray());
    out.flush();
  }

  private static String readResp(InputStream in) throws IOException {
    String line = readLine(in);
    if (!line.startsWith("$")) {
      return line;
    }
    int length = Integer.parseInt(line.substring(1));
    if (length < 0) {
      return null;
    }
    byte[] bytes = in.readNBytes(length + 2);
    if (bytes.length < length + 2) {
      throw new IOException("redis reply cut short");
    }
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed before a full reply line");
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
      }
      line.write(b);
      previous = b;
    }
  }
}
