package dev.djbench.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Django project's own files say about it, read without running it: the settings module that
 * {@code manage.py} names, and the WSGI and ASGI modules beside those settings.
 *
 * @param settingsModule e.g. {@code bookshop.settings}
 * @param wsgiApplication e.g. {@code bookshop.wsgi:application}
 * @param asgiApplication e.g. {@code bookshop.asgi:application}; the WSGI module's package with
 *     {@code asgi} when the project has no asgi.py (Uvicorn then fails with Django's own message)
 */
public record ProjectLayout(String settingsModule, String wsgiApplication, String asgiApplication) {

  /**
   * {@code os.environ.setdefault("DJANGO_SETTINGS_MODULE", "x.settings")}, as startproject writes.
   */
  private static final Pattern SETTINGS =
      Pattern.compile("DJANGO_SETTINGS_MODULE['\"]\\s*,\\s*['\"]([A-Za-z_][\\w.]*)['\"]");

  /**
   * Reads {@code manage.py} of the project in {@code directory}.
   *
   * @return the layout, or why it cannot be read (a sentence naming the file and what was expected)
   */
  public static Result discover(Path directory) {
    Path manage = directory.resolve("manage.py");
    String text;
    try {
      text = Files.readString(manage, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return new Result(Optional.empty(), "cannot read " + manage + ": " + e.getMessage());
    }
    Matcher m = SETTINGS.matcher(text);
    if (!m.find()) {
      return new Result(
          Optional.empty(),
          manage
              + " does not name a settings module (expected"
              + " os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"<package>.settings\");"
              + " or give app: {settings: <module>})");
    }
    return new Result(Optional.of(of(directory, m.group(1))), "");
  }

  /** The layout around {@code settingsModule}: its package's wsgi and asgi modules. */
  public static ProjectLayout of(Path directory, String settingsModule) {
    int dot = settingsModule.lastIndexOf('.');
    String pkg = dot < 0 ? "" : settingsModule.substring(0, dot);
    // settings may be a package of its own (bookshop/settings/production.py): look upwards.
    while (!pkg.isEmpty() && !Files.exists(directory.resolve(pkg.replace('.', '/') + "/wsgi.py"))) {
      int up = pkg.lastIndexOf('.');
      pkg = up < 0 ? "" : pkg.substring(0, up);
    }
    if (pkg.isEmpty()) {
      pkg = dot < 0 ? settingsModule : settingsModule.substring(0, settingsModule.indexOf('.'));
    }
    return new ProjectLayout(settingsModule, pkg + ".wsgi:application", pkg + ".asgi:application");
  }

  /**
   * A discovery's outcome.
   *
   * @param layout the layout, when found
   * @param problem why not, otherwise
   */
  public record Result(Optional<ProjectLayout> layout, String problem) {}
}
