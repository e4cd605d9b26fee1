package dev.ballast.api.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.TestDatabases;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /health/ready} names each feed and each connected account: a feed whose venue refuses
 * the connection and a wallet whose Esplora server is gone are degraded with the reason, and the
 * server stays ready (it serves without them).
 */
class ReadinessComponentsTest {
  @TempDir static Path dir;
  private static TestServer server;
  private static int closedPort;

  @BeforeAll
  static void start() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), """
        ballast.feeds.kraken { enabled = true, uri = "ws://127.0.0.1:%d/v2", instruments = ["BTC/USD"] }
        """.formatted(closedPort));
    assertEquals(201, server.post("/api/accounts", Map.of("id", "cold", "name", "Cold wallet", "kind", "WALLET", "provider", "bitcoin",
        "currency", "USD", "taxWrapper", "TAXABLE")).status());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode component(JsonNode ready, String name) {
    for (JsonNode c : ready.path("components")) {
      if (c.path("name").asText().equals(name)) {
        return c;
      }
    }
    return null;
  }

  @Test
  void aRefusedFeedAndAFailingWalletAreDegradedWithTheirReasonAndTheServerStaysReady() {
    TestServer.Reply connected = server.put("/api/sync/cold", Map.of("kind", "esplora",
        "settings", Map.of("baseUrl", "http://127.0.0.1:" + closedPort + "/api/", "addresses", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq")));
    assertEquals(200, connected.status(), connected.body().toString());
    AtomicReference<JsonNode> seen = new AtomicReference<>();
    Eventually.await(Duration.ofSeconds(30), () -> {
      JsonNode status = server.get("/api/sync/cold").body();
      seen.set(status);
      return status.hasNonNull("lastError");
    }, () -> "sync: " + seen.get());
    Eventually.await(Duration.ofSeconds(30), () -> {
      JsonNode ready = server.get("/health/ready").body();
      seen.set(ready);
      JsonNode feed = component(ready, "feed kraken");
      return feed != null && feed.path("reason").asText().startsWith("no prices since");
    }, () -> "readiness: " + seen.get());

    TestServer.Reply ready = server.get("/health/ready");
    assertEquals(200, ready.status(), "a feed or a venue down does not stop the server serving: " + ready.body());
    JsonNode feed = component(ready.body(), "feed kraken");
    assertEquals("DEGRADED", feed.path("status").asText(), feed.toString());
    JsonNode wallet = component(ready.body(), "account-sync");
    assertEquals("DEGRADED", wallet.path("status").asText(), String.valueOf(wallet));
    assertTrue(wallet.path("reason").asText().startsWith("1 of 1 connected accounts failed"), wallet.toString());
    // the answer needs no token: it names no account and repeats no venue error
    assertTrue(!ready.body().toString().contains("cold") && !ready.body().toString().contains(String.valueOf(closedPort)), ready.body().toString());
  }
}
