package dev.ballast.api.ws;

import static dev.ballast.api.ws.WsClient.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.TestDatabases;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A /ws subscription passes the same portfolio check as the REST routes: owned portfolios and their accounts only for those with access. */
class WsPortfolioAccessTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  @TempDir static Path dir;
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "ballast.auth.bcrypt-cost = 4\n");
    for (String[] u : new String[][] {{"tina", "trader"}, {"tom", "trader"}}) {
      assertEquals(201, server.post("/api/users", Map.of("name", u[0], "password", u[0] + "-password-1", "role", u[1])).status());
    }
    for (String id : new String[] {"mine", "open"}) {
      assertEquals(201, server.post("/api/portfolios", Map.of("id", id, "name", id, "baseCurrency", "JPY")).status());
    }
    assertEquals(201, server.post("/api/accounts", Map.of("id", "acc-m", "name", "M", "kind", "EXCHANGE", "provider", "paper",
        "currency", "JPY")).status());
    assertEquals(200, server.post("/api/portfolios/mine/accounts", Map.of("accountId", "acc-m")).status());
    // the share checks the portfolio in the read table, and the subscriptions read the account's portfolios there
    server.awaitReadSide();
    assertEquals(200, server.put("/api/shares/mine/tina", Map.of("access", "OWNER")).status());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String login(String name) {
    return server.post("/api/auth/login", Map.of("name", name, "password", name + "-password-1")).body().path("accessToken").asText();
  }

  private static URI ws() {
    return URI.create(server.uri("/ws").toString().replaceFirst("^http", "ws"));
  }

  private static JsonNode answer(WsClient client, String subscribe) throws Exception {
    client.send(subscribe);
    return client.next(WAIT, m -> m.path("type").asText().equals("subscribed") || m.path("type").asText().equals("error"));
  }

  @Test
  void onlyThoseWithAccessSubscribeToAnOwnedPortfolioOrItsAccounts() throws Exception {
    try (WsClient tom = new WsClient(ws(), login("tom"))) {
      tom.next(WAIT, type("welcome"));
      JsonNode refused = answer(tom, "{\"type\":\"subscribe\",\"topic\":\"decisions\",\"key\":\"mine\"}");
      assertEquals("error", refused.path("type").asText(), refused.toString());
      assertTrue(refused.path("message").asText().contains("tom has no access to portfolio mine"), refused.toString());
      assertEquals("error", answer(tom, "{\"type\":\"subscribe\",\"topic\":\"orders\",\"key\":\"acc-m\"}").path("type").asText());
      JsonNode every = answer(tom, "{\"type\":\"subscribe\",\"topic\":\"portfolio\"}");
      assertTrue(every.path("message").asText().contains("is for admins"), every.toString());
      assertEquals("subscribed", answer(tom, "{\"type\":\"subscribe\",\"topic\":\"portfolio\",\"key\":\"open\"}").path("type").asText());
      assertEquals("subscribed", answer(tom, "{\"type\":\"subscribe\",\"topic\":\"prices\"}").path("type").asText());
    }
    try (WsClient tina = new WsClient(ws(), null)) {
      // the token in the first message counts the same as in the upgrade's header
      tina.send("{\"type\":\"auth\",\"token\":\"" + login("tina") + "\"}");
      tina.next(WAIT, type("welcome"));
      assertEquals("subscribed", answer(tina, "{\"type\":\"subscribe\",\"topic\":\"decisions\",\"key\":\"mine\"}").path("type").asText());
      assertEquals("subscribed", answer(tina, "{\"type\":\"subscribe\",\"topic\":\"orders\",\"key\":\"acc-m\"}").path("type").asText());
    }
    try (WsClient admin = new WsClient(ws(), server.token())) {
      admin.next(WAIT, type("welcome"));
      assertEquals("subscribed", answer(admin, "{\"type\":\"subscribe\",\"topic\":\"orders\"}").path("type").asText());
    }
  }
}
