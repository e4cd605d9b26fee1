package dev.ballast.api.http.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.server.TestServer;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Price;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/portfolios/{portfolio}/plan} with an {@code Idempotency-Key} in paper mode: a
 * retried request makes one decision and one set of orders at the paper venue, even across a
 * restart; another key is another decision; the key with another portfolio or body is refused; the
 * CLI's {@code plan --send} sends a key of its own per run.
 */
class PlanSendIdempotencyTest {
  private static final Instant NOW = Instant.parse("2024-04-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String CONFIG = "ballast.trading.paper.latency = 0s\n";
  private static final InstrumentId PLANC = InstrumentId.of("PLANC", "JPY");
  @TempDir Path dir;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("db")), CONFIG, CLOCK);
    ok(server.post("/api/assets", Map.of("id", "PLANC", "assetClass", "CRYPTO", "quoteCurrency", "JPY")));
    assertEquals(201, server.post("/api/accounts", Map.of("id", "paper", "name", "Paper", "kind", "EXCHANGE", "provider", "paper",
        "currency", "JPY")).status());
    ok(server.post("/api/accounts/paper/transactions", Map.of("transactions", List.of(
        dev.ballast.engine.Fixtures.deposit(Instant.parse("2024-03-01T00:00:00Z"), "d1", "1000000", "JPY")))));
    for (String p : List.of("main", "other")) {
      assertEquals(201, server.post("/api/portfolios", Map.of("id", p, "name", p, "baseCurrency", "JPY")).status());
    }
    assertEquals(200, server.post("/api/portfolios/main/accounts", Map.of("accountId", "paper")).status());
    ok(server.put("/api/portfolios/main/target", Map.of("kind", "ASSET", "targets", List.of(
        Map.of("key", "PLANC", "weightPercent", new BigDecimal("50")), Map.of("key", "JPY", "weightPercent", new BigDecimal("50"))))));
    // yesterday's close: the plan's price, journaled as of the end of its day (the risk gate reads the live quote)
    assertEquals(201, server.post("/api/prices/PLANC/manual", Map.of("date", "2024-03-31", "price", new BigDecimal("1000"))).status());
    ok(server.put("/api/strategies/main", strategy()));
    server.awaitReadSide();
    quote();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static void ok(TestServer.Reply reply) {
    assertTrue(reply.status() < 300, reply.status() + " " + reply.body());
  }

  /** The live quote the risk gate and the paper venue read, at the server's (fixed) time. */
  private void quote() {
    server.server().trading().onQuote(new Quote(PLANC, Price.of("1000", "JPY"), Price.of("1000", "JPY"), Price.of("1000", "JPY"), NOW));
  }

  private static Map<String, Object> strategy() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("mode", "PAPER");
    body.put("absoluteBandPercent", 5);
    body.put("minTradeValue", Map.of("amount", 1000, "currency", "JPY"));
    body.put("feeEstimateBps", 0);
    body.put("rules", List.of(Map.of("asset", "PLANC", "account", "paper", "instrument", "PLANC/JPY", "lotStep", 1)));
    body.put("risk", Map.of("maxOrderValue", Map.of("amount", 1000000, "currency", "JPY"),
        "maxDailyTurnover", Map.of("amount", 5000000, "currency", "JPY"), "priceBandBps", 100, "maxPriceAge", "PT60S"));
    return body;
  }

  private TestServer.Reply send(String portfolio, String key, Object body) {
    return server.post("/api/portfolios/" + portfolio + "/plan", body, Map.of("Idempotency-Key", key));
  }

  private JsonNode orders() {
    return server.get("/api/orders/paper").body().path("orders");
  }

  private int decisions() {
    return server.get("/api/strategies/main").body().path("decisions").asInt();
  }

  @Test
  void aRetriedRequestDecidesAndSendsOnceAndAnotherKeyDecidesAgain() throws Exception {
    TestServer.Reply first = send("main", "key-1", Map.of());
    assertEquals(200, first.status(), String.valueOf(first.body()));
    JsonNode d = first.body();
    assertEquals("main:1", d.path("decisionId").asText(), d.toString());
    assertTrue(d.path("sent").asBoolean(), d.toString());
    assertFalse(d.path("repeated").asBoolean(true), d.toString());
    assertEquals(1, d.path("intents").size(), d.toString());
    assertEquals("BUY", d.path("intents").get(0).path("side").asText(), d.toString());
    // the one order at the paper venue, filled
    Eventually.await(Duration.ofSeconds(10), () -> {
      JsonNode o = orders();
      return o.size() == 1 && o.get(0).path("status").asText().equals("FILLED");
    }, () -> "orders: " + orders());

    TestServer.Reply again = send("main", "key-1", Map.of());
    assertEquals(200, again.status(), String.valueOf(again.body()));
    assertTrue(again.body().path("repeated").asBoolean(), again.body().toString());
    assertEquals(d.path("decisionId"), again.body().path("decisionId"));
    assertEquals(d.path("intents"), again.body().path("intents"));
    // nothing decided, so nothing to send: the entity's count, read after the repeat was answered
    assertEquals(1, decisions());
    server.awaitReadSide();
    JsonNode journaled = server.get("/api/strategies/main/decisions?limit=1").body().path("decisions").get(0).path("decided");
    assertEquals("main:1", journaled.path("decisionId").asText(), journaled.toString());
    assertEquals("2024-04-01T00:00:00Z", journaled.path("inputs").path("prices").get(0).path("at").asText(), journaled.toString());

    // the key names that request: not another portfolio's, not another body's
    TestServer.Reply elsewhere = send("other", "key-1", Map.of());
    assertEquals(422, elsewhere.status(), String.valueOf(elsewhere.body()));
    assertTrue(elsewhere.body().path("detail").asText().contains("Idempotency-Key key-1 was first sent for portfolio main"),
        elsewhere.body().toString());
    TestServer.Reply otherBody = send("main", "key-1", Map.of("note", "another"));
    assertEquals(422, otherBody.status(), String.valueOf(otherBody.body()));
    assertTrue(otherBody.body().path("detail").asText().contains("portfolio main with another request body"), otherBody.body().toString());
    TestServer.Reply bad = send("main", "k".repeat(201), Map.of());
    assertEquals(400, bad.status(), String.valueOf(bad.body()));
    assertEquals("Idempotency-Key", bad.body().path("errors").get(0).path("field").asText(), bad.body().toString());

    // the key outlives the process: after a restart the retry still answers the first decision
    server.close();
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("db")), CONFIG, CLOCK);
    quote();
    TestServer.Reply afterRestart = send("main", "key-1", Map.of());
    assertEquals(200, afterRestart.status(), String.valueOf(afterRestart.body()));
    assertEquals("main:1", afterRestart.body().path("decisionId").asText(), afterRestart.body().toString());
    assertEquals(d.path("intents"), afterRestart.body().path("intents"));
    assertEquals(1, decisions());

    // another key is another request: a second decision, whose order (the fill's slippage set right) is its own
    TestServer.Reply next = send("main", "key-2", Map.of());
    assertEquals(200, next.status(), String.valueOf(next.body()));
    assertEquals("main:2", next.body().path("decisionId").asText(), next.body().toString());
    assertFalse(next.body().path("repeated").asBoolean(true));
    assertEquals(2, decisions());
    int sent = next.body().path("sent").asBoolean() ? next.body().path("intents").size() : 0;
    Eventually.await(Duration.ofSeconds(10), () -> ordersOf("main:2") == sent, () -> "orders: " + orders());
    assertEquals(1, ordersOf("main:1"), orders().toString());
  }

  private int ordersOf(String decisionId) {
    int n = 0;
    for (JsonNode o : orders()) {
      n += o.path("decisionId").asText().equals(decisionId) ? 1 : 0;
    }
    return n;
  }

  private record Run(int exit, String out, String err) {}

  private Run cli(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--url", "http://127.0.0.1:" + server.server().port(), "--data", server.dataDir().toString()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = dev.ballast.api.Main.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void theCliSendsAKeyPerRunAndRepeatsARequestByItsKey() {
    ok(server.put("/api/strategies/main", Map.of("mode", "DRY_RUN", "absoluteBandPercent", 5,
        "minTradeValue", Map.of("amount", 1000, "currency", "JPY"), "feeEstimateBps", 0,
        "rules", List.of(Map.of("asset", "PLANC", "account", "paper", "instrument", "PLANC/JPY", "lotStep", 1)))));

    // two runs, two keys of their own: two decisions
    Run first = cli("plan", "--portfolio", "main", "--send");
    assertEquals(0, first.exit(), first.err());
    assertTrue(first.out().contains("decision main:1 (DRY_RUN): a proposal, nothing sent"), first.out());
    Run second = cli("plan", "--portfolio", "main", "--send");
    assertEquals(0, second.exit(), second.err());
    assertTrue(second.out().contains("decision main:2 (DRY_RUN)"), second.out());

    // a script's own key, run twice: one decision, the repeat says so
    Run keyed = cli("plan", "--portfolio", "main", "--send", "--idempotency-key", "nightly-2024-04-01");
    assertEquals(0, keyed.exit(), keyed.err());
    assertTrue(keyed.out().contains("decision main:3 (DRY_RUN): a proposal, nothing sent"), keyed.out());
    assertFalse(keyed.out().contains("already decided"), keyed.out());
    Run repeat = cli("plan", "--portfolio", "main", "--send", "--idempotency-key", "nightly-2024-04-01");
    assertEquals(0, repeat.exit(), repeat.err());
    assertTrue(repeat.out().contains("decision main:3 (DRY_RUN): a proposal, nothing sent (already decided under idempotency key"
        + " nightly-2024-04-01: nothing new decided or sent)"), repeat.out());
    assertEquals(3, decisions());

    Run elsewhere = cli("plan", "--portfolio", "other", "--send", "--idempotency-key", "nightly-2024-04-01");
    assertEquals(2, elsewhere.exit(), elsewhere.out() + elsewhere.err());
    assertTrue(elsewhere.err().contains("was first sent for portfolio main"), elsewhere.err());

    Run withoutSend = cli("plan", "--portfolio", "main", "--idempotency-key", "k");
    assertEquals(2, withoutSend.exit(), withoutSend.err());
    assertTrue(withoutSend.err().contains("--idempotency-key goes with --send"), withoutSend.err());
  }
}
