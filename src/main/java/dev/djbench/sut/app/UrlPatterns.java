package dev.djbench.sut.app;

import dev.djbench.scenario.AppSpec;
import dev.djbench.scenario.ScenarioDefaults;
import dev.djbench.sut.process.ManagedProcess;
import dev.djbench.sut.process.PythonEnv;
import dev.djbench.sut.process.TargetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pages of a project that take no parameters, as its URL configuration lists them: what {@code
 * djbench init} offers to measure. Django is set up through the settings overlay (on a SQLite file
 * in a folder of djbench's), so that listing never touches the project's database.
 */
public final class UrlPatterns {

  /**
   * Walks the resolver; prints one line per pattern: route, the view's module, and {@code GET} or
   * the methods the view allows when GET is not among them.
   */
  static final String SCRIPT =
      String.join(
          "\n",
          "import django",
          "django.setup()",
          "from django.urls import URLPattern, URLResolver, get_resolver",
          "def methods(view):",
          "    # require_http_methods keeps its list in a closure; class-based views list handlers.",
          "    seen, f = set(), view",
          "    while f is not None and id(f) not in seen:",
          "        seen.add(id(f))",
          "        for cell in getattr(f, '__closure__', None) or ():",
          "            try:",
          "                v = cell.cell_contents",
          "            except ValueError:",
          "                continue",
          "            if isinstance(v, (list, tuple)) and v and all(",
          "                    isinstance(m, str) and m.isupper() for m in v):",
          "                return list(v)",
          "        f = getattr(f, '__wrapped__', None)",
          "    cls = getattr(view, 'view_class', None)",
          "    if cls is not None:",
          "        return [m.upper() for m in cls.http_method_names if hasattr(cls, m)]",
          "    return None",
          "def walk(patterns, prefix):",
          "    for p in patterns:",
          "        if isinstance(p, URLResolver):",
          "            yield from walk(p.url_patterns, prefix + str(p.pattern))",
          "        elif isinstance(p, URLPattern):",
          "            yield prefix + str(p.pattern), p.callback",
          "for route, view in walk(get_resolver().url_patterns, ''):",
          "    allowed = methods(view)",
          "    print(route + '\\t' + (getattr(view, '__module__', '') or '') + '\\t'",
          "          + ('GET' if allowed is None or 'GET' in allowed else ','.join(allowed)))");

  private UrlPatterns() {}

  /**
   * The paths ({@code /books/}) of the project's parameter-free pages, in URL configuration order.
   * Views that Django itself provides (the admin, the auth views, static files) are left out, and
   * so are views that refuse GET (a form's POST target) and anything named logout: the project's
   * own pages are what it wants measured.
   *
   * @param workDirectory a folder of djbench's for the overlay and its SQLite file
   * @throws TargetException when the project's URL configuration cannot be loaded, with its output
   */
  public static List<String> parameterFree(
      AppSpec app, PythonEnv python, Path probeDirectory, Path workDirectory)
      throws TargetException {
    try {
      Files.createDirectories(workDirectory);
    } catch (IOException e) {
      throw new TargetException("cannot create " + workDirectory + ": " + e.getMessage(), e);
    }
    SettingsOverlay.write(
        workDirectory, app.settingsModule(), ScenarioDefaults.DEPLOYMENT, Map.of());
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DJANGO_SETTINGS_MODULE", SettingsOverlay.MODULE);
    env.put(
        "PYTHONPATH",
        workDirectory
            + java.io.File.pathSeparator
            + probeDirectory
            + java.io.File.pathSeparator
            + app.directory());
    Path log = workDirectory.resolve("urls.log");
    ManagedProcess.runToCompletion(
        "the URL listing",
        List.of(python.executable().toString(), "-c", SCRIPT),
        env,
        app.directory(),
        log,
        Duration.ofMinutes(2));
    List<String> lines;
    try {
      lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TargetException("cannot read " + log + ": " + e.getMessage(), e);
    }
    List<String> paths = new ArrayList<>();
    // The first line is the command, written by ManagedProcess.
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] fields = line.split("\t", -1);
      if (fields.length < 3 || !fields[2].equals("GET")) {
        continue; // not a listing line, or a view that refuses GET (a form's POST target)
      }
      pathOf(fields[0], fields[1]).filter(p -> !paths.contains(p)).ifPresent(paths::add);
    }
    return paths;
  }

  /**
   * The path of a route that takes no parameters: {@code books/} as {@code /books/}, a regex {@code
   * ^about/$} as {@code /about/}; empty for one with parameters, or one not to load.
   */
  static java.util.Optional<String> pathOf(String route, String module) {
    if (module.startsWith("django.") || route.contains("logout")) {
      return java.util.Optional.empty();
    }
    String path = route.replace("^", "").replace("$", "").replace("\\Z", "");
    if (path.contains("<") || path.matches(".*[()\\[\\]{}*+?|\\\\].*")) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("/" + path);
  }
}
