package dev.ballast.api.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.engine.ops.jobs.JobKind;
import dev.ballast.engine.ops.jobs.JobRun;
import dev.ballast.persistence.ops.Readiness;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hourly health-check job asks what /health/ready asks besides the scheduler: the database,
 * the read-side slices, the journal write probe and the read-side lag per projection; one of them
 * not up fails the run with its name and reason.
 */
class HealthCheckJobTest {
  @TempDir static Path dir;
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "ballast.jobs.polling-interval = 100ms\n");
    assertEquals(201, server.post("/api/accounts", Map.of("id", "paper", "name", "Paper", "kind", "EXCHANGE", "provider", "paper",
        "currency", "USD")).status());
    server.awaitReadSide();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static JsonNode runs() {
    return server.get("/api/jobs/health-check").body().path("runs");
  }

  @Test
  void aRunOnAHealthyServerNamesTheJournalProbeAndTheReadSideLag() {
    // the run asks the same components as readiness: wait until readiness shows each of them up
    Eventually.await(Duration.ofSeconds(60), () -> {
      boolean journal = false;
      boolean lag = false;
      for (JsonNode c : server.get("/health/ready").body().path("components")) {
        String name = c.path("name").asText();
        if ((name.startsWith("read-side ") || name.equals("journal write")) && !c.path("status").asText().equals("UP")) {
          return false;
        }
        journal |= name.equals("journal write");
        lag |= name.startsWith("read-side lag ");
      }
      return journal && lag;
    }, () -> server.get("/health/ready").body().toString());
    assertEquals(202, server.post("/api/jobs/health-check/run", Map.of()).status());
    Eventually.await(Duration.ofSeconds(60), () -> runs().size() == 1 && !runs().get(0).path("outcome").asText().equals("RUNNING"),
        () -> runs().toString());
    JsonNode run = runs().get(0);
    assertEquals("SUCCEEDED", run.path("outcome").asText(), run.toString());
    String message = run.path("message").asText();
    assertTrue(message.startsWith("all ") && message.contains(" components up: database, "), message);
    assertTrue(message.contains("journal write"), message);
    assertTrue(message.contains("read-side lag "), message);
  }

  @Test
  void aDownJournalProbeOrALaggingProjectionFailsTheRunNamingIt() {
    Readiness readiness = new Readiness(server.server().database(), server.server().readSide(), () -> true, Duration.ofSeconds(5))
        .with(() -> List.of(new Readiness.Component("journal write", Readiness.Status.DOWN, "no event stored within 3000 ms")))
        .with(() -> List.of(new Readiness.Component("read-side lag ledger", Readiness.Status.DEGRADED,
            "12 events behind, the oldest written 90000 ms ago")));
    JobRun run = new JobRun("health-check@2026-01-01T00:00:00Z", "health-check", JobKind.HEALTH_CHECK,
        Instant.parse("2026-01-01T00:00:00Z"), 1);
    IllegalStateException failed = assertThrows(IllegalStateException.class, () -> JobsSetup.healthCheck(readiness).run(run));
    assertTrue(failed.getMessage().contains("journal write DOWN: no event stored within 3000 ms"), failed.getMessage());
    assertTrue(failed.getMessage().contains("read-side lag ledger DEGRADED: 12 events behind"), failed.getMessage());
  }
}
