package dev.ballast.api.ws;

import static dev.ballast.api.ws.WsClient.type;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.server.TestServer;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Price;
import dev.ballast.persistence.testing.TestDatabases;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A paper rebalance seen over /ws: a client subscribed to the portfolio's decisions and the
 * account's orders gets the decision and the order with its fill. A client keeps the latest update
 * per topic and key, so the test waits for one that shows what it asserts, not for every event.
 */
class TradingLiveUpdatesTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final InstrumentId BTC = InstrumentId.of("BTC", "JPY");
  @TempDir Path dir;
  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void decisionsAndOrdersWithTheirFillsReachASubscribedClient() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "ballast.trading.paper.latency = 0s\n");
    assertEquals(201, server.post("/api/accounts", Map.of("id", "paper", "name", "Paper", "kind", "EXCHANGE", "provider", "paper",
        "currency", "JPY")).status());
    Map<String, Object> cash = Map.of("type", "DEPOSIT", "timestamp", "2026-01-04T00:00:00Z", "asset", "JPY", "quantity", 1000000,
        "source", "test", "externalId", "d0");
    Map<String, Object> buy = Map.of("type", "BUY", "timestamp", "2026-01-06T00:00:00Z", "asset", "BTC", "quantity", 0.06,
        "price", Map.of("value", 10000000, "currency", "JPY"), "source", "test", "externalId", "b1");
    assertEquals(201, server.post("/api/accounts/paper/transactions", Map.of("transactions", List.of(cash, buy))).status());
    assertEquals(201, server.post("/api/portfolios", Map.of("id", "main", "name", "Main", "baseCurrency", "JPY")).status());
    assertEquals(200, server.post("/api/portfolios/main/accounts", Map.of("accountId", "paper")).status());
    assertEquals(200, server.put("/api/portfolios/main/target", Map.of("kind", "ASSET", "targets",
        List.of(Map.of("key", "BTC", "weightPercent", 50), Map.of("key", "JPY", "weightPercent", 50)))).status());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("mode", "PAPER");
    body.put("absoluteBandPercent", 5);
    body.put("minTradeValue", Map.of("amount", 1000, "currency", "JPY"));
    body.put("rules", List.of(Map.of("asset", "BTC", "account", "paper", "instrument", "BTC/JPY", "lotStep", 0.0001)));
    body.put("risk", Map.of("maxOrderValue", Map.of("amount", 1000000, "currency", "JPY"),
        "maxDailyTurnover", Map.of("amount", 5000000, "currency", "JPY"), "priceBandBps", 100, "maxPriceAge", "PT60S"));
    assertEquals(200, server.put("/api/strategies/main", body).status());

    URI ws = URI.create(server.uri("/ws").toString().replaceFirst("^http", "ws"));
    try (WsClient client = new WsClient(ws, server.token())) {
      client.next(WAIT, type("welcome"));
      client.send("{\"type\":\"subscribe\",\"topic\":\"decisions\",\"key\":\"main\"}");
      client.next(WAIT, type("subscribed"));
      client.send("{\"type\":\"subscribe\",\"topic\":\"orders\",\"key\":\"paper\"}");
      client.next(WAIT, type("subscribed"));

      server.server().trading().onQuote(new Quote(BTC, Price.of("15000000", "JPY"), Price.of("15000000", "JPY"),
          Price.of("15000000", "JPY"), Instant.now()));
      JsonNode decision = server.post("/api/strategies/main/check", Map.of()).body();
      String intent = decision.path("plan").path("intents").get(0).path("intentId").asText();

      JsonNode decided = client.next(WAIT, m -> type("update").test(m) && "decisions".equals(m.path("topic").asText())
          && "main:1".equals(m.at("/data/data/decisionId").asText()));
      assertEquals("main", decided.path("key").asText());
      JsonNode filled = client.next(WAIT, m -> type("update").test(m) && "orders".equals(m.path("topic").asText())
          && "FILLED".equals(m.at("/data/order/status").asText()));
      assertEquals("paper", filled.path("key").asText());
      assertEquals(intent, filled.at("/data/order/intentId").asText());
      assertEquals(1, filled.at("/data/order/fillIds").size(), filled.toString());
    }
  }
}
