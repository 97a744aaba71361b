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
 * @param ownServer whether it runs on a server of its own even where another variant has the same
 *     app and deployment: true for the two sides of a gate, which are two revisions (and for an A/A
 *     calibration of one revision, which must see the difference between two server processes that
 *     a gate sees); false in a suite, where two pages of one app share its server
 */
public record Variant(
    String name, AppSpec app, RequestSpec request, Deployment deployment, boolean ownServer) {

  /** A variant that shares a server with any other of the same app and deployment. */
  public Variant(String name, AppSpec app, RequestSpec request, Deployment deployment) {
    this(name, app, request, deployment, false);
  }

  /** The same variant running another checkout of the app, on a server of its own. */
  public Variant withApp(AppSpec other) {
    return new Variant(name, other, request, deployment, true);
  }
}
