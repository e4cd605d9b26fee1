package dev.ballast.api.web;

import static dev.ballast.api.web.BrowserSession.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.server.TestServer;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Price;
import dev.ballast.persistence.testing.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The dashboard's strategy, intents and orders panels in a real browser (Debian's headless Chromium)
 * against the real server: a decision, its intent with the risk gate's verdict and its order's
 * status, the order and its fill with the slippage from the trading read side, a new decision,
 * intent and order arriving live over /ws, "Check now" for a trader and not for a viewer. Skipped only where Chromium is absent and CI is not set.
 */
class TradingPanelsBrowserTest {
  private static final InstrumentId BTC = InstrumentId.of("BTC", "JPY");

  @TempDir static Path dir;
  @RegisterExtension static final BrowserSession session = new BrowserSession();
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = session.start(dir, """
        ballast.trading.paper.latency = 0s
        """);
    ok(201, server.post("/api/accounts", Map.of("id", "paper", "name", "Paper", "kind", "EXCHANGE", "provider", "paper", "currency", "JPY")));
    ok(201, server.post("/api/accounts/paper/transactions", """
        {"transactions": [
          {"type": "DEPOSIT", "timestamp": "2026-01-05T00:00:00Z", "asset": "JPY", "quantity": 1000000, "source": "t", "externalId": "1"},
          {"type": "BUY", "timestamp": "2026-01-06T00:00:00Z", "asset": "BTC", "quantity": 0.06,
           "price": {"value": 10000000, "currency": "JPY"}, "source": "t", "externalId": "2"}]}
        """));
    ok(201, server.post("/api/portfolios", Map.of("id", "main", "name", "Main", "baseCurrency", "JPY")));
    ok(200, server.post("/api/portfolios/main/accounts", Map.of("accountId", "paper")));
    ok(200, server.put("/api/portfolios/main/target", Map.of("kind", "ASSET", "targets",
        List.of(Map.of("key", "BTC", "weightPercent", 50), Map.of("key", "JPY", "weightPercent", 50)))));
    Map<String, Object> strategy = new LinkedHashMap<>();
    strategy.put("mode", "PAPER");
    strategy.put("absoluteBandPercent", 5);
    strategy.put("minTradeValue", Map.of("amount", 1000, "currency", "JPY"));
    strategy.put("feeEstimateBps", 10);
    strategy.put("rules", List.of(Map.of("asset", "BTC", "account", "paper", "instrument", "BTC/JPY", "lotStep", 0.0001)));
    strategy.put("risk", Map.of("maxOrderValue", Map.of("amount", 1000000, "currency", "JPY"),
        "maxDailyTurnover", Map.of("amount", 5000000, "currency", "JPY"), "priceBandBps", 100, "maxPriceAge", "PT60S"));
    ok(200, server.put("/api/strategies/main", strategy));
    session.users("tina:trader", "vic:viewer");
    // BTC from 10M to 15M: out of its band, the check sells once on the paper venue
    price("15000000");
    JsonNode decision = server.post("/api/strategies/main/check", Map.of()).body();
    assertEquals(1, decision.path("plan").path("intents").size(), decision.toString());
    awaitFilledOrders(1);
    server.awaitReadSide();
  }

  private static void price(String value) {
    Price p = Price.of(value, "JPY");
    server.server().trading().onQuote(new Quote(BTC, p, p, p, Instant.now()));
  }

  private static void awaitFilledOrders(int n) {
    Eventually.await(Duration.ofSeconds(20), () -> {
      int filled = 0;
      for (JsonNode o : server.get("/api/orders/paper").body().path("orders")) {
        filled += o.path("status").asText().equals("FILLED") ? 1 : 0;
      }
      return filled == n;
    }, () -> "orders: " + server.get("/api/orders/paper").body());
  }

  @Test
  void aTraderSeesTheDecisionItsOrderAndFillAndNewOnesArriveLive(Browser page) {
    WebDriver browser = page.driver();
    page.logIn("tina");
    page.waiting().until(d -> page.rowOf("decisions-table", "main:1").contains("PAPER"));
    assertTrue(page.rowOf("decisions-table", "main:1").contains("1 passed, 0 rejected"), page.rowOf("decisions-table", "main:1"));
    page.waiting().until(d -> page.rows("orders-table").size() == 1);
    assertTrue(page.rows("orders-table").get(0).contains("FILLED"), page.rows("orders-table").toString());
    assertTrue(page.rows("orders-table").get(0).contains("SELL"), page.rows("orders-table").toString());
    List<String> fills = page.rows("fills-table");
    assertEquals(1, fills.size(), fills.toString());
    assertTrue(fills.get(0).contains("bps") && fills.get(0).contains("15000000 JPY") && fills.get(0).contains("paper"), fills.get(0));
    // the decision's one intent with the risk gate's verdict and the order it became
    page.waiting().until(d -> page.rows("intents-table").size() == 1 && page.rows("intents-table").get(0).contains("FILLED"));
    assertIntent(page.rows("intents-table").get(0), "main:1");
    // the updates below are published once: wait until the server holds the page's subscriptions to them
    page.awaitSubscribed("decisions:main");
    page.awaitSubscribed("orders:paper");

    // the price moves again and a check elsewhere (the API) sells again: the decision, its order and its fill arrive over /ws
    price("20000000");
    JsonNode decision = server.post("/api/strategies/main/check", Map.of()).body();
    assertEquals("main:2", decision.path("decisionId").asText(), decision.toString());
    assertEquals(1, decision.path("plan").path("intents").size(), decision.toString());
    page.waiting().until(d -> page.rowOf("decisions-table", "main:2").contains("PAPER"));
    page.waiting().until(d -> page.rows("orders-table").size() == 2 && page.rows("orders-table").get(0).contains("FILLED"));
    page.waiting().until(d -> page.rows("fills-table").size() == 2);
    assertTrue(page.rows("fills-table").get(0).contains("20000000 JPY") && page.rows("fills-table").get(0).contains("bps"),
        "the new fill with its intended price and slippage: " + page.rows("fills-table"));
    // the new intent arrives with its verdict and its order's status through the decision's and the order's events
    page.waiting().until(d -> page.rows("intents-table").size() == 2 && page.rows("intents-table").get(0).contains("main:2")
        && page.rows("intents-table").get(0).contains("FILLED"));
    assertIntent(page.rows("intents-table").get(0), "main:2");
    assertIntent(page.rows("intents-table").get(1), "main:1");
    page.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("intents-caption"), "Intents (2)"));

    // "Check now" from the page: the reply's decision is shown at once
    browser.findElement(By.id("strategy-check")).click();
    page.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("strategy-check-note"), "decided main:3"));
    assertTrue(page.rowOf("decisions-table", "main:3").contains("PAPER"), page.rows("decisions-table").toString());
  }

  @Test
  void aViewerSeesTheDecisionsButCannotCheck(Browser page) {
    WebDriver browser = page.driver();
    page.logIn("vic");
    page.waiting().until(d -> page.rowOf("decisions-table", "main:1").contains("PAPER"));
    page.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("strategy-summary")));
    assertTrue(browser.findElement(By.id("strategy-summary")).getText().contains("mode PAPER"),
        browser.findElement(By.id("strategy-summary")).getText());
    assertTrue(browser.findElements(By.id("strategy-check")).isEmpty(), "a viewer has no Check now");
    page.waiting().until(d -> !page.rows("intents-table").isEmpty() && page.rows("intents-table").get(page.rows("intents-table").size() - 1).contains("main:1"));
    assertIntent(page.rows("intents-table").get(page.rows("intents-table").size() - 1), "main:1");
  }

  /** An intent of the paper strategy's decision: a sell of BTC/JPY on the paper account that the risk gate passed and that filled. */
  private static void assertIntent(String row, String decision) {
    for (String part : List.of(decision, "paper", "BTC/JPY", "SELL", "passed", "FILLED")) {
      assertTrue(row.contains(part), "intent row without " + part + ": " + row);
    }
  }
}
