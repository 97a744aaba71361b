package dev.djbench.scenario;

/**
 * One side of a comparison.
 *
 * @param name the variant's name in the scenario ({@code naive}, {@code optimized}, {@code
 *     workers=2}…)
 * @param app the Django project it runs (the suite's app, or for a gate the baseline's or
 *     candidate's checkout)
 * @param request the request its trials send
 * @param deployment how the app is deployed for it
 */
public record Variant(String name, AppSpec app, RequestSpec request, Deployment deployment) {

  /** The same variant running another checkout of the app. */
  public Variant withApp(AppSpec other) {
    return new Variant(name, other, request, deployment);
  }
}
