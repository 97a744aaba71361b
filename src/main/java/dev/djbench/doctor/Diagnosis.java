package dev.djbench.doctor;

import java.util.ArrayList;
import java.util.List;

/** Turns what was measured of a page into what the doctor says of it. */
public final class Diagnosis {

  private Diagnosis() {}

  /**
   * @param experiment the experiment's id
   * @param page the page's name
   * @param request the request, as {@code GET /books/}
   * @param seed what was measured on the scenario's seed
   * @param larger what was measured on the larger seed; null when it was not
   * @param growthNotMeasured why growth was not measured, when {@code larger} is null
   * @param scale how much larger the larger seed is
   * @param seedText the seed's arguments
   * @param largerSeedText the larger seed's arguments
   * @param load the cost of its repeated groups under load; null when not measured
   */
  public static PageDiagnosis of(
      String experiment,
      String page,
      String request,
      PageEvidence seed,
      PageEvidence larger,
      String growthNotMeasured,
      double scale,
      String seedText,
      String largerSeedText,
      LoadCost load) {
    List<String> problems = new ArrayList<>();
    if (!seed.problem().isEmpty()) {
      problems.add(seed.problem());
    }
    if (larger != null && !larger.problem().isEmpty()) {
      problems.add("on the larger seed: " + larger.problem());
    }
    RequestTrace trace = seed.representative();
    RequestTrace largerTrace = larger == null ? null : larger.representative();
    if (trace != null && seed.status() / 100 != 2) {
      problems.add(
          "answered "
              + seed.status()
              + ", not 2xx: the queries are those of that answer, not of the page itself"
              + (seed.status() == 302 || seed.status() == 301
                  ? " (a page behind a login? give its experiment 'login: USERNAME')"
                  : ""));
    }
    Double serverMicros =
        seed.serverMicros().length == 0 ? null : Rules.round(Rules.median(seed.serverMicros()));
    List<Finding> findings =
        trace == null
            ? List.of()
            : Rules.findings(
                QueryGroup.of(trace),
                largerTrace == null ? null : QueryGroup.of(largerTrace),
                serverMicros,
                scale);
    Growth growth;
    if (larger == null) {
      growth = Growth.notMeasured(growthNotMeasured, scale, seedText);
    } else if (trace == null || largerTrace == null) {
      growth = Growth.notMeasured("a seed size has no traced request", scale, seedText);
    } else {
      growth =
          Rules.growth(
              scale,
              seedText,
              largerSeedText,
              seed.queriesPerRequest(),
              larger.queriesPerRequest(),
              seed.rowsPerRequest(),
              larger.rowsPerRequest(),
              seed.serverMicros(),
              larger.serverMicros());
    }
    return new PageDiagnosis(
        experiment,
        page,
        request,
        seed.status(),
        trace == null ? null : seed.queriesPerRequest(),
        serverMicros,
        share(seed.dbMicros(), seed.serverMicros()),
        share(seed.templateMicros(), seed.serverMicros()),
        findings,
        growth,
        load,
        String.join("; ", problems));
  }

  private static Double share(double[] part, double[] whole) {
    if (part.length == 0 || part.length != whole.length) {
      return null;
    }
    double p = 0;
    double w = 0;
    for (int i = 0; i < part.length; i++) {
      p += part[i];
      w += whole[i];
    }
    return w > 0 ? Rules.round4(p / w) : null;
  }
}
