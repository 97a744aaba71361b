package dev.djbench.scenario;

/**
 * One side of a comparison.
 *
 * @param name the variant's name in the scenario ({@code naive}, {@code optimized}, {@code workers=2}…)
 * @param request the request its trials send
 * @param deployment how the app is deployed for it
 */
public record Variant(String name, RequestSpec request, Deployment deployment) {}
