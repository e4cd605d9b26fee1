package dev.ballast.api.ws;

import static dev.ballast.api.ws.WsClient.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.TestDatabases;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /ws on the real server over loopback, with synthetic prices and a real WebSocket client. */
class WsServerTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  @TempDir
  static Path dir;
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), """
        ballast.feeds.synthetic { enabled = true, instruments = 3, ticks-per-second = 200 }
        ballast.feeds.valuation { min-interval = 100ms, holdings-refresh = 200ms }
        ballast.ws { heartbeat = 300ms, auth-timeout = 2s }
        """);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static URI ws() {
    URI http = server.uri("/ws");
    return URI.create(http.toString().replaceFirst("^http", "ws"));
  }

  @Test
  void aClientThatStopsReadingHoldsUpNoOtherAndThenGetsTheLatestOfEachKey() throws Exception {
    LivePublisher live = server.server().live();
    String pad = "x".repeat(2_000);
    int rounds = 200;
    int perRound = 100;
    try (WsClient slow = new WsClient(ws(), server.token()); WsClient fast = new WsClient(ws(), server.token())) {
      for (WsClient client : List.of(slow, fast)) {
        client.next(WAIT, type("welcome"));
        client.send("{\"type\":\"subscribe\",\"topic\":\"alerts\"}");
        client.next(WAIT, type("subscribed"));
      }
      slow.pause();
      // 20,000 updates of 2 kB, 40 MB: far more than the socket buffers between the server and a reader that stopped
      for (int round = 1; round <= rounds; round++) {
        for (int i = 0; i < perRound; i++) {
          live.publish("alerts", "k" + (i % 10), Map.of("seq", round * perRound + i, "pad", pad));
        }
        live.publish("alerts", "marker", Map.of("seq", round));
        int expected = round;
        fast.next(WAIT, m -> "marker".equals(m.path("key").asText()) && m.at("/data/seq").asInt() >= expected);
      }
      slow.resume();
      Map<String, Integer> last = new java.util.HashMap<>();
      int updates = 0;
      long deadline = System.nanoTime() + WAIT.toNanos();
      Map<String, Integer> wanted = new java.util.HashMap<>();
      for (int k = 0; k < 10; k++) {
        wanted.put("k" + k, rounds * perRound + 90 + k);
      }
      wanted.put("marker", rounds);
      while (!last.entrySet().containsAll(wanted.entrySet())) {
        JsonNode m = slow.received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (m == null) {
          throw new AssertionError("the slow client did not get the latest of each key: " + last);
        }
        if (type("update").test(m)) {
          updates++;
          last.put(m.path("key").asText(), m.at("/data/seq").asInt());
        }
      }
      assertTrue(updates < rounds * (perRound + 1),
          "what the slow client could not take was replaced by newer values of the same key, not queued: " + updates + " updates");
    }
  }

  @Test
  void aConnectionThatClosesLeavesTheHubsIndexAndAnUnsubscriptionLeavesItAtOnce() throws Exception {
    LiveHub hub = (LiveHub) server.server().live();
    // entries no other test of this class subscribes to
    String price = "prices\u0000SYN2/USD";
    String orders = "orders\u0000acc-ws-index";
    String decisions = "decisions\u0000*";
    WsClient client = new WsClient(ws(), server.token());
    try {
      client.next(WAIT, type("welcome"));
      for (String subscribe : List.of("{\"type\":\"subscribe\",\"topic\":\"prices\",\"key\":\"SYN2/USD\"}",
          "{\"type\":\"subscribe\",\"topic\":\"orders\",\"key\":\"acc-ws-index\"}", "{\"type\":\"subscribe\",\"topic\":\"decisions\"}")) {
        client.send(subscribe);
        client.next(WAIT, type("subscribed"));
      }
      // the server indexes a subscription before it acknowledges it
      assertEquals(1, hub.subscriberCount(price));
      assertEquals(1, hub.subscriberCount(orders));
      assertEquals(1, hub.subscriberCount(decisions));
      client.next(WAIT, m -> type("update").test(m) && "SYN2/USD".equals(m.path("key").asText()));

      client.send("{\"type\":\"unsubscribe\",\"topic\":\"decisions\"}");
      client.next(WAIT, type("unsubscribed"));
      assertFalse(hub.indexes(decisions), "the last subscriber of decisions left: no empty entry is kept");
    } finally {
      client.close();
    }
    // the connection's stream stops on the server some time after the socket is gone
    Eventually.await(WAIT, () -> !hub.indexes(price) && !hub.indexes(orders),
        () -> "still indexed after the close: prices " + hub.subscriberCount(price) + ", orders " + hub.subscriberCount(orders));
  }

  @Test
  void withTheHeaderTokenAClientGetsThePricesItSubscribedToAndHeartbeats() throws Exception {
    try (WsClient client = new WsClient(ws(), server.token())) {
      client.next(WAIT, type("welcome"));
      client.send("{\"type\":\"subscribe\",\"topic\":\"prices\",\"key\":\"SYN1/USD\"}");
      JsonNode ack = client.next(WAIT, type("subscribed"));
      assertEquals("SYN1/USD", ack.get("key").asText());
      JsonNode update = client.next(WAIT, type("update"));
      assertEquals("prices", update.get("topic").asText());
      assertEquals("SYN1/USD", update.get("key").asText());
      assertEquals("USD", update.at("/data/last/currency").asText());
      client.next(WAIT, type("heartbeat"));

      client.send("{\"type\":\"unsubscribe\",\"topic\":\"prices\",\"key\":\"SYN1/USD\"}");
      client.next(WAIT, type("unsubscribed"));
      client.received.clear();
      // after a heartbeat that came after the unsubscription was taken, no more prices
      client.next(WAIT, type("heartbeat"));
      client.received.clear();
      client.next(WAIT, type("heartbeat"));
      assertTrue(client.received.stream().noneMatch(type("update")), "no prices after unsubscribing: " + client.received);
    }
  }

  @Test
  void aTokenAsTheFirstMessageWorksAndThePortfolioValueFollows() throws Exception {
    assertEquals(201, server.post("/api/portfolios", Map.of("id", "ws-pf", "name", "WS", "baseCurrency", "USD")).status());
    try (WsClient client = new WsClient(ws(), null)) {
      client.send("{\"type\":\"auth\",\"token\":\"" + server.token() + "\"}");
      client.next(WAIT, type("welcome"));
      client.send("{\"type\":\"subscribe\",\"topic\":\"portfolio\",\"key\":\"ws-pf\"}");
      client.next(WAIT, type("subscribed"));
      JsonNode value = client.next(WAIT, m -> type("update").test(m) && "portfolio".equals(m.path("topic").asText()));
      assertEquals("ws-pf", value.get("key").asText());
      assertEquals("USD", value.at("/data/total/currency").asText());
      assertEquals(0, value.at("/data/total/amount").decimalValue().signum(), "a portfolio with no accounts is worth nothing");
    }
  }

  @Test
  void withoutAValidTokenNothingIsSentAndTheConnectionEnds() throws Exception {
    try (WsClient client = new WsClient(ws(), null)) {
      client.send("{\"type\":\"subscribe\",\"topic\":\"prices\"}");
      JsonNode error = client.next(WAIT, type("error"));
      assertTrue(error.get("message").asText().startsWith("authenticate first"), error.toString());
      client.closed.get(10, TimeUnit.SECONDS);
    }
    try (WsClient client = new WsClient(ws(), null)) {
      client.send("{\"type\":\"auth\",\"token\":\"not-a-token\"}");
      assertEquals("unauthorized", client.next(WAIT, type("error")).get("message").asText());
      client.closed.get(10, TimeUnit.SECONDS);
    }
    try (WsClient client = new WsClient(ws(), null)) {
      // silence: the auth deadline ends it
      assertTrue(client.next(WAIT, type("error")).get("message").asText().startsWith("not authenticated within"));
      client.closed.get(10, TimeUnit.SECONDS);
    }
    java.net.http.HttpResponse<String> refused = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(server.uri("/ws")).header("Authorization", "Bearer wrong").GET().build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(401, refused.statusCode());
  }

  @Test
  void unknownTopicsAndMessagesAreAnsweredWithAnError() throws Exception {
    try (WsClient client = new WsClient(ws(), server.token())) {
      client.next(WAIT, type("welcome"));
      client.send("{\"type\":\"subscribe\",\"topic\":\"gossip\"}");
      assertTrue(client.next(WAIT, type("error")).get("message").asText().startsWith("unknown topic \"gossip\""));
      client.send("not json");
      assertEquals("a message is a JSON object with a type", client.next(WAIT, type("error")).get("message").asText());
      client.send("{\"type\":\"ping\"}");
      client.next(WAIT, type("pong"));
    }
  }
}
