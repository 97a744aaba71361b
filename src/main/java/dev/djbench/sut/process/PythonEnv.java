package dev.djbench.sut.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Python interpreter that runs the app, and what it has installed.
 *
 * <p>Chosen in this order: {@code DJBENCH_PYTHON}; the app's own {@code .venv}; {@code
 * /usr/bin/python3} (where Debian's python3-django and friends are visible — a pyenv or conda
 * {@code python3} earlier on PATH usually is not). The launcher's {@code setup} prepares one of
 * these.
 *
 * @param executable the interpreter
 */
public record PythonEnv(Path executable) {

  /**
   * Prints {@code name=version} for the interpreter and each package the harness drives, {@code
   * name=missing} for a package that is not installed.
   */
  public static final String VERSIONS_SCRIPT =
      String.join(
          "\n",
          "import sys, importlib",
          "print('python=' + sys.version.split()[0])",
          "for name in ('django', 'gunicorn', 'uvicorn', 'gevent', 'whitenoise', 'rest_framework', 'celery',"
              + " 'psycopg2', 'redis', 'pymemcache', 'django_redis'):",
          "    try:",
          "        m = importlib.import_module(name)",
          "        v = getattr(m, '__version__', None) or getattr(m, 'VERSION', None) or 'present'",
          "        print(name + '=' + (v if isinstance(v, str) else '.'.join(str(p) for p in v[:3])))",
          "    except Exception:",
          "        print(name + '=missing')");

  /**
   * The interpreter for the app in {@code appDirectory}: {@code configured} when the scenario names
   * one ({@code app.python}), else the project's own virtualenv ({@code .venv}, {@code venv} or
   * {@code env}), else {@code DJBENCH_PYTHON}, else {@code /usr/bin/python3}.
   */
  public static PythonEnv locate(Path appDirectory, String configured) {
    if (!configured.isEmpty()) {
      return new PythonEnv(Path.of(configured));
    }
    return locate(appDirectory);
  }

  /**
   * The interpreter for the app in {@code appDirectory} when the scenario names none: see {@link
   * #locate(Path, String)}.
   */
  public static PythonEnv locate(Path appDirectory) {
    // The project's own virtualenv first: it has the project's packages at the project's versions.
    for (String venv : List.of(".venv", "venv", "env")) {
      Path python = appDirectory.resolve(venv).resolve("bin/python");
      if (Files.isExecutable(python)) {
        return new PythonEnv(python);
      }
    }
    String configured = System.getenv("DJBENCH_PYTHON");
    if (configured != null && !configured.isBlank()) {
      return new PythonEnv(Path.of(configured));
    }
    return new PythonEnv(Path.of("/usr/bin/python3"));
  }

  /**
   * Versions of the interpreter and the packages the harness drives; a package that is missing is
   * reported as {@code missing}.
   *
   * @throws TargetException when the interpreter itself cannot run
   */
  public Map<String, String> versions() throws TargetException {
    try {
      Process process =
          new ProcessBuilder(executable.toString(), "-c", VERSIONS_SCRIPT)
              .redirectErrorStream(true)
              .start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new TargetException(executable + " could not report its packages: " + out.strip());
      }
      return parseVersions(out);
    } catch (IOException e) {
      throw new TargetException(
          "cannot run the Python interpreter "
              + executable
              + ": "
              + e.getMessage()
              + "; run ./djbench setup, or set DJBENCH_PYTHON to an interpreter that has Django and Gunicorn",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetException("interrupted while asking " + executable + " for its packages");
    }
  }

  /** The {@code name=version} lines of {@link #VERSIONS_SCRIPT}'s output, in order. */
  public static Map<String, String> parseVersions(String output) {
    Map<String, String> versions = new LinkedHashMap<>();
    output
        .lines()
        .filter(l -> l.contains("="))
        .forEach(
            l -> versions.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
    return versions;
  }

  /** The command that runs {@code manage.py} with these arguments. */
  public List<String> manage(String... arguments) {
    var command = new java.util.ArrayList<String>(List.of(executable.toString(), "manage.py"));
    command.addAll(List.of(arguments));
    return command;
  }
}
