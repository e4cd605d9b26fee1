package dev.ballast.api.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.Main;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Price;
import dev.ballast.persistence.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DCA strategy on a server: configured over HTTP, its decision journals the carry, and {@code audit explain} replays it identically. */
class PolicyServerTest {
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
    assertEquals(201, server.post("/api/accounts/paper/transactions", Map.of("transactions", List.of(deposit))).status());
    assertEquals(201, server.post("/api/portfolios", Map.of("id", "main", "name", "Main", "baseCurrency", "JPY")).status());
    assertEquals(200, server.post("/api/portfolios/main/accounts", Map.of("accountId", "paper")).status());
    assertEquals(200, server.put("/api/portfolios/main/target", Map.of("kind", "ASSET", "targets",
        List.of(Map.of("key", "BTC", "weightPercent", 100)))).status());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aDcaDecisionCarriesWhatTheLotStepLeftAndReplaysIdentically() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("policy", "dca");
    body.put("mode", "DRY_RUN");
    body.put("absoluteBandPercent", 5);
    body.put("minTradeValue", Map.of("amount", 1000, "currency", "JPY"));
    body.put("feeEstimateBps", 10);
    body.put("rules", List.of(Map.of("asset", "BTC", "account", "paper", "instrument", "BTC/JPY", "lotStep", 0.0001)));
    body.put("policySettings", Map.of("dca", Map.of("amount", Map.of("amount", 100000, "currency", "JPY"), "period", "P7D")));
    var configured = server.put("/api/strategies/main", body);
    assertEquals(200, configured.status(), String.valueOf(configured.body()));
    server.server().trading().onQuote(new Quote(BTC, Price.of("10000000", "JPY"), Price.of("10000000", "JPY"), Price.of("10000000", "JPY"),
        Instant.now()));

    JsonNode decision = server.post("/api/strategies/main/check", Map.of()).body();

    // 100000 at 10,010,000 a BTC with the fee: 0.0099 BTC (99,099 with the fee), 901 carried
    JsonNode intents = decision.path("plan").path("intents");
    assertEquals(1, intents.size(), decision.toString());
    assertEquals(0, new BigDecimal("0.0099").compareTo(new BigDecimal(intents.get(0).path("quantity").asText())), intents.toString());
    assertEquals(0, new BigDecimal("901").compareTo(new BigDecimal(decision.path("plan").path("nextState").path("dca").path("carry").asText())),
        decision.toString());
    String decisionId = decision.path("decisionId").asText();

    server.stop();
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    PrintStream out = System.out;
    int exit;
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      exit = Main.run("audit", "explain", decisionId, "--data", server.dataDir().toString());
    } finally {
      System.setOut(out);
    }
    String printed = o.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, printed);
    assertTrue(printed.contains("identical"), printed);
    assertTrue(printed.contains("\"carry\""), "the explanation shows the policy state: " + printed);
  }
}
