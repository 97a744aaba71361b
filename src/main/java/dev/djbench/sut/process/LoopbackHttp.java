package dev.djbench.sut.process;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The HTTP client the harness uses for its own requests (health checks, equivalence checks,
 * resets).
 */
public final class LoopbackHttp {

  private LoopbackHttp() {}

  /**
   * A client that speaks plain HTTP/1.1. The JDK's default offers an upgrade to HTTP/2 on every
   * request, which some servers (Uvicorn among them) answer with 400 Bad Request.
   */
  public static HttpClient client(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .build();
  }
}
