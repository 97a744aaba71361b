package dev.djbench.sut.services;

import java.net.URI;

/**
 * A reverse proxy in front of the app server; load goes to its {@link #baseUrl()} instead of the
 * app's.
 */
public interface FrontProxy extends Service {

  /** Where clients send requests, e.g. {@code http://127.0.0.1:41234}. */
  URI baseUrl();
}
