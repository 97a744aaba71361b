package dev.djbench.scenario;

import java.util.List;
import java.util.Map;

/**
 * One experiment: two or more variants measured in interleaved blocks, every variant compared with
 * the first; or, with {@code pages}, one or more pages of the app each measured on its own, with no
 * equivalence check and no comparison (a benchmark of the pages as they are).
 *
 * @param id unique in the suite, {@code [a-z0-9-]+}
 * @param technique what is compared, in words
 * @param claim what the article (or the user) claims, shown beside the measurement; may be empty
 * @param needs components the experiment requires (postgres, redis, memcached, nginx, celery…)
 * @param seed options of the app's {@code seed} command ({@code authors: 50} → {@code --authors
 *     50})
 * @param load how load is applied
 * @param equivalence how variants must agree before timing
 * @param reset a request sent before every trial (and before the equivalence check) to put the app
 *     back in its seeded state — for experiments that write; empty for none
 * @param variants the variants, baseline first; at least two
 * @param capacity for a capacity experiment, the objective and the range of rates searched; empty
 *     otherwise
 * @param pages whether the variants are pages measured each on its own rather than compared
 * @param login the user every request is logged in as (created in djbench's database, its session
 *     cookie sent with each request); empty for anonymous requests
 */
public record Experiment(
    String id,
    String technique,
    String claim,
    List<String> needs,
    Map<String, String> seed,
    LoadSettings load,
    Equivalence equivalence,
    java.util.Optional<RequestSpec> reset,
    List<Variant> variants,
    java.util.Optional<CapacitySpec> capacity,
    boolean pages,
    java.util.Optional<String> login) {

  public Experiment {
    needs = List.copyOf(needs);
    seed = Map.copyOf(seed);
    variants = List.copyOf(variants);
    if (variants.size() < (pages ? 1 : 2)) {
      throw new IllegalArgumentException(
          (pages ? "a page suite needs a page, " : "a comparison needs at least two variants, ")
              + id
              + " has "
              + variants.size());
    }
  }

  /** This experiment with other variants, compared ({@code pages} false) or measured each alone. */
  public Experiment withVariants(List<Variant> newVariants, boolean asPages) {
    return new Experiment(
        id,
        technique,
        claim,
        needs,
        seed,
        load,
        equivalence,
        reset,
        newVariants,
        capacity,
        asPages,
        login);
  }

  /** The variant every other one is compared with. */
  public Variant baseline() {
    return variants.get(0);
  }
}
