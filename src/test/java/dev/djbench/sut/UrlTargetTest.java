package dev.djbench.sut;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which hosts a URL target may load without {@code --allow-remote}. */
class UrlTargetTest {

  @Test
  void loopbackHostsNeedNoPermission() {
    for (String url :
        List.of(
            "http://127.0.0.1:8000",
            "http://127.8.9.10",
            "http://localhost:8000",
            "http://app.localhost",
            "http://[::1]:8000")) {
      UrlTarget.checkAllowed(URI.create(url), List.of());
    }
  }

  @Test
  void anyOtherHostIsRefusedUnlessNamed() {
    for (String url :
        List.of(
            "http://192.0.2.10:8000",
            "https://[2001:db8::1]",
            "http://10.0.0.5",
            "http://no-such-host.invalid")) {
      var e =
          assertThrows(
              IllegalArgumentException.class,
              () -> UrlTarget.checkAllowed(URI.create(url), List.of("staging.example.com")));
      assertTrue(e.getMessage().contains("is not on this machine's loopback"), e.getMessage());
      assertTrue(e.getMessage().contains("--allow-remote names staging.example.com"), url);
    }
    UrlTarget.checkAllowed(URI.create("http://192.0.2.10:8000"), List.of("192.0.2.10"));
    UrlTarget.checkAllowed(URI.create("https://[2001:db8::1]"), List.of("2001:db8::1"));
    UrlTarget.checkAllowed(
        URI.create("https://Staging.Example.com"), List.of("staging.example.com"));
  }
}
