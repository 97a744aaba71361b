package dev.djbench.cli;

import dev.djbench.sut.ProviderChoice;
import dev.djbench.sut.process.CpuLayout;
import dev.djbench.sut.services.ServiceKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options that place the system under test: where backing services come from, and which CPUs it
 * uses.
 */
final class ServiceOptions {

  @Option(
      names = "--services",
      paramLabel = "auto|local|docker|external",
      defaultValue = "auto",
      description =
          "where services come from: auto (native binaries, else Docker, else the experiment is skipped), "
              + "local, docker (containers, the app too: built from its Dockerfile), external "
              + "(default: ${DEFAULT-VALUE})")
  String services;

  @Option(
      names = "--service-url",
      paramLabel = "KIND=URL",
      description =
          "a service you run yourself, e.g. postgres=postgres://user:pw@host:5432/db, "
              + "redis=redis://host:6379, memcached=memcached://host:11211 (repeatable)")
  List<String> urls = new ArrayList<>();

  @Option(
      names = "--cpu-layout",
      paramLabel = "auto|split|shared",
      defaultValue = "auto",
      description =
          "CPUs of the app server and the load generator: split (disjoint, via taskset), shared, or auto "
              + "(split from 4 CPUs up) (default: ${DEFAULT-VALUE})")
  String cpuLayout;

  CpuLayout.Choice cpuLayout() throws BadInputException {
    CpuLayout.Choice choice;
    try {
      choice = CpuLayout.Choice.valueOf(cpuLayout.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(
          "--cpu-layout '" + cpuLayout + "': expected auto, split or shared");
    }
    try {
      CpuLayout.choose(choice, CpuLayout.available());
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    return choice;
  }

  ProviderChoice choice() throws BadInputException {
    try {
      return ProviderChoice.parse(services);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
  }

  Map<ServiceKind, String> urls() throws BadInputException {
    Map<ServiceKind, String> out = new EnumMap<>(ServiceKind.class);
    for (String entry : urls) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new BadInputException(
            "--service-url '" + entry + "': expected KIND=URL, e.g. redis=redis://127.0.0.1:6379");
      }
      try {
        out.put(ServiceKind.fromYamlName(entry.substring(0, eq)), entry.substring(eq + 1));
      } catch (IllegalArgumentException e) {
        throw new BadInputException("--service-url '" + entry + "': " + e.getMessage());
      }
    }
    return out;
  }
}
