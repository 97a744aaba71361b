/**
 * The plan of a run, decided before it starts: profiles, the seeded variant order of each block,
 * and each experiment's {@link dev.djbench.plan.ExperimentPlan} with its stopping rule; the deal of
 * experiments to shards; the timeline a distributed run's injectors keep to ({@link
 * dev.djbench.plan.InjectTimeline}).
 *
 * <p>May import: scenario.
 */
package dev.djbench.plan;
