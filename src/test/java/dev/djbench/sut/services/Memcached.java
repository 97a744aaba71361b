package dev.djbench.sut.services;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A few memcached text-protocol commands over a raw socket, for tests. */
public final class Memcached {

  private Memcached() {}

  /** Stores {@code value} under {@code key}; returns the server's reply line ({@code STORED}). */
  public static String set(int port, String key, String value) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(2000);
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("set " + key + " 0 60 " + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return reader(socket).readLine();
    }
  }

  /** The value stored under {@code key}, or null when there is none. */
  public static String get(int port, String key) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(2000);
      socket.getOutputStream().write(("get " + key + "\r\n").getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      BufferedReader in = reader(socket);
      String header = in.readLine();
      if ("END".equals(header)) {
        return null;
      }
      String value = in.readLine();
      String end = in.readLine();
      if (!header.startsWith("VALUE " + key + " ") || !"END".equals(end)) {
        throw new IOException("unexpected reply to get: " + header + " / " + value + " / " + end);
      }
      return value;
    }
  }

  private static BufferedReader reader(Socket socket) throws IOException {
    return new BufferedReader(
        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
  }
}
