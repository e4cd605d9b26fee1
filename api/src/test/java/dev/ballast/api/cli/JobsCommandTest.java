package dev.ballast.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.Main;
import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ballast jobs list|run|pause|resume|schedule} and /api/jobs against a real server on loopback. */
class JobsCommandTest {
  @TempDir static Path dir;
  private static TestServer server;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "ballast.auth.bcrypt-cost = 4\nballast.jobs.polling-interval = 100ms\n");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Run jobs(String... args) {
    List<String> all = new ArrayList<>(List.of("jobs"));
    all.addAll(List.of(args));
    all.addAll(List.of("--url", "http://127.0.0.1:" + server.server().port(), "--data", server.dataDir().toString()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  private static JsonNode job(String name) {
    TestServer.Reply r = server.get("/api/jobs/" + name);
    assertEquals(200, r.status(), r.body().toString());
    return r.body();
  }

  @Test
  void listShowsEveryJobWithItsConfiguredScheduleAndNextRun() {
    Run list = jobs("list");
    assertEquals(0, list.exit(), list.err());
    for (String name : List.of("market-data-refresh", "strategy-checks", "momentum-signal", "dca", "portfolio-snapshots", "account-sync",
        "health-check")) {
      assertTrue(list.out().contains(name), list.out());
    }
    JsonNode all = server.get("/api/jobs").body().path("jobs");
    JsonNode strategy = StreamSupport.stream(all.spliterator(), false).filter(j -> j.path("name").asText().equals("strategy-checks"))
        .findFirst().orElseThrow();
    assertEquals("cron:0 0 9 * * *", strategy.path("schedule").asText());
    assertEquals("UTC", strategy.path("zone").asText());
    assertTrue(strategy.path("nextRun").asText().endsWith("T09:00:00Z"), strategy.toString());
  }

  @Test
  void pauseResumeRescheduleAndRunNow() {
    Run paused = jobs("pause", "health-check");
    assertEquals(0, paused.exit(), paused.err());
    assertTrue(job("health-check").path("job").path("paused").asBoolean());

    Run schedule = jobs("schedule", "health-check", "cron:0 15 7 * * *", "--zone", "Asia/Tokyo");
    assertEquals(0, schedule.exit(), schedule.err());
    JsonNode status = job("health-check").path("job");
    assertEquals("cron:0 15 7 * * *", status.path("schedule").asText());
    assertEquals("Asia/Tokyo", status.path("zone").asText());
    // 07:15 in Tokyo is 22:15 UTC
    assertTrue(status.path("nextRun").asText().endsWith("T22:15:00Z"), status.toString());

    // the health check fails while a read-side slice is troubled (on a loaded machine one may still be restarting after
    // its first query timed out): wait until readiness, which asks the same, shows every slice up
    // and lists a read-side lag component (those appear once a slice has started on this node, which may be after the
    // server answers)
    Eventually.await(Duration.ofSeconds(60), () -> {
      boolean lag = false;
      boolean journal = false;
      for (JsonNode c : server.get("/health/ready").body().path("components")) {
        // the job asks the read-side slices, the read-side lag and the journal write probe as readiness does
        String name = c.path("name").asText();
        if ((name.startsWith("read-side ") || name.equals("journal write")) && !c.path("status").asText().equals("UP")) {
          return false;
        }
        lag |= name.startsWith("read-side lag ");
        journal |= name.equals("journal write");
      }
      return lag && journal;
    }, () -> server.get("/health/ready").body().toString());
    // a run asked for runs even while the job is paused
    Run run = jobs("run", "health-check");
    assertEquals(0, run.exit(), run.err());
    Eventually.await(Duration.ofSeconds(30), () -> {
      JsonNode runs = job("health-check").path("runs");
      return runs.size() == 1 && runs.get(0).path("outcome").asText().equals("SUCCEEDED");
    }, () -> job("health-check").toString());
    JsonNode first = job("health-check").path("runs").get(0);
    String message = first.path("message").asText();
    assertTrue(message.startsWith("all ") && message.contains(" components up: database, ") && message.contains("journal write")
        && message.contains("read-side lag "), message);
    assertTrue(first.path("runId").asText().startsWith("health-check@"), first.toString());

    Run resumed = jobs("resume", "health-check");
    assertEquals(0, resumed.exit(), resumed.err());
    assertEquals(false, job("health-check").path("job").path("paused").asBoolean());
  }

  @Test
  void readinessListsTheDatabaseAndTheScheduler() {
    TestServer.Reply ready = server.get("/health/ready");
    assertEquals(200, ready.status(), ready.body().toString());
    assertEquals("ready", ready.body().path("status").asText());
    JsonNode components = ready.body().path("components");
    assertEquals("database", components.get(0).path("name").asText());
    assertEquals("UP", components.get(0).path("status").asText());
    JsonNode scheduler = null;
    for (JsonNode c : components) {
      scheduler = c.path("name").asText().equals("scheduler") ? c : scheduler;
    }
    assertTrue(scheduler != null, components.toString());
    assertEquals("UP", scheduler.path("status").asText());
    assertEquals(200, server.get("/health").status(), "liveness as before");
  }

  private static JsonNode component(JsonNode ready, String name) {
    for (JsonNode c : ready.path("components")) {
      if (c.path("name").asText().equals(name)) {
        return c;
      }
    }
    return null;
  }

  @Test
  void readinessProbesAJournalWriteAndGivesEachProjectionsLag() {
    assertEquals(201, server.post("/api/accounts", Map.of("id", "lag-probe", "name", "Lag probe", "kind", "EXCHANGE", "provider", "paper",
        "currency", "JPY")).status());
    server.awaitReadSide();
    JsonNode ready = server.get("/health/ready").body();
    JsonNode journal = component(ready, "journal write");
    assertTrue(journal != null, ready.toString());
    assertEquals("UP", journal.path("status").asText(), journal.toString());
    assertTrue(journal.path("reason").asText().startsWith("an event stored in "), journal.toString());
    // every accounts slice has committed what the journal holds: nothing behind
    JsonNode lag = component(ready, "read-side lag accounts");
    assertTrue(lag != null, ready.toString());
    assertEquals("UP", lag.path("status").asText(), lag.toString());
    assertEquals("caught up", lag.path("reason").asText(), lag.toString());
  }

  @Test
  void unknownJobsAndBadSchedulesAreRefused() {
    assertEquals(404, server.get("/api/jobs/no-such-job").status());
    assertEquals(404, server.post("/api/jobs/no-such-job/run", Map.of()).status());
    TestServer.Reply bad = server.put("/api/jobs/dca/schedule", Map.of("schedule", "cron:0 9 * *"));
    assertEquals(400, bad.status(), bad.body().toString());
    assertTrue(bad.body().toString().contains("six fields"), bad.body().toString());
    TestServer.Reply zone = server.put("/api/jobs/dca/schedule", Map.of("schedule", "every:2h", "zone", "Mars/Olympus"));
    assertEquals(400, zone.status(), zone.body().toString());
    assertEquals("cron:0 0 10 * * *", job("dca").path("job").path("schedule").asText(), "a refused change leaves the schedule");
  }
}
