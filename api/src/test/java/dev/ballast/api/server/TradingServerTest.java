package dev.ballast.api.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.Main;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Price;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trading pipeline end to end on a server with H2: a price that moves BTC out of its band makes
 * the strategy sell on the simulated venue, the fill lands in the ledger and the portfolio is back
 * in its band; a dry run sends nothing; the kill switch stops new orders and survives a restart;
 * the decision replays identically with {@code audit explain} and {@code audit verify} is clean.
 */
class TradingServerTest {
  private static final InstrumentId BTC = InstrumentId.of("BTC", "JPY");
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "ballast.trading.paper.latency = 0s\n");
    assertEquals(201, server.post("/api/accounts", Map.of("id", "paper", "name", "Paper", "kind", "EXCHANGE", "provider", "paper",
        "currency", "JPY")).status());
    Map<String, Object> deposit = Map.of("type", "DEPOSIT", "timestamp", "2026-01-05T00:00:00Z", "asset", "JPY", "quantity", 400000,
        "source", "test", "externalId", "d1");
    Map<String, Object> buy = Map.of("type", "BUY", "timestamp", "2026-01-06T00:00:00Z", "asset", "BTC", "quantity", 0.06,
        "price", Map.of("value", 10000000, "currency", "JPY"), "source", "test", "externalId", "b1");
    Map<String, Object> cash = Map.of("type", "DEPOSIT", "timestamp", "2026-01-04T00:00:00Z", "asset", "JPY", "quantity", 600000,
        "source", "test", "externalId", "d0");
    var recorded = server.post("/api/accounts/paper/transactions", Map.of("transactions", List.of(cash, deposit, buy)));
    assertEquals(201, recorded.status(), String.valueOf(recorded.body()));
    assertEquals(201, server.post("/api/portfolios", Map.of("id", "main", "name", "Main", "baseCurrency", "JPY")).status());
    assertEquals(200, server.post("/api/portfolios/main/accounts", Map.of("accountId", "paper")).status());
    assertEquals(200, server.put("/api/portfolios/main/target", Map.of("kind", "ASSET", "targets",
        List.of(Map.of("key", "BTC", "weightPercent", 50), Map.of("key", "JPY", "weightPercent", 50)))).status());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Map<String, Object> strategy(String mode) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("mode", mode);
    body.put("absoluteBandPercent", 5);
    body.put("minTradeValue", Map.of("amount", 1000, "currency", "JPY"));
    body.put("feeEstimateBps", 10);
    body.put("rules", List.of(Map.of("asset", "BTC", "account", "paper", "instrument", "BTC/JPY", "lotStep", 0.0001)));
    body.put("risk", Map.of("maxOrderValue", Map.of("amount", 1000000, "currency", "JPY"),
        "maxDailyTurnover", Map.of("amount", 5000000, "currency", "JPY"), "priceBandBps", 100, "maxPriceAge", "PT60S"));
    return body;
  }

  private void price(String value) {
    server.server().trading().onQuote(new Quote(BTC, Price.of(value, "JPY"), Price.of(value, "JPY"), Price.of(value, "JPY"), Instant.now()));
  }

  private JsonNode orders() {
    return server.get("/api/orders/paper").body().path("orders");
  }

  private void awaitOrders(int filled) {
    Eventually.await(Duration.ofSeconds(10), () -> {
      JsonNode orders = orders();
      int n = 0;
      for (JsonNode o : orders) {
        n += o.path("status").asText().equals("FILLED") && o.path("fillIds").size() > 0 ? 1 : 0;
      }
      return n == filled && server.get("/api/accounts/paper/transactions").status() == 200;
    }, () -> "orders: " + orders());
  }

  private record Run(int exit, String out, String err) {}

  private Run cli(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      return new Run(Main.run(args), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  private BigDecimal btcInLedger() {
    server.awaitReadSide();
    for (JsonNode p : server.get("/api/accounts/paper/positions").body()) {
      if (p.path("asset").asText().equals("BTC")) {
        return new BigDecimal(p.path("quantity").asText());
      }
    }
    return BigDecimal.ZERO;
  }

  @Test
  void aDriftIsRebalancedOnThePaperVenueIntoTheLedgerAndExplainedAfterwards() throws Exception {
    assertEquals(200, server.put("/api/strategies/main", strategy("PAPER")).status());
    // BTC from 10M to 15M: 900,000 of 1,300,000 is 69% against 50%
    price("15000000");

    JsonNode decision = server.post("/api/strategies/main/check", Map.of()).body();
    assertEquals("main:1", decision.path("decisionId").asText(), decision.toString());
    JsonNode intents = decision.path("plan").path("intents");
    assertEquals(1, intents.size(), decision.toString());
    assertEquals("SELL", intents.get(0).path("side").asText());
    awaitOrders(1);

    // sold 0.0166 at 15M less 5 bps of slippage: the ledger has the fill once, the portfolio is inside its band
    BigDecimal left = btcInLedger();
    assertEquals(0, left.compareTo(new BigDecimal("0.06").subtract(new BigDecimal(intents.get(0).path("quantity").asText()))), left.toString());
    // the owner hears of it: a rebalance-needed alert names the asset outside its band
    Eventually.await(Duration.ofSeconds(10), () -> server.get("/api/alerts?open=true").body().toString().contains("REBALANCE_NEEDED"),
        () -> "alerts: " + server.get("/api/alerts?open=true").body());
    JsonNode alert = null;
    for (JsonNode a : server.get("/api/alerts?open=true").body().path("alerts")) {
      alert = a.path("type").asText().equals("REBALANCE_NEEDED") ? a : alert;
    }
    assertTrue(alert.toString().contains("portfolio main") && alert.path("message").asText().contains("BTC 69"), alert.toString());
    JsonNode again = server.post("/api/strategies/main/check", Map.of()).body();
    assertEquals(0, again.path("plan").path("intents").size(), again.toString());
    assertTrue(again.path("plan").path("drift").findValues("outsideBand").stream().noneMatch(JsonNode::asBoolean), again.toString());
    server.awaitReadSide();
    JsonNode page = server.get("/api/strategies/main/decisions?limit=1").body();
    assertEquals("main:2", page.path("decisions").get(0).path("decided").path("decisionId").asText(), page.toString());
    assertEquals(2, page.path("total").asInt(), page.toString());
    assertEquals(1, page.path("decisions").size(), page.toString());
    assertEquals("main:1", server.get("/api/strategies/main/decisions?offset=1").body().path("decisions").get(0).path("decisionId").asText());

    // the read side: the order and its fill with the intended price, the fill price and the slippage
    JsonNode fills = server.get("/api/strategies/main/fills").body();
    assertEquals(1, fills.path("total").asInt(), fills.toString());
    JsonNode fill = fills.path("fills").get(0);
    BigDecimal intended = new BigDecimal(fill.path("intendedPrice").asText());
    BigDecimal got = new BigDecimal(fill.path("fillPrice").asText());
    assertEquals(0, intended.compareTo(new BigDecimal(intents.get(0).path("referencePrice").path("value").asText())), fill.toString());
    assertTrue(got.compareTo(intended) < 0, "a sell filled below its intended price: " + fill);
    BigDecimal bps = intended.subtract(got).multiply(BigDecimal.valueOf(10000)).divide(intended, 8, java.math.RoundingMode.HALF_EVEN);
    assertEquals(0, bps.compareTo(new BigDecimal(fill.path("slippageBps").asText()).setScale(8, java.math.RoundingMode.HALF_EVEN)), fill.toString());
    assertEquals("paper", fill.path("venue").asText());
    assertEquals("paper", fill.path("accountId").asText());
    assertEquals("main:1", fill.path("decisionId").asText());
    assertEquals(fill, server.get("/api/orders/paper/fills").body().path("fills").get(0), "the same fill by account");
    JsonNode history = server.get("/api/orders/paper/history").body();
    assertEquals(1, history.path("total").asInt(), history.toString());
    assertEquals("FILLED", history.path("orders").get(0).path("status").asText(), history.toString());
    // the intents: main:2 planned none, so main:1's sell is the only one, passed, and the order it became filled
    JsonNode intentPage = server.get("/api/strategies/main/intents").body();
    assertEquals(1, intentPage.path("total").asInt(), intentPage.toString());
    JsonNode intent = intentPage.path("intents").get(0);
    assertEquals(intents.get(0).path("intentId").asText(), intent.path("intentId").asText(), intent.toString());
    assertEquals(intents.get(0), intent.path("intent"), "the intent as journaled");
    assertEquals("main:1", intent.path("decisionId").asText());
    assertEquals("PASSED", intent.path("verdict").asText(), intent.toString());
    assertEquals("FILLED", intent.path("orderStatus").asText(), intent.toString());
    assertEquals(0, new BigDecimal(intent.path("filledQuantity").asText()).compareTo(new BigDecimal(intents.get(0).path("quantity").asText())));
    assertEquals(history.path("orders").get(0).path("clientOrderId").asText(), intent.path("clientOrderId").asText(), history.toString());
    assertEquals(0, server.get("/api/strategies/main/intents?offset=1").body().path("intents").size());
    assertEquals(400, server.get("/api/strategies/main/intents?limit=0").status());
    assertEquals(1, server.get("/api/strategies/main/orders").body().path("total").asInt());
    String tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
    assertEquals(0, server.get("/api/strategies/main/orders?from=" + tomorrow).body().path("total").asInt());
    assertEquals(1, server.get("/api/strategies/main/fills?to=" + tomorrow).body().path("total").asInt());
    var bad = server.get("/api/strategies/main/fills?from=yesterday");
    assertEquals(400, bad.status());
    assertEquals("from", bad.body().path("errors").get(0).path("field").asText(), bad.body().toString());

    server.stop();
    Run explain = cli("audit", "explain", "main:1", "--data", server.dataDir().toString());
    assertEquals(0, explain.exit(), explain.out() + explain.err());
    assertTrue(explain.out().contains("identical"), explain.out());
    Run verify = cli("audit", "verify", "--data", server.dataDir().toString());
    assertEquals(0, verify.exit(), verify.out() + verify.err());
    Run unknown = cli("audit", "explain", "main:9", "--data", server.dataDir().toString());
    assertEquals(1, unknown.exit());
    assertTrue(unknown.err().contains("no decision main:9"), unknown.err());
    server.startAgain();
  }

  @Test
  void aDryRunDecidesAndSendsNothing() {
    var live = server.put("/api/strategies/main", strategy("LIVE"));
    assertEquals(400, live.status());
    assertEquals("mode", live.body().path("errors").get(0).path("field").asText(), live.body().toString());
    assertEquals(200, server.put("/api/strategies/main", strategy("DRY_RUN")).status());
    price("15000000");

    JsonNode decision = server.post("/api/strategies/main/check", Map.of()).body();

    assertEquals(1, decision.path("plan").path("intents").size(), decision.toString());
    assertEquals(0, orders().size());
    assertEquals(0, btcInLedger().compareTo(new BigDecimal("0.06")));
    JsonNode intent = server.get("/api/strategies/main/intents").body().path("intents").get(0);
    assertEquals("NOT_SCREENED", intent.path("verdict").asText(), intent.toString());
    assertEquals("DRY_RUN", intent.path("mode").asText(), intent.toString());
  }

  @Test
  void theKillSwitchStopsNewOrdersAndSurvivesARestart() throws Exception {
    assertEquals(200, server.put("/api/strategies/main", strategy("PAPER")).status());
    String url = "http://127.0.0.1:" + server.server().port();
    Run engage = cli("kill-switch", "engage", "--reason", "venue outage", "--url", url, "--token", server.token());
    assertEquals(0, engage.exit(), engage.out() + engage.err());
    price("15000000");

    JsonNode decision = server.post("/api/strategies/main/check", Map.of()).body();
    assertEquals(1, decision.path("plan").path("intents").size(), decision.toString());
    Eventually.await(Duration.ofSeconds(10), () -> {
      // the read side follows the journal: until it has the screening, the decision or its screening is absent
      JsonNode d = server.get("/api/strategies/main/decisions").body().path("decisions").path(0);
      return d.path("screened").path("rejected").size() == 1;
    }, () -> server.get("/api/strategies/main/decisions").body().toString());
    JsonNode rejected = server.get("/api/strategies/main/decisions").body().path("decisions").get(0).path("screened").path("rejected").get(0);
    assertEquals("KILL_SWITCH", rejected.path("check").asText());
    assertEquals(0, orders().size());
    server.awaitReadSide();
    JsonNode intent = server.get("/api/strategies/main/intents").body().path("intents").get(0);
    assertEquals("REJECTED", intent.path("verdict").asText(), intent.toString());
    assertEquals("KILL_SWITCH", intent.path("rejectedBy").asText(), intent.toString());
    assertEquals(rejected.path("reason").asText(), intent.path("rejectionReason").asText());
    assertTrue(intent.path("orderStatus").isNull(), intent.toString());

    server.stop();
    server.startAgain();
    Run status = cli("kill-switch", "status", "--url", "http://127.0.0.1:" + server.server().port(), "--token", server.token());
    assertEquals(0, status.exit(), status.out() + status.err());
    assertTrue(status.out().startsWith("ENGAGED by cli"), status.out());
    assertTrue(status.out().contains("venue outage"), status.out());
    Run reset = cli("kill-switch", "reset", "--url", "http://127.0.0.1:" + server.server().port(), "--token", server.token());
    assertTrue(reset.out().contains("kill switch reset"), reset.out());
  }
}
