package dev.ballast.api.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed logins and wrong tokens are answered with 429 after the configured number, on the real
 * server. In this order: the second test shuts this client out for the window.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThrottleServerTest {
  @TempDir static Path dir;
  private static TestServer server;
  private static AccessClient client;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), """
        ballast.auth { bcrypt-cost = 4, login-failures = 3, login-window = 10m, token-failures = 5, token-window = 10m }
        """);
    client = new AccessClient(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @Order(1)
  void afterThreeFailedLoginsEvenTheRightPasswordWaits() {
    client.addUser("fred", "fred password", "viewer");
    for (int i = 0; i < 3; i++) {
      assertEquals(401, client.post("/api/auth/login", Map.of("name", "fred", "password", "wrong password"), null).status());
    }
    AccessClient.Answer refused = client.post("/api/auth/login", Map.of("name", "fred", "password", "fred password"), null);
    assertEquals(429, refused.status());
    assertTrue(Integer.parseInt(refused.raw().headers().firstValue("Retry-After").orElseThrow()) > 0);
  }

  @Test
  @Order(2)
  void afterFiveWrongTokensAClientWaitsEvenWithAGoodOne() {
    for (int i = 0; i < 5; i++) {
      assertEquals(401, client.send("GET", "/api/portfolios", null, "wrong-" + i).status());
    }
    assertEquals(429, client.send("GET", "/api/portfolios", null, "wrong-again").status());
    assertEquals(429, client.send("GET", "/api/portfolios", null, server.token()).status());
    assertEquals(200, client.send("GET", "/health", null, null).status(), "public routes are not throttled");
  }
}
