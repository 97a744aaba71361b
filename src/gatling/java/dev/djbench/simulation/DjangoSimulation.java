package dev.djbench.simulation;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.djbench.load.ActiveTrial;
import dev.djbench.load.PoissonSchedule;
import dev.djbench.load.TrialSpec;
import dev.djbench.measure.TrialRecorder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one generic simulation: one request shape per arrival stream, each stream sent at an
 * open-model arrival rate. A trial of one variant has one stream; when the variants of a block are
 * measured together each has its own stream, base URL and recorder, offset so that the streams'
 * requests alternate.
 *
 * <p>Each virtual user sends exactly one request, so arrivals follow the schedule whatever the
 * server does and a slow server cannot slow the load down (no coordinated omission). The status
 * check only saves the status: whether it is an error is the harness's decision, and every
 * response, good or bad, is recorded.
 */
public class DjangoSimulation extends Simulation {

  private static final String START = "djbench.start";
  private static final String STATUS = "djbench.status";
  private static final String LATENCY = "djbench.latencyMillis";
  private static final String SERVER_TIMING = "djbench.serverTiming";
  private static final String EDGE_CACHE = "djbench.edgeCache";

  private final ActiveTrial trial = ActiveTrial.current();

  {
    List<PopulationBuilder> populations = new ArrayList<>();
    long longestNanos = 0;
    double longestTimeout = 0;
    for (ActiveTrial.Part part : trial.parts()) {
      populations.add(population(part));
      longestNanos =
          Math.max(longestNanos, part.offsetNanos() + Math.round(part.spec().totalSeconds() * 1e9));
      longestTimeout = Math.max(longestTimeout, part.spec().requestTimeoutSeconds());
    }
    setUp(populations)
        // Requests still open this long after the last arrival are abandoned and reported as
        // unfinished.
        .maxDuration(Duration.ofNanos(longestNanos).plus(seconds(longestTimeout + 1)));
  }

  private PopulationBuilder population(ActiveTrial.Part part) {
    TrialSpec spec = part.spec();
    TrialRecorder recorder = part.recorder();
    HttpProtocolBuilder protocol =
        http.baseUrl(spec.baseUrl().toString())
            .disableWarmUp()
            .disableCaching()
            .disableFollowRedirect()
            .userAgentHeader("djbench")
            .acceptEncodingHeader("gzip")
            .headers(spec.headers());
    if (spec.keepAlive()) {
      // One pool of kept-alive connections for every virtual user of the stream (Connections).
      protocol = protocol.shareConnections();
    }

    HttpRequestActionBuilder request =
        http(spec.name())
            .httpRequest(spec.method(), spec.path())
            .requestTimeout(Duration.ofMillis(Math.round(spec.requestTimeoutSeconds() * 1000)))
            .check(
                status().saveAs(STATUS),
                responseTimeInMillis().saveAs(LATENCY),
                header("Server-Timing").optional().saveAs(SERVER_TIMING),
                header("X-Cache-Status").optional().saveAs(EDGE_CACHE));
    if (!spec.body().isEmpty()) {
      request = request.body(io.gatling.javaapi.core.CoreDsl.StringBody(spec.body()));
    }

    ScenarioBuilder scenario =
        scenario(spec.name())
            .exec(session -> session.set(START, recorder.onStart()))
            .exec(request)
            .exec(session -> record(recorder, session));

    List<OpenInjectionStep> steps = new ArrayList<>();
    if (part.offsetNanos() > 0) {
      steps.add(nothingFor(Duration.ofNanos(part.offsetNanos())));
    }
    if (spec.poisson()) {
      // The block's own draw of arrivals, the same for every variant of the block (common random
      // numbers, see PoissonSchedule): one user after each gap.
      List<Long> gaps =
          PoissonSchedule.gapsNanos(spec.arrivalSeed(), spec.ratePerSecond(), spec.totalSeconds());
      for (long gap : gaps) {
        steps.add(nothingFor(Duration.ofNanos(gap)));
        steps.add(atOnceUsers(1));
      }
      if (gaps.isEmpty()) {
        // No arrival fell within the trial: it lasts as long, with nobody sent.
        steps.add(nothingFor(seconds(spec.totalSeconds())));
      }
    } else {
      steps.add(constantUsersPerSec(spec.ratePerSecond()).during(seconds(spec.totalSeconds())));
    }
    return scenario.injectOpen(steps).protocols(protocol);
  }

  private static Session record(TrialRecorder recorder, Session session) {
    // The request's end on the same monotonic clock as its start: the client latency to the
    // microsecond, where Gatling's own value counts whole milliseconds.
    long end = System.nanoTime();
    long start = session.getLong(START);
    if (session.contains(STATUS) && session.contains(LATENCY)) {
      int status = session.getInt(STATUS);
      String serverTiming =
          session.contains(SERVER_TIMING) ? session.getString(SERVER_TIMING) : null;
      // nginx's proxy_cache replays the stored Server-Timing header of the response it cached: on a
      // hit the app did no work, so that header must not be counted as this request's server time.
      boolean edgeHit = session.contains(EDGE_CACHE) && "HIT".equals(session.getString(EDGE_CACHE));
      recorder.onResponse(
          start,
          end,
          session.getLong(LATENCY),
          status,
          edgeHit ? null : serverTiming,
          status >= 400,
          edgeHit);
    } else {
      recorder.onFailure(start, "no HTTP response (connection refused, reset or timed out)");
    }
    return session;
  }

  private static Duration seconds(double seconds) {
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }
}
