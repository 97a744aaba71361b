package dev.djbench.scenario;

import dev.djbench.scenario.Deployment.CacheBackend;
import dev.djbench.scenario.Deployment.Database;
import dev.djbench.scenario.Deployment.Server;
import dev.djbench.scenario.Deployment.StaticFiles;
import dev.djbench.scenario.Deployment.WorkerClass;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Every default of the scenario format, in one place. The README's scenario reference lists the
 * same values.
 */
public final class ScenarioDefaults {

  private ScenarioDefaults() {}

  /** Arrival rate when neither the suite nor the experiment sets one. */
  public static final double RATE_PER_SECOND = 40;

  /** A request that takes longer than this counts as failed. */
  public static final int TIMEOUT_SECONDS = 10;

  /** A trial with more errors than this share is invalid. */
  public static final double MAX_ERROR_FRACTION = 0.01;

  /** A capacity search starts at this rate... */
  public static final double CAPACITY_FROM = 5;

  /** ...and goes no higher than this one... */
  public static final double CAPACITY_TO = 400;

  /** ...with at most this many probes per variant. */
  public static final int CAPACITY_PROBES = 8;

  public static final LoadSettings LOAD =
      new LoadSettings(
          RATE_PER_SECOND,
          false,
          OptionalInt.empty(),
          TIMEOUT_SECONDS,
          MAX_ERROR_FRACTION,
          Interleave.TRIALS,
          false,
          Connections.NEW);

  public static final Deployment DEPLOYMENT =
      new Deployment(
          Server.GUNICORN,
          WorkerClass.SYNC,
          2,
          4,
          Database.SQLITE,
          CacheBackend.LOCMEM,
          false,
          0,
          StaticFiles.DJANGO,
          false,
          false,
          Map.of());

  /** The reference app's directory name under the djbench home. */
  public static final String REFERENCE_APP = "sample-django-app";

  public static final String WSGI_APPLICATION = "djbench_app.wsgi:application";
  public static final String ASGI_APPLICATION = "djbench_app.asgi:application";
  public static final String HEALTH_PATH = "/healthz";
  public static final String SEED_COMMAND = "seed";
  public static final String SETTINGS_MODULE = "djbench_app.settings";

  /** Where a project of the user's is checked as ready: any answer below 500 will do. */
  public static final String PROJECT_HEALTH_PATH = "/";

  /** The reference app as found under {@code home}. */
  public static AppSpec referenceApp(Path home) {
    return new AppSpec(
        home.resolve(REFERENCE_APP),
        WSGI_APPLICATION,
        ASGI_APPLICATION,
        HEALTH_PATH,
        SEED_COMMAND,
        SETTINGS_MODULE,
        List.of(),
        "");
  }
}
