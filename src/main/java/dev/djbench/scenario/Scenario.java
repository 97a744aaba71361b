package dev.djbench.scenario;

import java.nio.file.Path;
import java.util.List;

/**
 * A suite of experiments, read from one YAML file and fully resolved: every default applied, every value checked.
 *
 * @param file the file it was read from
 * @param suite the suite's name
 * @param app the Django project under test
 * @param experiments the experiments, in file order
 */
public record Scenario(Path file, String suite, AppSpec app, List<Experiment> experiments) {
  public Scenario {
    experiments = List.copyOf(experiments);
  }
}
