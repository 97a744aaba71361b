package dev.djbench.scenario;

import java.util.Map;
import java.util.TreeMap;

/**
 * How the system under test is deployed for one variant: fully resolved, every field set.
 *
 * @param server the application server
 * @param workerClass Gunicorn's worker class (ignored by {@code runserver})
 * @param workers Gunicorn worker processes, &gt;= 1
 * @param threads threads per worker for {@code gthread}, &gt;= 1
 * @param database the database engine
 * @param cache Django's default cache backend
 * @param debug Django's DEBUG
 * @param connMaxAgeSeconds Django's CONN_MAX_AGE, &gt;= 0
 * @param staticFiles who serves /static/
 * @param nginx whether nginx runs in front of the app server
 * @param nginxCache whether that nginx caches responses ({@code proxy_cache}); requires {@code
 *     nginx}
 * @param env extra environment variables for the app (e.g. {@code DJBENCH_PER_SITE_CACHE: "1"})
 */
public record Deployment(
    Server server,
    WorkerClass workerClass,
    int workers,
    int threads,
    Database database,
    CacheBackend cache,
    boolean debug,
    int connMaxAgeSeconds,
    StaticFiles staticFiles,
    boolean nginx,
    boolean nginxCache,
    Map<String, String> env) {

  public Deployment {
    env = Map.copyOf(env);
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, was " + workers);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    if (connMaxAgeSeconds < 0) {
      throw new IllegalArgumentException(
          "connMaxAgeSeconds must be >= 0, was " + connMaxAgeSeconds);
    }
  }

  /** This deployment with {@code extra} added to its environment (replacing equal keys). */
  public Deployment withEnvironment(Map<String, String> extra) {
    Map<String, String> all = new java.util.LinkedHashMap<>(env);
    all.putAll(extra);
    return new Deployment(
        server,
        workerClass,
        workers,
        threads,
        database,
        cache,
        debug,
        connMaxAgeSeconds,
        staticFiles,
        nginx,
        nginxCache,
        all);
  }

  /** The application servers djbench can start. */
  public enum Server {
    GUNICORN,
    RUNSERVER
  }

  /** Gunicorn worker classes; {@code UVICORN} is Gunicorn with the Uvicorn (ASGI) worker. */
  public enum WorkerClass {
    SYNC,
    GTHREAD,
    GEVENT,
    UVICORN
  }

  /**
   * Where a deployment's data lives: djbench's own SQLite file or PostgreSQL, or ({@code app}) the
   * database the project's own settings name, which djbench writes to only when told to.
   */
  public enum Database {
    SQLITE,
    POSTGRES,
    APP
  }

  /** Cache backends of the reference app. */
  public enum CacheBackend {
    LOCMEM,
    REDIS,
    MEMCACHED,
    DUMMY
  }

  /** Who serves static files. */
  public enum StaticFiles {
    DJANGO,
    WHITENOISE,
    NGINX
  }

  /**
   * A short, stable description for tables and logs, e.g. {@code gunicorn/sync×2 sqlite locmem}.
   */
  public String label() {
    String serverPart =
        server == Server.RUNSERVER
            ? "runserver"
            : "gunicorn/"
                + Fields.yamlName(workerClass)
                + "×"
                + workers
                + (workerClass == WorkerClass.GTHREAD ? "×" + threads + "t" : "");
    StringBuilder out =
        new StringBuilder(serverPart)
            .append(' ')
            .append(Fields.yamlName(database))
            .append(' ')
            .append(Fields.yamlName(cache));
    if (debug) {
      out.append(" DEBUG");
    }
    if (connMaxAgeSeconds > 0) {
      out.append(" conn_max_age=").append(connMaxAgeSeconds);
    }
    if (staticFiles != StaticFiles.DJANGO) {
      out.append(" static=").append(Fields.yamlName(staticFiles));
    }
    if (nginx) {
      out.append(nginxCache ? " +nginx(cache)" : " +nginx");
    }
    new TreeMap<>(env).forEach((k, v) -> out.append(' ').append(k).append('=').append(v));
    return out.toString();
  }
}
