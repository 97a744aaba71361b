package dev.djbench.sut.app;

import dev.djbench.sut.process.ManagedProcess;
import dev.djbench.sut.process.PythonEnv;
import dev.djbench.sut.process.TargetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A logged-in session made through Django's own machinery, with no new endpoint in the app: the
 * user is created in djbench's database (never the project's) if it is not there, a session is
 * saved in the project's session engine as {@code django.contrib.auth.login} would save it, and its
 * cookie is what every request of the experiment then sends.
 */
public final class SessionLogin {

  /** Prints {@code <cookie name>=<session key>} for the user named in argv[1]. */
  static final String SCRIPT =
      String.join(
          "\n",
          "import sys",
          "import django",
          "django.setup()",
          "from importlib import import_module",
          "from django.conf import settings",
          "from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY,"
              + " get_user_model",
          "User = get_user_model()",
          "user, _ = User.objects.get_or_create(**{User.USERNAME_FIELD: sys.argv[1]})",
          "store = import_module(settings.SESSION_ENGINE).SessionStore()",
          "store[SESSION_KEY] = user._meta.pk.value_to_string(user)",
          "store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]",
          "store[HASH_SESSION_KEY] = user.get_session_auth_hash()",
          "store.save()",
          "print('djbench-cookie ' + settings.SESSION_COOKIE_NAME + '=' + store.session_key)");

  private SessionLogin() {}

  /**
   * The {@code Cookie} header value of a session of {@code username} on {@code server}'s database.
   *
   * @throws TargetException when the user or the session cannot be made, with the output
   */
  public static String cookie(AppServer server, PythonEnv python, String username, Path log)
      throws TargetException {
    ManagedProcess.runToCompletion(
        "the login of " + username,
        List.of(python.executable().toString(), "-c", SCRIPT, username),
        server.environment(),
        server.appDirectory(),
        log,
        Duration.ofMinutes(1));
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
          .filter(l -> l.startsWith("djbench-cookie "))
          .map(l -> l.substring("djbench-cookie ".length()).strip())
          .reduce((first, last) -> last)
          .orElseThrow(
              () ->
                  new TargetException(
                      "the login of " + username + " printed no session cookie; see " + log));
    } catch (IOException e) {
      throw new TargetException("cannot read " + log + ": " + e.getMessage(), e);
    }
  }
}
