package dev.ballast.adapters.feed.kraken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.ballast.adapters.feed.FeedFrame;
import dev.ballast.adapters.feed.FeedHarness;
import dev.ballast.adapters.feed.FeedSamples;
import dev.ballast.adapters.feed.LoopbackWebSocketServer;
import dev.ballast.adapters.feed.WebSocketFeedClient;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Price;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KrakenTickerFeedTest {
  static final InstrumentId BTC = InstrumentId.of("BTC", "USD");
  static final InstrumentId ETH = InstrumentId.of("ETH", "USD");
  static final Set<InstrumentId> WANTED = Set.of(BTC, ETH);
  static final Instant RECEIVED = Instant.parse("2026-01-05T09:31:00Z");
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static ActorTestKit testKit;

  @BeforeAll
  static void startKit() {
    testKit = ActorTestKit.create();
  }

  @AfterAll
  static void stopKit() {
    testKit.shutdownTestKit();
  }

  @Test
  void numbersAreReadAsExactDecimalsAndTheTimeIsTheMessagesOrTheReceipt() {
    assertEquals(new FeedFrame.Quotes(List.of(new Quote(BTC, Price.of("90947.5", "USD"), Price.of("90947.6", "USD"), Price.of("90947.6", "USD"),
        Instant.parse("2026-01-05T09:30:37.167359Z")))), KrakenTickerMapping.frame(FeedSamples.read("kraken", "ticker_snapshot.json"), WANTED, RECEIVED));
    FeedFrame.Quotes update = (FeedFrame.Quotes) KrakenTickerMapping.frame(FeedSamples.read("kraken", "ticker_update_no_timestamp.json"), WANTED, RECEIVED);
    assertEquals(RECEIVED, update.quotes().get(0).time());
    assertEquals(new BigDecimal("3160.02"), update.quotes().get(0).ask().value());
  }

  @Test
  void heartbeatsAcknowledgementsErrorsAndMalformed() {
    assertInstanceOf(FeedFrame.Alive.class, KrakenTickerMapping.frame(FeedSamples.read("kraken", "heartbeat.json"), WANTED, RECEIVED));
    assertInstanceOf(FeedFrame.Alive.class, KrakenTickerMapping.frame(FeedSamples.read("kraken", "subscribe_ack.json"), WANTED, RECEIVED));
    assertEquals(new FeedFrame.VenueError("subscribe: Currency pair not supported FOO/USD"),
        KrakenTickerMapping.frame(FeedSamples.read("kraken", "subscribe_error.json"), WANTED, RECEIVED));
    String quoted = FeedSamples.read("kraken", "ticker_snapshot.json").replace("\"last\":90947.6", "\"last\":\"90947.6\"");
    assertEquals(new FeedFrame.Malformed("ticker BTC/USD: field last is not a number: \"90947.6\""), KrakenTickerMapping.frame(quoted, WANTED, RECEIVED));
    assertEquals(new FeedFrame.Malformed("not JSON"), KrakenTickerMapping.frame("}{", WANTED, RECEIVED));
  }

  @Test
  void tradesAreLastPricesAtTheirTimesAndTheSnapshotOfOldTradesIsPassedOver() {
    assertEquals(new FeedFrame.Quotes(List.of(Quote.last(BTC, Price.of("90948.1", "USD"), Instant.parse("2026-01-05T09:30:38.001234Z")),
        Quote.last(ETH, Price.of("3160.02", "USD"), Instant.parse("2026-01-05T09:30:38.104Z")))),
        KrakenTickerMapping.frame(FeedSamples.read("kraken", "trade_update.json"), WANTED, RECEIVED));
    assertInstanceOf(FeedFrame.Alive.class, KrakenTickerMapping.frame(FeedSamples.read("kraken", "trade_snapshot.json"), WANTED, RECEIVED));
    String untimed = FeedSamples.read("kraken", "trade_update.json").replace(",\"timestamp\":\"2026-01-05T09:30:38.001234Z\"", "");
    assertEquals(new FeedFrame.Malformed("trade BTC/USD: timestamp is not an ISO instant"), KrakenTickerMapping.frame(untimed, WANTED, RECEIVED));
    String quoted = FeedSamples.read("kraken", "trade_update.json").replace("\"price\":90948.1", "\"price\":\"90948.1\"");
    assertEquals(new FeedFrame.Malformed("trade BTC/USD: field price is not a number: \"90948.1\""), KrakenTickerMapping.frame(quoted, WANTED, RECEIVED));
  }

  @Test
  void withTradesAskedForBothChannelsAreSubscribedAndTradesReachTheBus() throws Exception {
    try (LoopbackWebSocketServer server = new LoopbackWebSocketServer()) {
      KrakenTickerFeed feed = new KrakenTickerFeed(new WebSocketFeedClient(HttpClient.newHttpClient(), Duration.ofSeconds(5)), server.uri(),
          Clock.systemUTC(), true);
      FeedHarness harness = new FeedHarness(testKit, feed, WANTED, Duration.ofSeconds(30));
      LoopbackWebSocketServer.Connection connection = server.nextConnection(WAIT);
      assertEquals("{\"method\":\"subscribe\",\"params\":{\"channel\":\"ticker\",\"symbol\":[\"BTC/USD\",\"ETH/USD\"]}}", connection.nextReceived(WAIT));
      assertEquals("{\"method\":\"subscribe\",\"params\":{\"channel\":\"trade\",\"symbol\":[\"BTC/USD\",\"ETH/USD\"],\"snapshot\":false}}",
          connection.nextReceived(WAIT));
      connection.send(FeedSamples.read("kraken", "trade_snapshot.json"));
      connection.send(FeedSamples.read("kraken", "trade_update.json"));
      // the snapshot's BTC trade at 90100 never arrives: the first quote is the update's
      assertEquals(Quote.last(BTC, Price.of("90948.1", "USD"), Instant.parse("2026-01-05T09:30:38.001234Z")), harness.quotes.receiveMessage(WAIT));
      assertEquals(ETH, harness.quotes.receiveMessage(WAIT).instrument());
    }
  }

  @Test
  void underTheSupervisorADroppedConnectionIsOpenedAgainAndResubscribed() throws Exception {
    try (LoopbackWebSocketServer server = new LoopbackWebSocketServer()) {
      KrakenTickerFeed feed = new KrakenTickerFeed(new WebSocketFeedClient(HttpClient.newHttpClient(), Duration.ofSeconds(5)), server.uri(),
          Clock.systemUTC());
      FeedHarness harness = new FeedHarness(testKit, feed, WANTED, Duration.ofSeconds(30));
      String subscription = "{\"method\":\"subscribe\",\"params\":{\"channel\":\"ticker\",\"symbol\":[\"BTC/USD\",\"ETH/USD\"]}}";
      LoopbackWebSocketServer.Connection first = server.nextConnection(WAIT);
      assertEquals(subscription, first.nextReceived(WAIT));
      first.send(FeedSamples.read("kraken", "subscribe_ack.json"));
      first.send("{\"channel\":\"book\"}");
      first.send(FeedSamples.read("kraken", "ticker_snapshot.json"));
      assertEquals(BTC, harness.quotes.receiveMessage(WAIT).instrument());
      assertEquals(1, harness.metrics.malformed());
      first.drop();
      LoopbackWebSocketServer.Connection second = server.nextConnection(WAIT);
      assertEquals(subscription, second.nextReceived(WAIT));
      second.send(FeedSamples.read("kraken", "ticker_update_no_timestamp.json"));
      assertEquals(ETH, harness.quotes.receiveMessage(WAIT).instrument());
    }
  }
}
