package dev.ballast.api.http.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.TestDatabases;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coinbase feed on a real server, against a loopback WebSocket server speaking Coinbase's
 * ticker channel and a loopback HTTP server speaking Advanced Trade's public candles: the
 * connection drops for ten minutes of the server's clock, the gap is recorded, its minutes are
 * back-filled from the candles into feed_backfill_bars, and /api/feeds reads them back.
 */
class FeedBackfillServerTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir Path dir;
  private ActorSystem<Void> venue;
  private ServerBinding ws;
  private HttpServer rest;
  private TestServer server;
  private final BlockingQueue<BoundedSourceQueue<Message>> connections = new LinkedBlockingQueue<>();
  private final List<String> candleQueries = new ArrayList<>();
  private final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1)));

  /** The server's business time, moved by the test. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @BeforeEach
  void start() throws Exception {
    venue = ActorSystem.create(Behaviors.empty(), "coinbase-loopback",
        com.typesafe.config.ConfigFactory.parseString("pekko.remote.artery.canonical.port = 0\npekko.actor.provider = local\n")
            .withFallback(com.typesafe.config.ConfigFactory.load()));
    // each connection's messages are what the test puts in its queue; completing the queue closes it
    Flow<Message, Message, NotUsed> handler = Flow.fromSinkAndSourceCoupled(Sink.ignore(),
        Source.<Message>queue(16).mapMaterializedValue(q -> {
          connections.add(q);
          return NotUsed.getInstance();
        }));
    ws = Http.get(venue).newServerAt("127.0.0.1", 0).bind(Directives.handleWebSocketMessages(handler)).toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    rest = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    rest.createContext("/", exchange -> {
      String query = exchange.getRequestURI().getRawQuery();
      synchronized (candleQueries) {
        candleQueries.add(exchange.getRequestURI().getPath() + "?" + query);
      }
      byte[] body = candles(query).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    rest.start();
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "ballast.feeds { min-backoff = 100ms, max-backoff = 500ms\n"
        + "coinbase { enabled = true, uri = \"ws://127.0.0.1:" + ws.localAddress().getPort() + "\", rest-uri = \"http://127.0.0.1:"
        + rest.getAddress().getPort() + "/\", instruments = [\"BTC/USD\"] } }\n", clock);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    rest.stop(0);
    ws.unbind();
    venue.terminate();
  }

  /** Every minute's candle of [start, end], newest first, as Coinbase sends them; a minute's close is 60,000 + its index from the gap's start. */
  private String candles(String query) {
    Map<String, Long> q = new HashMap<>();
    for (String pair : query.split("&")) {
      String[] kv = pair.split("=", 2);
      if (!kv[0].equals("granularity")) {
        q.put(kv[0], Long.parseLong(kv[1]));
      }
    }
    long base = clock.instant().truncatedTo(ChronoUnit.DAYS).getEpochSecond();
    StringBuilder out = new StringBuilder();
    for (long t = q.get("end") - Math.floorMod(q.get("end"), 60); t >= q.get("start"); t -= 60) {
      String close = Long.toString(60000 + (t - base) / 60 % 100000);
      out.append(out.length() == 0 ? "" : ",").append("{\"start\":\"").append(t).append("\",\"low\":\"").append(close)
          .append("\",\"high\":\"").append(close).append("\",\"open\":\"").append(close).append("\",\"close\":\"").append(close)
          .append("\",\"volume\":\"0.5\"}");
    }
    return "{\"candles\":[" + out + "]}";
  }

  private static String ticker(String price) {
    return "{\"channel\":\"ticker\",\"client_id\":\"\",\"timestamp\":\"" + Instant.now() + "\",\"sequence_num\":1,\"events\":[{\"type\":\"update\","
        + "\"tickers\":[{\"type\":\"ticker\",\"product_id\":\"BTC-USD\",\"price\":\"" + price + "\",\"best_bid\":\"" + price + "\",\"best_ask\":\""
        + price + "\"}]}]}";
  }

  private JsonNode coinbase() {
    for (JsonNode f : server.get("/api/feeds").body().path("feeds")) {
      if (f.path("feed").asText().equals("coinbase")) {
        return f;
      }
    }
    return null;
  }

  @Test
  void aDroppedConnectionsMinutesAreBackfilledFromTheCandlesAndReadBack() throws Exception {
    Instant t0 = clock.instant();
    BoundedSourceQueue<Message> first = connections.poll(30, TimeUnit.SECONDS);
    assertNotNull(first, "the feed connected");
    first.offer(TextMessage.create(ticker("70000")));
    Eventually.await(WAIT, () -> coinbase() != null && coinbase().path("quotes").asLong() == 1, () -> "feeds: " + server.get("/api/feeds").body());

    // ten minutes pass on the server's clock with the connection gone
    clock.advance(Duration.ofMinutes(10));
    first.complete();
    BoundedSourceQueue<Message> second = connections.poll(30, TimeUnit.SECONDS);
    assertNotNull(second, "the feed connected again");
    second.offer(TextMessage.create(ticker("70100")));

    JsonNode[] gaps = {null};
    Eventually.await(WAIT, () -> {
      gaps[0] = server.get("/api/feeds/coinbase/gaps").body();
      JsonNode g = gaps[0].path("gaps").path(0);
      return g.path("backfilled").size() == 1;
    }, () -> "gaps: " + gaps[0]);
    JsonNode gap = gaps[0].path("gaps").get(0);
    assertEquals(1, gaps[0].path("recorded").asInt(), gaps[0].toString());
    assertEquals(t0.toString(), gap.path("from").asText(), gap.toString());
    assertEquals(t0.plus(Duration.ofMinutes(10)).toString(), gap.path("to").asText(), gap.toString());
    assertEquals("BTC/USD", gap.path("backfilled").get(0).asText());
    assertEquals(0, gap.path("failed").size());
    synchronized (candleQueries) {
      assertEquals(List.of("/api/v3/brokerage/market/products/BTC-USD/candles?start=" + t0.getEpochSecond() + "&end="
          + (t0.getEpochSecond() + 599) + "&granularity=ONE_MINUTE"), candleQueries);
    }

    JsonNode bars = server.get("/api/feeds/coinbase/bars?instrument=BTC/USD&from=" + t0 + "&to=" + t0.plus(Duration.ofMinutes(10))).body();
    assertEquals(10, bars.path("bars").size(), bars.toString());
    long base = t0.truncatedTo(ChronoUnit.DAYS).getEpochSecond();
    for (int i = 0; i < 10; i++) {
      JsonNode bar = bars.path("bars").get(i);
      Instant start = t0.plus(Duration.ofMinutes(i));
      assertEquals(start.toString(), bar.path("start").asText(), bar.toString());
      assertEquals(0, new BigDecimal(bar.path("close").asText()).compareTo(BigDecimal.valueOf(60000 + (start.getEpochSecond() - base) / 60 % 100000)),
          bar.toString());
    }
    assertEquals("USD", bars.path("currency").asText());

    var missing = server.get("/api/feeds/coinbase/bars?from=" + t0 + "&to=" + t0.plusSeconds(60));
    assertEquals(400, missing.status());
    assertEquals("instrument", missing.body().path("errors").get(0).path("field").asText(), missing.body().toString());
    var tooLong = server.get("/api/feeds/coinbase/bars?instrument=BTC/USD&from=" + t0 + "&to=" + t0.plus(Duration.ofDays(8)));
    assertEquals(400, tooLong.status());
    assertTrue(tooLong.body().toString().contains("at most 7 days"), tooLong.body().toString());
    assertEquals(404, server.get("/api/feeds/kraken/gaps").status());
  }
}
