package dev.djbench.simulation;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import dev.djbench.load.ActiveTrial;
import dev.djbench.load.TrialSpec;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link DjangoSimulation}'s arrivals and requests without any of djbench's recording: no start
 * time, no saved status, latency or header, no recorder call. Only {@code
 * bench/injector-overhead.sh} runs it, to tell what djbench's recording costs the injector.
 */
public class BareSimulation extends Simulation {

  {
    List<PopulationBuilder> populations = new ArrayList<>();
    long longestNanos = 0;
    for (ActiveTrial.Part part : ActiveTrial.current().parts()) {
      TrialSpec spec = part.spec();
      populations.add(
          scenario(spec.name())
              .exec(http(spec.name()).httpRequest(spec.method(), spec.path()))
              .injectOpen(
                  constantUsersPerSec(spec.ratePerSecond())
                      .during(Duration.ofSeconds(spec.totalSeconds())))
              .protocols(
                  http.baseUrl(spec.baseUrl().toString())
                      .disableWarmUp()
                      .disableCaching()
                      .disableFollowRedirect()));
      longestNanos = Math.max(longestNanos, Math.round(spec.totalSeconds() * 1e9));
    }
    setUp(populations).maxDuration(Duration.ofNanos(longestNanos).plusSeconds(11));
  }
}
