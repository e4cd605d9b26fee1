package dev.ballast.api.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Price;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dca and strategy-checks jobs on a server: a run checks the strategy with its run id as the check's key (issue 14). */
class StrategyJobsServerTest {
  private static final InstrumentId BTC = InstrumentId.of("BTC", "JPY");
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "ballast.jobs.polling-interval = 100ms\n");
    assertEquals(201, server.post("/api/accounts", Map.of("id", "paper", "name", "Paper", "kind", "EXCHANGE", "provider", "paper",
        "currency", "JPY")).status());
    Map<String, Object> deposit = Map.of("type", "DEPOSIT", "timestamp", "2026-01-05T00:00:00Z", "asset", "JPY", "quantity", 400000,
        "source", "test", "externalId", "d1");
    assertEquals(201, server.post("/api/accounts/paper/transactions", Map.of("transactions", List.of(deposit))).status());
    assertEquals(201, server.post("/api/portfolios", Map.of("id", "main", "name", "Main", "baseCurrency", "JPY")).status());
    assertEquals(200, server.post("/api/portfolios/main/accounts", Map.of("accountId", "paper")).status());
    assertEquals(200, server.put("/api/portfolios/main/target", Map.of("kind", "ASSET", "targets",
        List.of(Map.of("key", "BTC", "weightPercent", 100)))).status());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("policy", "dca");
    body.put("mode", "DRY_RUN");
    body.put("absoluteBandPercent", 5);
    body.put("minTradeValue", Map.of("amount", 1000, "currency", "JPY"));
    body.put("feeEstimateBps", 10);
    body.put("rules", List.of(Map.of("asset", "BTC", "account", "paper", "instrument", "BTC/JPY", "lotStep", 0.0001)));
    body.put("policySettings", Map.of("dca", Map.of("amount", Map.of("amount", 100000, "currency", "JPY"), "period", "P7D")));
    assertEquals(200, server.put("/api/strategies/main", body).status());
    server.server().trading().onQuote(new Quote(BTC, Price.of("10000000", "JPY"), Price.of("10000000", "JPY"), Price.of("10000000", "JPY"),
        Instant.now()));
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
