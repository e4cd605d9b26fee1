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

/** {@code GET /api/portfolios/{portfolio}/plan} on a real server: lots from the ledgers, the price from the store. */
class PlanRoutesTest {
  @TempDir Path dir;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("db")), "ballast.planner.venues.sbi { minimum-order = 100 }",
        Clock.fixed(Instant.parse("2024-04-01T12:00:00Z"), ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void account(String id, String wrapper) {
    Instant march = Instant.parse("2024-03-01T00:00:00Z");
    assertEquals(201, server.post("/api/accounts", Map.of("id", id, "name", id, "kind", "BROKER", "provider", "sbi", "currency", "JPY",
        "taxWrapper", wrapper)).status());
    TestServer.Reply recorded = server.post("/api/accounts/" + id + "/transactions", Map.of("transactions", List.of(
        dev.ballast.engine.Fixtures.deposit(march, id + "-d", "100000", "JPY"),
        dev.ballast.engine.Fixtures.buy(march.plusSeconds(60), id + "-b", "10", "PLANX", "1000", "JPY"))));
    assertTrue(recorded.status() < 300, recorded.body().toString());
    assertEquals(200, server.post("/api/portfolios/main/accounts", Map.of("accountId", id)).status());
  }

  private record Run(int exit, String out, String err) {}

  private Run cli(String... args) {
    java.io.PrintStream out = System.out;
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream e = new java.io.ByteArrayOutputStream();
    try {
      System.setOut(new java.io.PrintStream(o, true, java.nio.charset.StandardCharsets.UTF_8));
      System.setErr(new java.io.PrintStream(e, true, java.nio.charset.StandardCharsets.UTF_8));
      List<String> all = new java.util.ArrayList<>(List.of(args));
      all.addAll(List.of("--url", "http://127.0.0.1:" + server.server().port(), "--data", server.dataDir().toString()));
      int exit = dev.ballast.api.Main.run(all.toArray(String[]::new));
      return new Run(exit, o.toString(java.nio.charset.StandardCharsets.UTF_8), e.toString(java.nio.charset.StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void thePlanSellsTheNisaLotBeforeTheTaxedOneAndSendsNothing() {
    assertTrue(server.post("/api/assets", Map.of("id", "PLANX", "assetClass", "FUND", "quoteCurrency", "JPY")).status() < 300);
    assertEquals(201, server.post("/api/portfolios", Map.of("id", "main", "name", "Main", "baseCurrency", "JPY")).status());
    account("nisa", "NISA");
    account("spec", "SPECIFIC");
    assertEquals(201, server.post("/api/prices/PLANX/manual", Map.of("date", "2024-04-01", "price", new BigDecimal("2000"))).status());
    TestServer.Reply set = server.put("/api/portfolios/main/target", Map.of("kind", "ASSET", "targets", List.of(
        Map.of("key", "PLANX", "weightPercent", new BigDecimal("5")), Map.of("key", "JPY", "weightPercent", new BigDecimal("95")))));
    assertTrue(set.status() < 300, set.body().toString());
    server.awaitReadSide();

    // 2 x (90000 cash + 10 PLANX at 2000) = 220000; 5% = 11000, so 29000 = 14.5 PLANX go: the 10 of the
    // NISA lot untaxed, then 4.5 of the specific lot, gain 4.5 x 1000 = 4500, tax 4500 x 0.20315 = 914.175
    TestServer.Reply reply = server.get("/api/portfolios/main/plan");
    assertEquals(200, reply.status(), reply.body().toString());
    JsonNode plan = reply.body();
    assertEquals(0, new BigDecimal("220000").compareTo(plan.path("totalValue").decimalValue()), plan.toString());
    JsonNode orders = plan.path("orders");
    assertEquals(2, orders.size(), plan.toString());
    assertEquals("nisa", orders.get(0).path("account").asText(), plan.toString());
    assertEquals(0, new BigDecimal("10").compareTo(orders.get(0).path("quantity").decimalValue()), plan.toString());
    assertEquals(0, BigDecimal.ZERO.compareTo(orders.get(0).path("taxCost").path("amount").decimalValue()), plan.toString());
    assertEquals("spec", orders.get(1).path("account").asText());
    assertEquals(0, new BigDecimal("4.5").compareTo(orders.get(1).path("quantity").decimalValue()), plan.toString());
    assertEquals(0, new BigDecimal("914.175").compareTo(orders.get(1).path("taxCost").path("amount").decimalValue()), plan.toString());
    assertTrue(orders.get(1).path("reason").asText().contains("SPECIFIC"), plan.toString());

    // the CLI shows the same plan
    Run cli = cli("plan", "--portfolio", "main");
    assertEquals(0, cli.exit(), cli.err());
    assertTrue(cli.out().contains("plan of main on 2024-04-01, total 220000 JPY (a proposal: nothing sent)"), cli.out());
    assertTrue(cli.out().contains("SELL 10 PLANX in nisa: value 20000, fee 0, tax 0"), cli.out());
    assertTrue(cli.out().contains("SELL 4.5 PLANX in spec: value 9000, fee 0, tax 914.175"), cli.out());

    assertEquals(404, server.get("/api/portfolios/nowhere/plan").status());
  }

  @Test
  void aTargetPlacedInAnAccountIsBoughtThereAndTheSameAssetElsewhereIsSold() {
    assertTrue(server.post("/api/assets", Map.of("id", "PLANX", "assetClass", "FUND", "quoteCurrency", "JPY")).status() < 300);
    assertEquals(201, server.post("/api/portfolios", Map.of("id", "main", "name", "Main", "baseCurrency", "JPY")).status());
    account("nisa", "NISA");
    account("spec", "SPECIFIC");
    assertEquals(201, server.post("/api/prices/PLANX/manual", Map.of("date", "2024-04-01", "price", new BigDecimal("2000"))).status());
    // through the CLI: 10% of the portfolio in PLANX held in spec, the rest cash
    Run set = cli("portfolio", "target", "main", "PLANX@spec=10", "JPY=90");
    assertEquals(0, set.exit(), set.err() + set.out());
    assertEquals(2, cli("portfolio", "target", "main", "PLANX@=10", "JPY=90").exit());
    server.awaitReadSide();
    JsonNode shown = server.get("/api/portfolios/main").body();
    assertEquals("spec", shown.path("target").path("targets").path(0).path("account").asText(), shown.toString());

    // total 220000; PLANX in spec: 10% = 22000 less the 20000 held = 2000, 1 PLANX bought in spec (not in the untaxed nisa);
    // nisa's 10 PLANX have no target (the one there is is placed in spec), so they go: 20000, untaxed.
    // Unplaced, the same 10% would have sold 9 PLANX from nisa instead.
    TestServer.Reply reply = server.get("/api/portfolios/main/plan");
    assertEquals(200, reply.status(), reply.body().toString());
    JsonNode orders = reply.body().path("orders");
    assertEquals(2, orders.size(), reply.body().toString());
    assertEquals(List.of("nisa", "SELL", "10"), List.of(orders.get(0).path("account").asText(), orders.get(0).path("side").asText(),
        orders.get(0).path("quantity").decimalValue().stripTrailingZeros().toPlainString()));
    assertEquals(0, BigDecimal.ZERO.compareTo(orders.get(0).path("taxCost").path("amount").decimalValue()), reply.body().toString());
    assertEquals(List.of("spec", "BUY", "1"), List.of(orders.get(1).path("account").asText(), orders.get(1).path("side").asText(),
        orders.get(1).path("quantity").decimalValue().stripTrailingZeros().toPlainString()));
    assertTrue(orders.get(1).path("reason").asText().contains("held in spec (the target places it there)"), reply.body().toString());
    assertEquals(0, reply.body().path("dropped").size(), reply.body().toString());

    // a target placed in an account the portfolio does not have is refused, naming the field
    TestServer.Reply elsewhere = server.put("/api/portfolios/main/target", Map.of("kind", "ASSET", "targets", List.of(
        Map.of("key", "PLANX", "weightPercent", new BigDecimal("10"), "account", "elsewhere"),
        Map.of("key", "JPY", "weightPercent", new BigDecimal("90")))));
    assertEquals(400, elsewhere.status(), elsewhere.body().toString());
    assertTrue(elsewhere.body().toString().contains("targets[0].account"), elsewhere.body().toString());
  }
}
