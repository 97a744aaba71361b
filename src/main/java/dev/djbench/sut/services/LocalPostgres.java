package dev.djbench.sut.services;

import dev.djbench.sut.process.Host;
import dev.djbench.sut.process.LocalDirectories;
import dev.djbench.sut.process.ManagedProcess;
import dev.djbench.sut.process.Ports;
import dev.djbench.sut.process.ProcessTree;
import dev.djbench.sut.process.Readiness;
import dev.djbench.sut.process.TargetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A throw-away PostgreSQL cluster: {@code initdb} into a private directory, the server listening on
 * 127.0.0.1 only, a role and database {@code djbench}. Server settings stay at PostgreSQL's
 * defaults (fsync and synchronous commit included), so that database-bound numbers mean what they
 * would on a real server.
 */
public final class LocalPostgres extends ProcessBackedService {

  public static final String DATABASE = "djbench";
  public static final String USER = "djbench";
  public static final String PASSWORD = "djbench";
  private static final String SYSTEM_USER = "postgres";
  private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration PSQL_TIMEOUT = Duration.ofSeconds(15);

  /**
   * Runs the server under a shell that turns SIGTERM into SIGINT. PostgreSQL reads SIGTERM as
   * "smart shutdown", which waits for every client to disconnect (an app server with persistent
   * connections may not have); SIGINT is "fast shutdown", which ends sessions and still writes a
   * shutdown checkpoint. The postmaster exits only after all its children, and they run in sessions
   * of their own (postgres calls setsid for each), so waiting for the postmaster is what waits for
   * them.
   */
  private static final String FAST_SHUTDOWN_WRAPPER =
      String.join(
          "\n",
          "trap 'kill -INT \"$child\" 2>/dev/null' TERM INT",
          "\"$@\" &",
          "child=$!",
          "wait \"$child\"; status=$?",
          "while kill -0 \"$child\" 2>/dev/null; do wait \"$child\"; status=$?; done",
          "exit $status");

  private final Path binDirectory;
  private final Path directory;
  private final Path logDirectory;
  private final int port;
  private final Thread cleanupOnExit;
  private volatile String version = "?";

