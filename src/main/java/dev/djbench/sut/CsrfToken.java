package dev.djbench.sut;

import java.security.SecureRandom;

/**
 * A CSRF token for requests that change state. Django compares the token of the {@code csrftoken}
 * cookie with the one of the {@code X-CSRFToken} header after unmasking both; a 64-character token
 * of letters and digits is a masked token to every version from 3.2 to 5.x, and the same token in
 * both places passes. A project that keeps the token in the session ({@code CSRF_USE_SESSIONS}) is
 * not served by it.
 */
final class CsrfToken {

  private static final String CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private CsrfToken() {}

  static String random() {
    StringBuilder token = new StringBuilder(64);
    for (int i = 0; i < 64; i++) {
      token.append(CHARS.charAt(RANDOM.nextInt(CHARS.length())));
    }
    return token.toString();
  }
}
