package dev.ballast.api.ws;

import static dev.ballast.api.ws.WsClient.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.server.TestServer;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.persistence.marketdata.PriceStore;
import dev.ballast.persistence.testing.TestDatabases;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backtest started over the API publishes its progress on the /ws topic {@code backtests}, seen by a real WebSocket client. */
class BacktestProgressWsTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "");
    Map<LocalDate, BigDecimal> closes = new TreeMap<>();
    LocalDate day = LocalDate.of(2024, 1, 1);
    for (int i = 0; i < 40; i++) {
      closes.put(day.plusDays(i), BigDecimal.valueOf(10 + i % 7));
    }
    new PriceStore(server.server().database()).saveManualAll(InstrumentId.of("AAA", "USD"), closes, "manual", Instant.parse("2024-03-01T00:00:00Z"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Map<String, Object> body(String from, String to) {
    return Map.of("strategy", "threshold", "from", from, "to", to, "initial", "1000", "currency", "USD",
        "params", Map.of("weight.AAA", "100", "lot", "1", "schedule", "daily"));
  }

  private WsClient subscribed() throws Exception {
    URI ws = URI.create(server.uri("/ws").toString().replaceFirst("^http", "ws"));
    WsClient client = new WsClient(ws, server.token());
    client.next(WAIT, type("welcome"));
    // every run's key: the run id is known only once the run has started
    client.send("{\"type\":\"subscribe\",\"topic\":\"backtests\"}");
    client.next(WAIT, type("subscribed"));
    return client;
  }

  static boolean update(JsonNode m, String run) {
    return type("update").test(m) && "backtests".equals(m.path("topic").asText()) && run.equals(m.path("key").asText());
  }

  @Test
  void aRunningBacktestPublishesItsBarsDoneThenDone() throws Exception {
    try (WsClient client = subscribed()) {
      TestServer.Reply started = server.post("/api/backtests", body("2024-01-01", "2024-02-09"));
      assertEquals(202, started.status(), String.valueOf(started.body()));
      String run = started.body().path("run").asText();
      List<JsonNode> seen = new ArrayList<>();
      JsonNode done = client.next(WAIT, m -> {
        if (update(m, run)) {
          seen.add(m.path("data"));
          return !"RUNNING".equals(m.path("data").path("state").asText());
        }
        return false;
      });
      JsonNode d = done.path("data");
      assertEquals("DONE", d.path("state").asText(), d.toString());
      assertEquals(run, d.path("run").asText());
      assertEquals(40, d.path("barsDone").asInt());
      assertEquals(40, d.path("barsTotal").asInt());
      assertEquals("2024-02-09", d.path("date").asText());
      // what came before it (a slow client may see only the latest) is the run going forward, day by day
      int before = 0;
      for (JsonNode p : seen.subList(0, seen.size() - 1)) {
        assertEquals("RUNNING", p.path("state").asText(), p.toString());
        assertEquals(40, p.path("barsTotal").asInt());
        assertTrue(p.path("barsDone").asInt() > before && p.path("barsDone").asInt() <= 40, seen.toString());
        assertEquals(LocalDate.of(2024, 1, 1).plusDays(p.path("barsDone").asInt() - 1).toString(), p.path("date").asText(), p.toString());
        before = p.path("barsDone").asInt();
      }
      // the DONE update follows the stored row: the run reads back complete
      assertEquals("DONE", server.get("/api/backtests/" + run).body().path("status").asText());
    }
  }

  @Test
  void aRunThatFailsInTheBackgroundPublishesFailedWithTheReason() throws Exception {
    try (WsClient client = subscribed()) {
      // the store has bars before the range (the policies' history), none in it: the run starts, then fails
      TestServer.Reply started = server.post("/api/backtests", body("2024-03-01", "2024-03-31"));
      assertEquals(202, started.status(), String.valueOf(started.body()));
      String run = started.body().path("run").asText();
      JsonNode failed = client.next(WAIT, m -> update(m, run) && !"RUNNING".equals(m.path("data").path("state").asText()));
      assertEquals("FAILED", failed.path("data").path("state").asText(), failed.toString());
      assertTrue(failed.path("data").path("error").asText().contains("no bars from 2024-03-01 to 2024-03-31"), failed.toString());
      assertEquals("FAILED", server.get("/api/backtests/" + run).body().path("status").asText());
    }
  }

  @Test
  void anUnknownTopicIsRefusedNamingTheBacktestsTopic() throws Exception {
    try (WsClient client = subscribed()) {
      client.send("{\"type\":\"subscribe\",\"topic\":\"backtest\"}");
      JsonNode error = client.next(WAIT, type("error"));
      assertTrue(error.path("message").asText().contains("backtests"), error.toString());
    }
  }
}
