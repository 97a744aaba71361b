package dev.djbench.sut.services;

import dev.djbench.sut.process.ManagedProcess;
import dev.djbench.sut.process.PythonEnv;
import dev.djbench.sut.process.TargetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Celery worker for the app's own tasks, run with the app's interpreter, in the app's directory
 * and with the app's environment (its broker URL included), prefork pool. Its pool processes are
 * forked children and stay in its process group, so stopping it stops them.
 */
public final class CeleryWorker extends ProcessBackedService {

  /** The Celery application of the reference app ({@code djbench_app/celery.py}). */
  public static final String DEFAULT_APP = "djbench_app";

  /**
   * Celery's own "worker is up" line: {@code celery@host ready.} (the node name is ours, see
   * below).
   */
  private static final Pattern READY = Pattern.compile("@\\S+ ready\\.");

  private final int concurrency;
  private final String broker;

  private CeleryWorker(ManagedProcess process, int concurrency, String broker) {
    super(ServiceKind.CELERY, process, Map.of());
    this.concurrency = concurrency;
    this.broker = broker;
  }

  /**
   * The worker command line; {@code nodeLabel} makes the node name unique, since two workers of one
   * name on one broker clash.
   */
  static List<String> command(
      PythonEnv python, String celeryApp, int concurrency, String nodeLabel) {
    return List.of(
        python.executable().toString(),
        "-m",
        "celery",
        "-A",
        celeryApp,
        "worker",
        "--loglevel=INFO",
        "--concurrency=" + concurrency,
        "--pool=prefork",
        "--hostname=" + nodeLabel + "@%h");
  }

  /**
   * Starts a worker and waits until it reports itself ready.
   *
   * @param appDirectory the Django project directory (the worker imports the app from there)
   * @param python the app's interpreter
   * @param appEnvironment the app's environment; must hold {@code DJBENCH_CELERY_BROKER}
   * @param celeryApp the {@code -A} argument, e.g. {@link #DEFAULT_APP}
   * @param concurrency pool processes, 1 to 64
   * @throws IllegalArgumentException when the directory is missing, the broker is not set or
   *     concurrency is out of range
   * @throws TargetException when the worker dies or is not ready in time, with its log
   */
  public static CeleryWorker start(
      Path appDirectory,
      PythonEnv python,
      Map<String, String> appEnvironment,
      String celeryApp,
      int concurrency,
      Path logDirectory,
      Duration timeout)
      throws TargetException {
    if (!Files.isDirectory(appDirectory)) {
      throw new IllegalArgumentException(
          "the Celery worker's app directory " + appDirectory + " does not exist");
    }
    String broker = appEnvironment.get(AppEnvironment.CELERY_BROKER);
    if (broker == null || broker.isBlank()) {
      throw new IllegalArgumentException(
          "the Celery worker needs "
              + AppEnvironment.CELERY_BROKER
              + " in the app environment (start redis first and pass its environment)");
    }
    if (concurrency < 1 || concurrency > 64) {
      throw new IllegalArgumentException("Celery concurrency must be 1 to 64, was " + concurrency);
    }
    Map<String, String> env = new LinkedHashMap<>(appEnvironment);
    // Log lines must reach the file as they are written: readiness is read from it.
    env.put("PYTHONUNBUFFERED", "1");
    String node = "djbench-" + Long.toString(System.nanoTime() & 0xffffffL, 36);
    ManagedProcess process =
        ManagedProcess.start(
            "celery worker",
            command(python, celeryApp, concurrency, node),
            env,
            appDirectory,
            logDirectory.resolve("celery.log"));
    CeleryWorker worker = new CeleryWorker(process, concurrency, broker);
    worker.awaitReady(timeout);
    return worker;
  }

  /**
   * Ready once its log holds Celery's "ready." line, which it writes after connecting to the
   * broker.
   */
  @Override
  void probe() throws IOException {
    String log = Files.readString(process().logFile(), StandardCharsets.UTF_8);
    if (!READY.matcher(log).find()) {
      throw new IOException("no 'ready.' line in the worker's log yet");
    }
  }

  @Override
  public String describe() {
    return "celery worker ×" + concurrency + " (prefork) on " + broker + " (local)";
  }
}
