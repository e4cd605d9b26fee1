package dev.ballast.api.http.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.TestDatabases;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan on a real server with an account in another currency than the portfolio's (its lots'
 * costs at the stored rate of the day each was opened, its cash at today's; the configured rate
 * where none is stored), and {@code POST /api/portfolios/{portfolio}/plan} handing the plan to the
 * strategy, whose dry run journals it as a proposal.
 */
class PlanSendTest {
  @TempDir Path dir;
  private TestServer server;
  static final Instant MARCH = Instant.parse("2024-03-01T00:00:00Z");

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir, database(), "ballast.trading.fx { EUR { JPY = 160 } }",
        Clock.fixed(Instant.parse("2024-04-01T12:00:00Z"), ZoneOffset.UTC));
  }

  /** H2 here; {@link PostgresPlanSendTest} runs the same on PostgreSQL. */
  dev.ballast.persistence.db.DatabaseSettings database() {
    return TestDatabases.h2(dir.resolve("db"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void ok(TestServer.Reply reply) {
    assertTrue(reply.status() < 300, reply.status() + " " + reply.body());
  }

  private void account(String id, String currency, List<Object> transactions) {
    assertEquals(201, server.post("/api/accounts", Map.of("id", id, "name", id, "kind", "BROKER", "currency", currency)).status());
    ok(server.post("/api/accounts/" + id + "/transactions", Map.of("transactions", transactions)));
    assertEquals(200, server.post("/api/portfolios/main/accounts", Map.of("accountId", id)).status());
  }

  /** A JPY portfolio with a USD account holding 10 PLANU bought at 50 USD when USD/JPY was 140, now 60 USD at 150. */
  private void usdPortfolio() {
    ok(server.post("/api/assets", Map.of("id", "PLANU", "assetClass", "FUND", "quoteCurrency", "USD")));
    ok(server.post("/api/assets", Map.of("id", "USD", "assetClass", "CASH", "quoteCurrency", "JPY")));
    assertEquals(201, server.post("/api/portfolios", Map.of("id", "main", "name", "Main", "baseCurrency", "JPY")).status());
    account("us", "USD", List.of(dev.ballast.engine.Fixtures.deposit(MARCH, "us-d", "1000", "USD"),
        dev.ballast.engine.Fixtures.buy(MARCH.plusSeconds(60), "us-b", "10", "PLANU", "50", "USD")));
    assertEquals(201, server.post("/api/prices/USD/manual", Map.of("date", "2024-03-01", "price", new BigDecimal("140"))).status());
    assertEquals(201, server.post("/api/prices/USD/manual", Map.of("date", "2024-04-01", "price", new BigDecimal("150"))).status());
    assertEquals(201, server.post("/api/prices/PLANU/manual", Map.of("date", "2024-04-01", "price", new BigDecimal("60"))).status());
    ok(server.put("/api/portfolios/main/target", Map.of("kind", "ASSET", "targets", List.of(
        Map.of("key", "PLANU", "weightPercent", new BigDecimal("50")), Map.of("key", "JPY", "weightPercent", new BigDecimal("50"))))));
    server.awaitReadSide();
  }

  @Test
  void anAccountInDollarsIsPlannedInYenAtTheRatesOfItsDays() {
    usdPortfolio();

    // cash 500 USD x 150 = 75000; 10 PLANU x 60 x 150 = 90000; total 165000, half is 82500: 7500 JPY = 0.8333... PLANU to sell
    // at 9000 JPY each, rounded down to the default 8 decimals; its cost 50 USD x 140 = 7000 JPY per unit, gain 2000 per unit
    TestServer.Reply reply = server.get("/api/portfolios/main/plan");
    assertEquals(200, reply.status(), reply.body().toString());
    JsonNode plan = reply.body();
    assertEquals(0, new BigDecimal("165000").compareTo(plan.path("totalValue").decimalValue()), plan.toString());
    JsonNode sell = plan.path("orders").get(0);
    assertEquals("SELL", sell.path("side").asText(), plan.toString());
    assertEquals(0, new BigDecimal("0.83333333").compareTo(sell.path("quantity").decimalValue()), plan.toString());
    assertEquals(0, new BigDecimal("1666.66666").compareTo(sell.path("realizedGain").path("amount").decimalValue()), plan.toString());
  }

  @Test
  void aRateNeitherStoredNorConfiguredIsAConflictNamingThePairAndTheDay() {
    ok(server.post("/api/assets", Map.of("id", "PLANX", "assetClass", "FUND", "quoteCurrency", "JPY")));
    assertEquals(201, server.post("/api/portfolios", Map.of("id", "main", "name", "Main", "baseCurrency", "JPY")).status());
    account("ch", "CHF", List.of(dev.ballast.engine.Fixtures.deposit(MARCH, "ch-d", "100", "CHF")));
    assertEquals(201, server.post("/api/prices/PLANX/manual", Map.of("date", "2024-04-01", "price", new BigDecimal("1000"))).status());
    ok(server.put("/api/portfolios/main/target", Map.of("kind", "ASSET", "targets", List.of(
        Map.of("key", "PLANX", "weightPercent", new BigDecimal("50")), Map.of("key", "JPY", "weightPercent", new BigDecimal("50"))))));
    server.awaitReadSide();

    TestServer.Reply reply = server.get("/api/portfolios/main/plan");
    assertEquals(409, reply.status(), reply.body().toString());
    assertTrue(reply.body().toString().contains("no CHF/JPY rate on or before 2024-04-01"), reply.body().toString());
  }

  @Test
  void theConfiguredRateCountsCashWhereNoneIsStored() {
    ok(server.post("/api/assets", Map.of("id", "PLANX", "assetClass", "FUND", "quoteCurrency", "JPY")));
    assertEquals(201, server.post("/api/portfolios", Map.of("id", "main", "name", "Main", "baseCurrency", "JPY")).status());
    account("eu", "EUR", List.of(dev.ballast.engine.Fixtures.deposit(MARCH, "eu-d", "100", "EUR")));
    assertEquals(201, server.post("/api/prices/PLANX/manual", Map.of("date", "2024-04-01", "price", new BigDecimal("1000"))).status());
    ok(server.put("/api/portfolios/main/target", Map.of("kind", "ASSET", "targets", List.of(
        Map.of("key", "PLANX", "weightPercent", new BigDecimal("50")), Map.of("key", "JPY", "weightPercent", new BigDecimal("50"))))));
    server.awaitReadSide();

    // 100 EUR x 160 (ballast.trading.fx) = 16000 JPY; half buys 8 PLANX
    JsonNode plan = server.get("/api/portfolios/main/plan").body();
    assertEquals(0, new BigDecimal("16000").compareTo(plan.path("totalValue").decimalValue()), plan.toString());
    assertEquals(0, new BigDecimal("8").compareTo(plan.path("orders").get(0).path("quantity").decimalValue()), plan.toString());
  }

  @Test
  void postingThePlanHandsItToTheStrategyWhoseDryRunKeepsItAProposal() {
    usdPortfolio();
    TestServer.Reply none = server.post("/api/portfolios/main/plan", Map.of());
    assertEquals(409, none.status(), none.body().toString());
    assertTrue(none.body().toString().contains("has no strategy"), none.body().toString());

    ok(server.put("/api/strategies/main", Map.of("mode", "DRY_RUN", "absoluteBandPercent", 5,
        "minTradeValue", Map.of("amount", 1000, "currency", "JPY"), "feeEstimateBps", 0, "cashBuffer", Map.of("amount", 0, "currency", "JPY"),
        "rules", List.of(Map.of("asset", "PLANU", "account", "us", "instrument", "PLANU/USD", "lotStep", 0.00000001, "minQuantity", 0)))));
    TestServer.Reply sent = server.post("/api/portfolios/main/plan", Map.of());
    assertEquals(200, sent.status(), sent.body().toString());
    JsonNode d = sent.body();
    assertEquals("main:1", d.path("decisionId").asText(), d.toString());
    assertEquals("DRY_RUN", d.path("mode").asText());
    assertEquals(false, d.path("sent").asBoolean(true));
    JsonNode intent = d.path("intents").get(0);
    assertEquals("PLANU/USD", intent.path("instrument").path("base").asText() + "/" + intent.path("instrument").path("quote").asText(), d.toString());
    assertEquals(0, new BigDecimal("0.83333333").compareTo(intent.path("quantity").decimalValue()), d.toString());
    assertTrue(d.path("notes").get(0).asText().startsWith("main:1/1 SELL 0.83333333 PLANU in us"), d.toString());

    // in dollars on its instrument: 9000 JPY / 150
    assertEquals(0, new BigDecimal("60").compareTo(intent.path("referencePrice").path("value").decimalValue()), d.toString());
    JsonNode strategy = server.get("/api/strategies/main").body();
    assertEquals(1, strategy.path("decisions").asInt(), strategy.toString());

    // the CLI sends the same way: the next decision, still a proposal
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int exit = dev.ballast.api.Main.run(new java.io.PrintWriter(out), new java.io.PrintWriter(err), "plan", "--portfolio", "main", "--send",
        "--url", "http://127.0.0.1:" + server.server().port(), "--data", server.dataDir().toString());
    assertEquals(0, exit, err.toString());
    assertTrue(out.toString().contains("decision main:2 (DRY_RUN): a proposal, nothing sent"), out.toString());
    assertTrue(out.toString().contains("main:2/1 SELL 0.83333333 PLANU in us"), out.toString());
    assertEquals(2, server.get("/api/strategies/main").body().path("decisions").asInt());
  }
}
