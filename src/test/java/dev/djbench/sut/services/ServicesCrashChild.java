package dev.djbench.sut.services;

import dev.djbench.sut.ProviderChoice;
import dev.djbench.sut.ServiceSet;
import dev.djbench.sut.process.PythonEnv;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

/**
 * A harness stand-in for {@link ServicesCrashIT}: starts services, prints their process ids and
 * "READY", then waits to be interrupted. It never closes them itself: the JVM's shutdown
 * (ProcessReaper) has to.
 */
public final class ServicesCrashChild {

  private ServicesCrashChild() {}

  public static void main(String[] args) throws Exception {
    Path run = Path.of(args[0]);
    ServiceSet set =
        new ServiceSet(
            new ServiceSet.Settings(
                ProviderChoice.LOCAL,
                run.resolve("work"),
                run.resolve("logs"),
                Map.of(),
                new PythonEnv(Path.of("/usr/bin/python3")),
                Duration.ofSeconds(60)));
    Map<String, String> env =
        set.environmentFor(
            EnumSet.of(
                ServiceKind.POSTGRES,
                ServiceKind.REDIS,
                ServiceKind.MEMCACHED,
                ServiceKind.UPSTREAM));
    set.startNginx(URI.create(env.get(AppEnvironment.UPSTREAM_URL)), Optional.empty(), true);
    for (Service service : set.started()) {
      for (Long pid : service.processes()) {
        System.out.println("PID " + pid + " " + service.kind().yamlName());
      }
    }
    // The watchdog must end too, whatever ends the harness.
    System.out.println(
        "PID " + dev.djbench.sut.process.ProcessReaper.watchdogPid().orElseThrow() + " watchdog");
    System.out.println(
        "CLUSTER " + ((LocalPostgres) set.acquire(ServiceKind.POSTGRES)).directory());
    System.out.println("READY");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
