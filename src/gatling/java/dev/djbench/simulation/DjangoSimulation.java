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

  /**
   * A one-slot box, set before each request: {@link #UNREAD} until the response hook fills it with
   * the instant the response had been read.
   */
  private static final String END = "djbench.end";

  private static final long UNREAD = Long.MIN_VALUE;

  private static final String STATUS = "djbench.status";
  private static final String LATENCY = "djbench.latencyMillis";
  private static final String SERVER_TIMING = "djbench.serverTiming";
  private static final String EDGE_CACHE = "djbench.edgeCache";

  /** How far ahead of its instant a user of an anchored timeline is injected (then pauses). */
  private static final long EARLY_NANOS = 300_000_000L;

  /**
   * How long before an anchored timeline's start {@link #before()} lets Gatling begin: its time 0,
   * from which the streams' offsets count. Gatling begins injecting some time after the hook
   * returns; {@link #EARLY_NANOS} covers that.
   */
  private static final long HANDOFF_NANOS = 1_000_000_000L;

  private final ActiveTrial trial = ActiveTrial.current();

  private final long handoff = Math.min(HANDOFF_NANOS, trial.leadNanos());

  /**
   * For an anchored timeline, waits until {@link #handoff} before its start: Gatling's time 0 is
   * then close to that instant, however long this JVM took to set the simulation up (on a busy
   * machine, several hundred milliseconds).
   */
  @Override
  public void before() {
    if (trial.anchorNanos() == ActiveTrial.UNANCHORED) {
      return;
    }
    long until = trial.anchorNanos() - handoff;
    try {
      for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
        Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  {
    List<PopulationBuilder> populations = new ArrayList<>();
    long longestNanos = 0;
    double longestTimeout = 0;
    // A timeline fixed in advance (djbench inject) starts at its anchor: before() holds Gatling
    // until HANDOFF_NANOS ahead of it, and that wait is added to every stream's offset.
    long lead = handoff;
    for (ActiveTrial.Part part : trial.parts()) {
      populations.add(population(part, lead, trial.anchorNanos()));
      longestNanos =
          Math.max(
              longestNanos,
              lead + part.offsetNanos() + Math.round(part.spec().totalSeconds() * 1e9));
      longestTimeout = Math.max(longestTimeout, part.spec().requestTimeoutSeconds());
    }
    setUp(populations)
        // Requests still open this long after the last arrival are abandoned and reported as
        // unfinished.
        .maxDuration(Duration.ofNanos(longestNanos).plus(seconds(longestTimeout + 1)));
  }

  private PopulationBuilder population(ActiveTrial.Part part, long leadNanos, long anchorNanos) {
    boolean anchored = anchorNanos != ActiveTrial.UNANCHORED;
    boolean explicitSchedule = anchored || !part.spec().share().whole();
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
                header("X-Cache-Status").optional().saveAs(EDGE_CACHE))
            // The response's end is stamped here, as soon as Gatling has read it and before its
            // checks run. Where the next action runs, 30-45 µs later at the median and up to 150 µs
            // later on a 2-core machine (docs/PERFORMANCE.md, "Client latency against C clients"),
            // the clock would count Gatling's own bookkeeping as the server's.
            .transformResponse(
                (response, session) -> {
                  session.<long[]>get(END)[0] = System.nanoTime();
                  return response;
                });
    if (!spec.body().isEmpty()) {
      request = request.body(io.gatling.javaapi.core.CoreDsl.StringBody(spec.body()));
    }

    ScenarioBuilder scenario = scenario(spec.name());
    long early = 0;
    if (anchored) {
      // Gatling starts its injection some tens of milliseconds after the simulation is set up, and
      // by how much varies: each user is injected EARLY_NANOS ahead of its arrival and pauses until
      // its instant on the anchored timeline, so that the parts of a distributed run, which set up
      // at different moments, still send together.
      long[] due = spec.arrivalOffsetsNanos();
      long base = anchorNanos + part.offsetNanos();
      java.util.concurrent.atomic.AtomicInteger next =
          new java.util.concurrent.atomic.AtomicInteger();
      scenario =
          scenario.pause(
              session -> {
                int k = Math.min(next.getAndIncrement(), Math.max(0, due.length - 1));
                long wait = due.length == 0 ? 0 : base + due[k] - System.nanoTime();
                return Duration.ofNanos(Math.max(0, wait));
              });
      early = Math.min(EARLY_NANOS, leadNanos + part.offsetNanos());
    }
    scenario =
        scenario
            .exec(session -> session.set(START, recorder.onStart()).set(END, new long[] {UNREAD}))
            .exec(request)
            .exec(session -> record(recorder, session));

    List<OpenInjectionStep> steps = new ArrayList<>();
    long offset = leadNanos + part.offsetNanos() - early;
    if (offset > 0) {
      steps.add(nothingFor(Duration.ofNanos(offset)));
    }
    if (explicitSchedule || !spec.share().whole()) {
      // A timeline fixed in advance, or one injector's share of a schedule several send together
      // (djbench inject --part I/N): the arrivals its recorder expects, one user at each.
      long at = 0;
      for (long due : spec.arrivalOffsetsNanos()) {
        steps.add(nothingFor(Duration.ofNanos(due - at)));
        steps.add(atOnceUsers(1));
        at = due;
      }
      long end = Math.round(spec.totalSeconds() * 1e9);
      if (end > at) {
        steps.add(nothingFor(Duration.ofNanos(end - at)));
      }
    } else if (spec.poisson()) {
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
    // The request's end on the same monotonic clock as its start, as its response was read (now,
    // when none came): the client latency to the microsecond, where Gatling's own value counts
    // whole milliseconds.
    long read = session.<long[]>get(END)[0];
    long end = read != UNREAD ? read : System.nanoTime();
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
