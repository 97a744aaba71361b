package dev.djbench.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text of a first scenario for a project, as {@code djbench init} writes it: its pages, each an
 * experiment of one request, and a gate on server time and queries. The same file runs as a page
 * suite ({@code djbench run}) and as a gate between two revisions ({@code djbench gate}).
 */
public final class ScenarioDraft {

  private ScenarioDraft() {}

  /**
   * @param suite the suite's name
   * @param appPath the project's folder, relative to where the scenario is written
   * @param settingsModule the settings module found in manage.py, written down for the reader
   * @param paths the pages, {@code /books/} and the like; at least one
   * @param schemaPath djbench's {@code schema/scenario.schema.json}, relative to where the scenario
   *     is written, for editors that check and complete the file
   */
  public static String render(
      String suite, String appPath, String settingsModule, List<String> paths, String schemaPath) {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("a scenario needs at least one page");
    }
    StringBuilder yaml = new StringBuilder();
    yaml.append("# yaml-language-server: $schema=").append(schemaPath).append('\n');
    yaml.append("# A first scenario for ")
        .append(suite)
        .append(", written by djbench init. Edit freely: docs are in djbench's README.\n")
        .append(
            "# djbench runs the project through a settings overlay on its own database (never the one\n")
        .append("# ")
        .append(settingsModule)
        .append(" names), migrates it, and seeds it with seed_command when there is one.\n")
        .append("suite: ")
        .append(quote(suite))
        .append("\napp:\n  path: ")
        .append(quote(appPath))
        .append(
            "\n  # seed_command: \"loaddata my-fixture.json\"   # a management command and its arguments\n")
        .append(
            "\n# What `djbench gate` checks: server p50 at this machine's calibrated threshold\n")
        .append("# (`djbench calibrate`; 5% without one) and queries per request at 5%.\n")
        .append("gate:\n  server_p50: auto\n  queries: 5%\n\nexperiments:\n");
    List<String> ids = new ArrayList<>();
    for (String path : paths) {
      String id = idOf(path, ids);
      ids.add(id);
      yaml.append("  - {id: ")
          .append(id)
          .append(", request: ")
          .append(quote("GET " + path))
          .append("}\n");
    }
    return yaml.toString();
  }

  /** {@code /books/} is {@code books}, {@code /} is {@code home}; unique among {@code taken}. */
  static String idOf(String path, List<String> taken) {
    String id =
        path.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (id.isEmpty()) {
      id = "home";
    }
    String unique = id;
    for (int i = 2; taken.contains(unique); i++) {
      unique = id + "-" + i;
    }
    return unique;
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
