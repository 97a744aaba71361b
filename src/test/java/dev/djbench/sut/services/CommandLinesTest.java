package dev.djbench.sut.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.sut.process.Host;
import dev.djbench.sut.process.PythonEnv;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLinesTest {

  @Test
  void redisRunsInTheForegroundWithoutPersistenceOnLoopback() {
    assertEquals(
        List.of(
            "/usr/bin/redis-server",
            "--port",
            "6400",
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
            "--logfile",
            "",
            "--dir",
            "/w/redis-1"),
        LocalRedis.command(Path.of("/usr/bin/redis-server"), 6400, Path.of("/w/redis-1")));
  }

  @Test
  void memcachedListensOnLoopbackTcpOnlyAndDropsRootToNobody() {
    List<String> base =
        List.of("/usr/bin/memcached", "-p", "11300", "-l", "127.0.0.1", "-U", "0", "-m", "64");
    assertEquals(base, LocalMemcached.command(Path.of("/usr/bin/memcached"), 11300, false));
    List<String> asRoot = LocalMemcached.command(Path.of("/usr/bin/memcached"), 11300, true);
    assertEquals(base, asRoot.subList(0, base.size()));
    assertEquals(List.of("-u", "nobody"), asRoot.subList(base.size(), asRoot.size()));
  }

  @Test
  void postgresListensOnLoopbackWithItsSocketInItsOwnDirectoryAndDefaultSettings() {
    Path bin = Path.of("/usr/lib/postgresql/15/bin");
    assertEquals(
        List.of(
            "/usr/lib/postgresql/15/bin/initdb",
            "-D",
            "/w/pg/data",
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C"),
        LocalPostgres.initdbCommand(bin, Path.of("/w/pg/data")));
    List<String> server = LocalPostgres.serverCommand(bin, Path.of("/w/pg/data"), 5500);
    assertEquals(
        List.of(
            "/usr/lib/postgresql/15/bin/postgres",
            "-D",
            "/w/pg/data",
            "-p",
            "5500",
            "-h",
            "127.0.0.1",
            "-k",
            ""),
        server);
    // No Unix-domain socket: its path would be limited to 107 bytes, which a deep run folder
    // exceeds.
    // Honest numbers: durability settings are left at PostgreSQL's defaults.
    assertTrue(
        server.stream().noneMatch(a -> a.contains("fsync") || a.contains("synchronous_commit")),
        server::toString);
  }

  @Test
  void postgresRunsAsThePostgresUserOnlyWhenTheHarnessIsRoot() {
    List<String> command = List.of("/bin/initdb", "-D", "/d");
    List<String> wrapped = Host.asUser("postgres", command);
    if (Host.isRoot()) {
      assertEquals(
          List.of(
              "setpriv",
              "--reuid=postgres",
              "--regid=postgres",
              "--init-groups",
              "--reset-env",
              "/bin/initdb",
              "-D",
              "/d"),
          wrapped);
    } else {
      assertEquals(command, wrapped);
    }
  }

  @Test
  void celeryWorkerUsesThePreforkPoolWithAUniqueNode() {
    assertEquals(
        List.of(
            "/usr/bin/python3",
            "-m",
            "celery",
            "-A",
            "djbench_app",
            "worker",
            "--loglevel=INFO",
            "--concurrency=3",
            "--pool=prefork",
            "--hostname=djbench-x1@%h"),
        CeleryWorker.command(
            new PythonEnv(Path.of("/usr/bin/python3")), "djbench_app", 3, "djbench-x1"));
  }

  @Test
  void nginxGetsItsPrefixConfigAndStderrForEarlyErrors() {
    assertEquals(
        List.of(
            "/usr/sbin/nginx", "-p", "/w/nginx-1/", "-c", "/w/nginx-1/nginx.conf", "-e", "stderr"),
        NginxFront.command(
            Path.of("/usr/sbin/nginx"), Path.of("/w/nginx-1"), Path.of("/w/nginx-1/nginx.conf")));
  }

  @Test
  void upstreamDelaysAreIntegersInRange() {
    assertEquals(0, UpstreamServer.parseDelayMillis("0"));
    assertEquals(250, UpstreamServer.parseDelayMillis("250"));
    assertEquals(60_000, UpstreamServer.parseDelayMillis("60000"));
    assertEquals(-1, UpstreamServer.parseDelayMillis("60001"));
    assertEquals(-1, UpstreamServer.parseDelayMillis("-5"));
    assertEquals(-1, UpstreamServer.parseDelayMillis("1e3"));
    assertEquals(-1, UpstreamServer.parseDelayMillis(""));
    assertEquals(-1, UpstreamServer.parseDelayMillis("99999999999"));
  }
}
