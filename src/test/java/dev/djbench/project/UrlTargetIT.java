package dev.djbench.project;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.results.ExperimentResult;
import dev.djbench.results.ResultsIO;
import dev.djbench.results.RunResult;
import dev.djbench.results.TrialResult;
import dev.djbench.sut.process.Ports;
import dev.djbench.testsupport.Processes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code app: {url: …}}: a deployment djbench did not start — here the bookshop under a Gunicorn
 * the test starts itself, as its owner would run it — measured as it is: client latency, no migrate
 * or seed (its database is left byte for byte), no restart (the same server throughout); and a host
 * off loopback refused before any request.
 */
class UrlTargetIT {

  @Test
  void aDeploymentAtALoopbackUrlIsMeasuredAsItIsAndNeverTouched(@TempDir Path dir)
      throws Exception {
    Path project = Projects.copy("bookshop", dir.resolve("bookshop"));
    Projects.manage(project, "migrate", "--noinput");
    Projects.manage(project, "populate", "--books", "5");
    byte[] before = Projects.sha256(project.resolve("db.sqlite3"));
    int port = Ports.freeLoopbackPort();
    Process server = Projects.gunicorn(project, port, dir.resolve("gunicorn.log"));
    try {
      Projects.awaitUp(
          URI.create("http://127.0.0.1:" + port + "/books/"), dir.resolve("gunicorn.log"));
      Path scenario = Projects.listsAtUrl(dir, port, 20);
      assertEquals(0, Projects.runSmoke(scenario, dir.resolve("reports"), "--seed", "2"));
      RunResult run = ResultsIO.read(Projects.onlyRun(dir.resolve("reports")));
      ExperimentResult lists = run.experiments().get(0);
      assertEquals("measured", lists.status().word(), lists.reason());
      assertEquals(
          "http://127.0.0.1:" + port + " (a deployment djbench did not start)",
          run.machine().versions().get("target"));
      for (var v : lists.variants()) {
        assertEquals("http://127.0.0.1:" + port, v.deployment(), "the report shows the host");
      }
      for (TrialResult t : lists.trials()) {
        assertTrue(t.valid(), t.invalidReasons().toString());
        assertEquals(Map.of("200", t.counts().completed()), t.statusCounts());
        assertTrue(t.distribution("clientLatencyMicros").count() > 0);
        // No probe there: server time is not reported, never 0.
        assertEquals(t.counts().completed(), t.counts().missingServerTiming());
      }
      assertEquals(0, lists.serverRestarts());
      assertTrue(server.isAlive(), "djbench stopped a server it did not start");
      assertArrayEquals(
          before, Projects.sha256(project.resolve("db.sqlite3")), "the deployment's data changed");
    } finally {
      Projects.stop(server);
    }
    assertEquals(List.of(), Processes.mentioning(dir.toString()));
  }

  @Test
  void aHostOffLoopbackIsRefusedWithExit2BeforeAnyRequest(@TempDir Path dir) throws Exception {
    // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never anyone's server.
    Path scenario = dir.resolve("remote.yaml");
    Files.writeString(
        scenario,
        """
        suite: staging
        app: {url: "http://192.0.2.10:8000"}
        experiments:
          - {id: home, request: GET /}
        """);
    PrintStream saved = System.err;
    var err = new ByteArrayOutputStream();
    int exit;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit = Projects.runSmoke(scenario, dir.resolve("reports"));
    } finally {
      System.setErr(saved);
    }
    String message = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, exit, message);
    assertTrue(
        message.contains(
            "app.url http://192.0.2.10:8000 is not on this machine's loopback: djbench loads a"
                + " remote host only when it is named with --allow-remote 192.0.2.10"),
        message);
    assertTrue(Files.notExists(dir.resolve("reports")), "refused before a run folder was made");
  }
}
