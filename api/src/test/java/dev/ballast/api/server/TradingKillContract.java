package dev.ballast.api.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.execution.VenueBook;
import dev.ballast.engine.model.AccountId;
import dev.ballast.persistence.db.DatabaseSettings;
import dev.ballast.persistence.execution.JdbcVenueBook;
import dev.ballast.persistence.testing.Eventually;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server in its own process, its prices from a loopback WebSocket server that speaks Coinbase's
 * ticker channel, is killed with SIGKILL after its order was filled at the simulated venue and
 * before the fill was read into the ledger (the execution reads fills every hour in that process).
 * Started again on the same data: one order, one fill, the fill once in the ledger, the audit clean.
 */
abstract class TradingKillContract {
  private static final ObjectMapper JSON = TestServer.json();
  @TempDir Path dir;

  abstract DatabaseSettings database(Path dataDir);
  private ActorSystem<Void> feedSystem;
  private ServerBinding feed;

  /** Sends a BTC-USD ticker at 15,000,000 every 100 ms to every connection, stamped now, whatever the client says. */
  @BeforeEach
  void startFeed() throws Exception {
    feedSystem = ActorSystem.create(Behaviors.empty(), "coinbase-loopback",
        com.typesafe.config.ConfigFactory.parseString("pekko.remote.artery.canonical.port = 0\npekko.actor.provider = local\n")
            .withFallback(com.typesafe.config.ConfigFactory.load()));
    Flow<Message, Message, ?> ticker = Flow.fromSinkAndSource(Sink.ignore(),
        Source.tick(Duration.ZERO, Duration.ofMillis(100), "tick").zipWithIndex().map(p -> (Message) TextMessage.create(tickerJson(p.second()))));
    feed = Http.get(feedSystem).newServerAt("127.0.0.1", 0)
        .bind(Directives.handleWebSocketMessages(ticker)).toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopFeed() {
    feed.unbind();
    feedSystem.terminate();
  }

  private static String tickerJson(long sequence) {
    return "{\"channel\":\"ticker\",\"client_id\":\"\",\"timestamp\":\"" + Instant.now() + "\",\"sequence_num\":" + sequence
        + ",\"events\":[{\"type\":\"update\",\"tickers\":[{\"type\":\"ticker\",\"product_id\":\"BTC-USD\",\"price\":\"15000000\","
        + "\"volume_24_h\":\"1\",\"low_24_h\":\"1\",\"high_24_h\":\"1\",\"low_52_w\":\"1\",\"high_52_w\":\"1\","
        + "\"price_percent_chg_24_h\":\"0\",\"best_bid\":\"15000000\",\"best_bid_quantity\":\"1\",\"best_ask\":\"15000000\","
        + "\"best_ask_quantity\":\"1\"}]}]}";
  }

  @Test
  void killDashNineAfterTheVenueFilledRecordsTheFillOnceAfterARestart() throws Exception {
    String log = getClass().getSimpleName() + "-server.log";
    Path data = dir.resolve("data");
    DatabaseSettings db = database(data);
    Path config = dir.resolve("kill.conf");
    Files.writeString(config, TestServer.configText(db)
        + "ballast.trading.paper.latency = 0s\nballast.trading.poll-interval = 1h\n"
        + "ballast.feeds.coinbase { enabled = true, uri = \"ws://127.0.0.1:" + feed.localAddress().getPort() + "\", instruments = [\"BTC/USD\"] }\n");
    String intent;
    try (ServerProcess process = ServerProcess.start(dir, data, config, log, Duration.ofSeconds(180))) {
      Api api = new Api(HttpClient.newHttpClient(), process.base(), process.token());
      api.expect(201, "POST", "/api/accounts", Map.of("id", "paper", "name", "Paper", "kind", "EXCHANGE", "provider", "paper", "currency", "USD"));
      Map<String, Object> cash = Map.of("type", "DEPOSIT", "timestamp", "2026-01-04T00:00:00Z", "asset", "USD", "quantity", 1000000,
          "source", "test", "externalId", "d0");
      Map<String, Object> buy = Map.of("type", "BUY", "timestamp", "2026-01-06T00:00:00Z", "asset", "BTC", "quantity", 0.06,
          "price", Map.of("value", 10000000, "currency", "USD"), "source", "test", "externalId", "b1");
      api.expect(201, "POST", "/api/accounts/paper/transactions", Map.of("transactions", List.of(cash, buy)));
      api.expect(201, "POST", "/api/portfolios", Map.of("id", "main", "name", "Main", "baseCurrency", "USD"));
      api.expect(200, "POST", "/api/portfolios/main/accounts", Map.of("accountId", "paper"));
      api.expect(200, "PUT", "/api/portfolios/main/target", Map.of("kind", "ASSET", "targets",
          List.of(Map.of("key", "BTC", "weightPercent", 50), Map.of("key", "USD", "weightPercent", 50))));
      Map<String, Object> strategy = new LinkedHashMap<>();
      strategy.put("mode", "PAPER");
      strategy.put("absoluteBandPercent", 5);
      strategy.put("minTradeValue", Map.of("amount", 1000, "currency", "USD"));
      strategy.put("feeEstimateBps", 10);
      strategy.put("rules", List.of(Map.of("asset", "BTC", "account", "paper", "instrument", "BTC/USD", "lotStep", 0.0001)));
      strategy.put("risk", Map.of("maxOrderValue", Map.of("amount", 1000000, "currency", "USD"),
          "maxDailyTurnover", Map.of("amount", 5000000, "currency", "USD"), "priceBandBps", 100, "maxPriceAge", "PT60S"));
      api.expect(200, "PUT", "/api/strategies/main", strategy);

      // the first check after the feed's first quote reached the pipeline decides the sell
      JsonNode[] decision = {null};
      Eventually.await(Duration.ofSeconds(60), () -> {
        JsonNode d = api.send("POST", "/api/strategies/main/check", Map.of()).body();
        decision[0] = d;
        return d != null && d.path("plan").path("intents").size() == 1;
      }, () -> "last decision: " + decision[0] + "; see target/" + log);
      intent = decision[0].path("plan").path("intents").get(0).path("intentId").asText();
      // SUBMITTED: the venue answered, and it wrote the order and its fill to its book before it did
      Eventually.await(Duration.ofSeconds(30), () -> {
        JsonNode o = api.send("GET", "/api/orders/paper", null).body().path("orders");
        return o.size() == 1 && o.get(0).path("status").asText().equals("SUBMITTED");
      }, () -> "orders: " + api.send("GET", "/api/orders/paper", null).body());
      process.kill();
    }

    try (TestServer restarted = TestServer.start(dir, db, "ballast.trading.paper.latency = 0s\nballast.trading.poll-interval = 200ms\n")) {
      Eventually.await(Duration.ofSeconds(30), () -> refs(restarted).size() == 1, () -> "ledger refs " + refs(restarted)
          + ", orders " + restarted.get("/api/orders/paper").body() + ", journal "
          + java.util.stream.Stream.of("Execution", "Strategy", "AccountLedger").flatMap(t -> dev.ballast.persistence.journal.JournalScan
              .of(restarted.server().system(), restarted.server().database()).persistenceIds(t).stream()).toList());
      JsonNode order = restarted.get("/api/orders/paper").body().path("orders").get(0);
      assertEquals(1, restarted.get("/api/orders/paper").body().path("orders").size());
      assertEquals(intent, order.path("intentId").asText());
      assertEquals("FILLED", order.path("status").asText(), order.toString());
      assertEquals(1, order.path("fillIds").size(), order.toString());
      VenueBook.Contents book = new JdbcVenueBook(restarted.server().database(),
          JacksonObjectMapperProvider.get(restarted.server().system()).getOrCreate("jackson-json", Optional.empty()), "paper",
          AccountId.of("paper")).load();
      assertEquals(1, book.orders().size(), book.toString());
      assertEquals(1, book.fills().size(), book.toString());
      assertEquals(List.of(book.fills().get(0).id().value()), refs(restarted));
      // the audit compares the read tables too: they must have caught up with the journal
      restarted.awaitReadSide();
      var verify = restarted.get("/api/audit/verify");
      assertEquals(200, verify.status(), String.valueOf(verify.body()));
      assertTrue(order.path("fillIds").get(0).asText().equals(book.fills().get(0).id().value()));
    }
  }

  private static List<String> refs(TestServer server) {
    List<String> ids = new ArrayList<>();
    server.get("/api/audit/state/account:paper").body().path("state").path("refs").path("execution").path("ids").forEach(i -> ids.add(i.asText()));
    return ids;
  }

  private record Api(HttpClient http, URI base, String token) {
    TestServer.Reply send(String method, String path, Object body) {
      try {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(30));
        if (body == null) {
          r.GET();
        } else {
          r.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        HttpResponse<String> response = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        return new TestServer.Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
            response.body().isBlank() ? null : JSON.readTree(response.body()));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    void expect(int status, String method, String path, Object body) {
      TestServer.Reply reply = send(method, path, body);
      assertEquals(status, reply.status(), method + " " + path + ": " + reply.body());
    }
  }
}
