package dev.ballast.api.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.Main;
import dev.ballast.persistence.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DCA strategy on a server: configured over HTTP, its decision journals the carry, and {@code audit explain} replays it identically. */
class PolicyServerTest {
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "ballast.trading.paper.latency = 0s\n");
    DcaServerFixture.paperPortfolioAllInBtc(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aDcaDecisionCarriesWhatTheLotStepLeftAndReplaysIdentically() {
    Map<String, Object> body = DcaServerFixture.weeklyDca();
    var configured = server.put("/api/strategies/main", body);
    assertEquals(200, configured.status(), String.valueOf(configured.body()));
    DcaServerFixture.quoteBtc(server);

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