  private LocalPostgres(
      ManagedProcess process, Path binDirectory, Path directory, Path logDirectory, int port) {
    super(
        ServiceKind.POSTGRES,
        process,
        AppEnvironment.postgres("127.0.0.1", port, DATABASE, USER, PASSWORD));
    this.binDirectory = binDirectory;
    this.directory = directory;
    this.logDirectory = logDirectory;
    this.port = port;
    // On Ctrl-C nobody calls close(): ProcessReaper's hook stops the server, this one then removes
    // the cluster
    // (tens of MB, possibly in the system temp directory) once the server has let go of it.
    this.cleanupOnExit =
        new Thread(
            () -> {
              process.waitFor(Duration.ofSeconds(10));
              if (!process.isAlive()) {
                LocalDirectories.deleteRecursively(directory);
              }
            },
            "djbench-postgres-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanupOnExit);
  }

  /**
   * The initdb command line: trust authentication (loopback only), UTF-8, C collation, superuser
   * postgres.
   */
  static List<String> initdbCommand(Path binDirectory, Path dataDirectory) {
    return List.of(
        binDirectory.resolve("initdb").toString(),
        "-D",
        dataDirectory.toString(),
        "-U",
        SYSTEM_USER,
        "--auth=trust",
        "--encoding=UTF8",
        "--locale=C");
  }

  /**
   * The server command line: TCP on 127.0.0.1 only, and no Unix-domain socket at all ({@code -k}
   * with an empty list). A socket's path may hold at most 107 bytes, and one inside a run folder of
   * an ordinary checkout ({@code /home/<user>/src/<company>/djbench/reports/<run>/work/…}) is
   * longer than that; every client djbench starts (psql, the app) connects over TCP anyway.
   */
  static List<String> serverCommand(Path binDirectory, Path dataDirectory, int port) {
    return List.of(
        binDirectory.resolve("postgres").toString(),
        "-D",
        dataDirectory.toString(),
        "-p",
        Integer.toString(port),
        "-h",
        "127.0.0.1",
        "-k",
        "");
  }

  /**
   * Creates the cluster, starts the server, and creates the role and database; waits until they
   * answer.
   */
  static LocalPostgres start(
      Path binDirectory, Path workDirectory, Path logDirectory, Duration timeout)
      throws TargetException {
    Path directory = PostgresDirectory.create(workDirectory);
    Path data = directory.resolve("data");
    try {
      ManagedProcess.runToCompletion(
          "initdb",
          Host.asUser(SYSTEM_USER, initdbCommand(binDirectory, data)),
          Map.of(),
          directory,
          logDirectory.resolve("postgres.initdb.log"),
          INITDB_TIMEOUT);
      int port = Ports.freeLoopbackPort();
      List<String> command =
          new ArrayList<>(List.of("sh", "-c", FAST_SHUTDOWN_WRAPPER, "postgres"));
      command.addAll(Host.asUser(SYSTEM_USER, serverCommand(binDirectory, data, port)));
      ManagedProcess process =
          ManagedProcess.start(
              "postgres", command, Map.of(), directory, logDirectory.resolve("postgres.log"));
      LocalPostgres postgres =
          new LocalPostgres(process, binDirectory, directory, logDirectory, port);
      postgres.prepare(timeout);
      return postgres;
    } catch (TargetException | RuntimeException e) {
      LocalDirectories.deleteRecursively(directory);
      throw e;
    }
  }

  private void prepare(Duration timeout) throws TargetException {
    try {
      // The postmaster accepts TCP before recovery ends; only a real query shows it is ready.
      Readiness.await(
          "postgres (" + process() + ")",
          timeout,
          Optional.of(process()),
          () -> psql(SYSTEM_USER, "postgres", "select 1"));
      psql(
          SYSTEM_USER,
          "postgres",
          "CREATE ROLE " + USER + " LOGIN CREATEDB PASSWORD '" + PASSWORD + "'",
          "CREATE DATABASE " + DATABASE + " OWNER " + USER);
      version = psql(USER, DATABASE, "select current_setting('server_version')").split("\\s+")[0];
    } catch (TargetException e) {
      close();
      throw e;
    }
  }

  /**
   * Runs SQL statements with psql over TCP as {@code user}; returns psql's unaligned output.
   *
   * @throws TargetException when psql fails, with its output
   */
  String psql(String user, String database, String... statements) throws TargetException {
    List<String> command =
        new ArrayList<>(
            List.of(
                psqlExecutable().toString(),
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-U",
                user,
                "-d",
                database,
                "-v",
                "ON_ERROR_STOP=1",
                "-X",
                "-A",
                "-t"));
    for (String statement : statements) {
      command.add("-c");
      command.add(statement);
    }
    Path log = logDirectory.resolve("postgres.psql.log");
    ManagedProcess.runToCompletion(
        "psql",
        command,
        Map.of("PGCONNECT_TIMEOUT", "5", "PGPASSWORD", PASSWORD),
        directory,
        log,
        PSQL_TIMEOUT);
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      // The first line is the command, written by ManagedProcess.
      return String.join("\n", lines.subList(Math.min(1, lines.size()), lines.size())).strip();
    } catch (IOException e) {
      throw new TargetException("cannot read psql's output from " + log + ": " + e.getMessage(), e);
    }
  }

  private Path psqlExecutable() {
    Path sibling = binDirectory.resolve("psql");
    return Files.isExecutable(sibling) ? sibling : Host.executable("psql").orElse(sibling);
  }

  /** The cluster's private directory, which holds its data directory. */
  Path directory() {
    return directory;
  }

  @Override
  void probe() throws IOException {
    Probes.postgresSslRequest("127.0.0.1", port, PROBE_TIMEOUT);
  }

  /**
   * The wrapper shell, the postmaster, and the postmaster's children (which live in sessions of
   * their own).
   */
  @Override
  public List<Long> processes() {
    Set<Long> all = new LinkedHashSet<>(process().groupMembers());
    for (Long member : List.copyOf(all)) {
      all.addAll(ProcessTree.descendants(member));
    }
    return List.copyOf(all);
  }

  @Override
  public String describe() {
    return "postgres " + version + " on 127.0.0.1:" + port + " (local)";
  }

  /**
   * Stops the server (fast shutdown, see the wrapper), makes sure no backend outlived it, and
   * deletes the cluster; the logs stay in the log directory.
   */
  @Override
  public void close() {
    List<Long> seen = processes();
    super.close();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
    } catch (IllegalStateException e) {
      // The JVM is shutting down already and the hook runs anyway; deleting twice is harmless.
    }
    for (Long pid : seen) {
      if (ProcessTree.isAlive(pid)) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
    LocalDirectories.deleteRecursively(directory);
  }
}
