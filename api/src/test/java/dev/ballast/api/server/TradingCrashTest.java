package dev.ballast.api.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.engine.execution.VenueBook;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.Price;
import dev.ballast.persistence.db.DatabaseSettings;
import dev.ballast.persistence.execution.JdbcVenueBook;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.TestDatabases;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's actor system is stopped in the middle of an order and started again on the same
 * data: each intent becomes exactly one order at the simulated venue and one fill in the ledger, and
 * {@code audit verify} is clean. Once with the intent journaled and not yet at the venue (the venue's
 * latency outlasts the stop), once with the order filled at the venue and its fill not yet read by
 * the execution (its poll interval outlasts the stop).
 */
class TradingCrashTest {
  private static final InstrumentId BTC = InstrumentId.of("BTC", "JPY");
  @TempDir Path dir;
  private TestServer server;
  private DatabaseSettings db;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void start(String extra) throws Exception {
    db = TestDatabases.h2(dir.resolve("data"));
    server = TestServer.start(dir, db, extra);
    assertEquals(201, server.post("/api/accounts", Map.of("id", "paper", "name", "Paper", "kind", "EXCHANGE", "provider", "paper",
        "currency", "JPY")).status());
    Map<String, Object> cash = Map.of("type", "DEPOSIT", "timestamp", "2026-01-04T00:00:00Z", "asset", "JPY", "quantity", 1000000,
        "source", "test", "externalId", "d0");
    Map<String, Object> buy = Map.of("type", "BUY", "timestamp", "2026-01-06T00:00:00Z", "asset", "BTC", "quantity", 0.06,
        "price", Map.of("value", 10000000, "currency", "JPY"), "source", "test", "externalId", "b1");
    var recorded = server.post("/api/accounts/paper/transactions", Map.of("transactions", List.of(cash, buy)));
    assertEquals(201, recorded.status(), String.valueOf(recorded.body()));
    assertEquals(201, server.post("/api/portfolios", Map.of("id", "main", "name", "Main", "baseCurrency", "JPY")).status());
    assertEquals(200, server.post("/api/portfolios/main/accounts", Map.of("accountId", "paper")).status());
    assertEquals(200, server.put("/api/portfolios/main/target", Map.of("kind", "ASSET", "targets",
        List.of(Map.of("key", "BTC", "weightPercent", 50), Map.of("key", "JPY", "weightPercent", 50)))).status());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("mode", "PAPER");
    body.put("absoluteBandPercent", 5);
    body.put("minTradeValue", Map.of("amount", 1000, "currency", "JPY"));
    body.put("feeEstimateBps", 10);
    body.put("rules", List.of(Map.of("asset", "BTC", "account", "paper", "instrument", "BTC/JPY", "lotStep", 0.0001)));
    body.put("risk", Map.of("maxOrderValue", Map.of("amount", 1000000, "currency", "JPY"),
        "maxDailyTurnover", Map.of("amount", 5000000, "currency", "JPY"), "priceBandBps", 100, "maxPriceAge", "PT60S"));
    assertEquals(200, server.put("/api/strategies/main", body).status());
  }

  private void price(String value) {
    server.server().trading().onQuote(new Quote(BTC, Price.of(value, "JPY"), Price.of(value, "JPY"), Price.of(value, "JPY"), Instant.now()));
  }

  /** The one intent of a decision made at 15M (BTC 900,000 of 1,300,000 against 50 %): a sell. */
  private String decideOneSell() {
    price("15000000");
    JsonNode decision = server.post("/api/strategies/main/check", Map.of()).body();
    JsonNode intents = decision.path("plan").path("intents");
    assertEquals(1, intents.size(), decision.toString());
    assertEquals("SELL", intents.get(0).path("side").asText());
    return intents.get(0).path("intentId").asText();
  }

  private JsonNode orders() {
    return server.get("/api/orders/paper").body().path("orders");
  }

  private void awaitOrderStatus(String status) {
    Eventually.await(Duration.ofSeconds(20), () -> {
      JsonNode o = orders();
      return o.size() == 1 && o.get(0).path("status").asText().equals(status);
    }, () -> "orders: " + orders());
  }

  private List<String> executionRefs() {
    JsonNode state = server.get("/api/audit/state/account:paper").body().path("state");
    List<String> ids = new ArrayList<>();
    state.path("refs").path("execution").path("ids").forEach(id -> ids.add(id.asText()));
    return ids;
  }

  private VenueBook.Contents book() {
    return new JdbcVenueBook(server.server().database(),
        JacksonObjectMapperProvider.get(server.server().system()).getOrCreate("jackson-json", Optional.empty()), "paper",
        AccountId.of("paper")).load();
  }

  /** After the restart: one order at the venue, filled once, that fill once in the ledger, the audit clean. */
  private void assertExactlyOneOrderAndOneFill(String intentId) {
    Eventually.await(Duration.ofSeconds(20), () -> executionRefs().size() == 1, () -> "ledger refs " + executionRefs() + ", orders " + orders());
    JsonNode order = orders().get(0);
    assertEquals(intentId, order.path("intentId").asText());
    assertEquals("FILLED", order.path("status").asText(), order.toString());
    assertEquals(1, order.path("fillIds").size(), order.toString());
    VenueBook.Contents book = book();
    assertEquals(1, book.orders().size(), book.toString());
    assertEquals(1, book.fills().size(), book.toString());
    assertEquals(List.of(book.fills().get(0).id().value()), executionRefs());
    assertEquals(order.path("fillIds").get(0).asText(), book.fills().get(0).id().value());
    assertEquals(0, new BigDecimal(order.path("filled").asText()).compareTo(book.fills().get(0).quantity().value()));
    // the audit compares the read tables too: they must have caught up with the journal
    server.awaitReadSide();
    var verify = server.get("/api/audit/verify");
    assertEquals(200, verify.status(), String.valueOf(verify.body()));
  }

  @Test
  void anIntentJournaledAndNotYetAtTheVenueIsPlacedOnceAfterARestart() throws Exception {
    // the venue answers after 30 s: the stop comes while the order is on its way
    start("ballast.trading.paper.latency = 30s\n");
    String intent = decideOneSell();
    awaitOrderStatus("ACCEPTED");

    server.stop();
    server.reconfigure(db, "ballast.trading.paper.latency = 0s\n");
    server.startAgain();

    // the execution started by itself, asked the venue, found nothing and sent the order under the same id
    awaitOrderStatus("SUBMITTED");
    price("15000000");
    assertExactlyOneOrderAndOneFill(intent);
  }

  @Test
  void anOrderFilledAtTheVenueAndNotYetInTheLedgerIsRecordedOnceAfterARestart() throws Exception {
    // the execution reads fills every hour: the stop comes after the venue filled, before the ledger heard
    start("ballast.trading.paper.latency = 0s\nballast.trading.poll-interval = 1h\n");
    String intent = decideOneSell();
    awaitOrderStatus("SUBMITTED");
    Eventually.await(Duration.ofSeconds(20), () -> book().fills().size() == 1, () -> "venue book " + book());
    assertTrue(executionRefs().isEmpty(), "the fill reached the ledger before the stop: " + executionRefs());

    server.stop();
    server.reconfigure(db, "ballast.trading.paper.latency = 0s\nballast.trading.poll-interval = 200ms\n");
    server.startAgain();

    // no new quote: the fill comes from the venue's book, not from a second order
    assertExactlyOneOrderAndOneFill(intent);
  }
}
