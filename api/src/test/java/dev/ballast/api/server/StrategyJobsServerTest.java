package dev.ballast.api.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dca and strategy-checks jobs on a server: a run checks the strategy with its run id as the check's key (issue 14). */
class StrategyJobsServerTest {
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "ballast.jobs.polling-interval = 100ms\n");
    DcaServerFixture.paperPortfolioAllInBtc(server);
    assertEquals(200, server.put("/api/strategies/main", DcaServerFixture.weeklyDca()).status());
    DcaServerFixture.quoteBtc(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode lastRun(String job) {
    JsonNode runs = server.get("/api/jobs/" + job).body().path("runs");
    return runs.size() == 0 ? null : runs.get(0);
  }

  private static JsonNode awaitRun(String job, int count) {
    Eventually.await(Duration.ofSeconds(30), () -> {
      JsonNode runs = server.get("/api/jobs/" + job).body().path("runs");
      return runs.size() == count && !runs.get(0).path("outcome").asText().equals("RUNNING");
    }, () -> server.get("/api/jobs/" + job).body().toString());
    return lastRun(job);
  }

  @Test
  void theDcaJobDecidesWithItsRunIdAndTheMomentumJobLeavesADcaStrategyAlone() {
    assertEquals(202, server.post("/api/jobs/dca/run", Map.of()).status());
    JsonNode run = awaitRun("dca", 1);
    assertEquals("SUCCEEDED", run.path("outcome").asText(), run.toString());
    assertEquals("1 decided, 0 decided by an earlier try of this run, 0 not this job's", run.path("message").asText());
    JsonNode strategy = server.get("/api/strategies/main").body();
    assertEquals(1, strategy.path("decisions").asInt(), strategy.toString());
    assertEquals("main:1", strategy.path("jobRuns").path(run.path("runId").asText()).asText(), strategy.toString());

    assertEquals(202, server.post("/api/jobs/momentum-signal/run", Map.of()).status());
    JsonNode momentum = awaitRun("momentum-signal", 1);
    assertEquals("0 decided, 0 decided by an earlier try of this run, 1 not this job's", momentum.path("message").asText(), momentum.toString());
    assertEquals(1, server.get("/api/strategies/main").body().path("decisions").asInt());
    assertTrue(server.get("/api/jobs/dca").body().path("job").path("handled").asBoolean());
  }
}
