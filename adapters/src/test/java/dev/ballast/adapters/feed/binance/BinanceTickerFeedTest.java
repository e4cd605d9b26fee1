package dev.ballast.adapters.feed.binance;

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
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BinanceTickerFeedTest {
  static final InstrumentId BTC = InstrumentId.of("BTC", "USDT");
  static final InstrumentId ETH = InstrumentId.of("ETH", "USDT");
  static final Map<String, InstrumentId> SYMBOLS = BinanceTickerMapping.symbols(Set.of(BTC, ETH));
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
  void combinedAndRawTickersGiveBidAskLastAtTheEventTime() {
    assertEquals(new FeedFrame.Quotes(List.of(new Quote(BTC, Price.of("90947.59000000", "USDT"), Price.of("90947.60000000", "USDT"),
        Price.of("90947.60000000", "USDT"), Instant.ofEpochMilli(1767605437167L)))),
        BinanceTickerMapping.frame(FeedSamples.read("binance", "ticker_combined.json"), SYMBOLS));
    assertEquals(new FeedFrame.Quotes(List.of(new Quote(ETH, Price.of("3160.00000000", "USDT"), Price.of("3160.02000000", "USDT"),
        Price.of("3160.01000000", "USDT"), Instant.ofEpochMilli(1767605438000L)))),
        BinanceTickerMapping.frame(FeedSamples.read("binance", "ticker_raw.json"), SYMBOLS));
  }

  @Test
  void keysAreCaseSensitiveAndWhatIsNotTheFormatIsMalformed() {
    // "c" is the last price and "C" the close time: a case-insensitive reader would mix them
    String swapped = FeedSamples.read("binance", "ticker_raw.json").replace("\"c\":\"3160.01000000\"", "\"c\":\"oops\"");
    assertEquals(new FeedFrame.Malformed("24hrTicker ETHUSDT: field c is not a decimal: \"oops\""), BinanceTickerMapping.frame(swapped, SYMBOLS));
    assertEquals(new FeedFrame.Malformed("not JSON"), BinanceTickerMapping.frame("[", SYMBOLS));
    assertInstanceOf(FeedFrame.Malformed.class, BinanceTickerMapping.frame("{\"e\":\"kline\"}", SYMBOLS));
    assertEquals(new FeedFrame.VenueError("-1121 Invalid symbol."), BinanceTickerMapping.frame(FeedSamples.read("binance", "error.json"), SYMBOLS));
    assertEquals(new FeedFrame.Quotes(List.of()), BinanceTickerMapping.frame(FeedSamples.read("binance", "ticker_raw.json"),
        BinanceTickerMapping.symbols(Set.of(BTC))));
  }

  @Test
  void theStreamsAreNamedInTheAddress() {
    assertEquals(URI.create("ws://h/stream?streams=btcusdt@ticker/ethusdt@ticker"),
        BinanceTickerMapping.streamUri(URI.create("ws://h/stream"), Set.of(ETH, BTC)));
    assertEquals(URI.create("ws://h/stream?streams=btcusdt@ticker/btcusdt@trade/ethusdt@ticker/ethusdt@trade"),
        BinanceTickerMapping.streamUri(URI.create("ws://h/stream"), Set.of(ETH, BTC), true));
  }

  @Test
  void aTradeIsALastPriceAtTheTradesTime() {
    String trade = FeedSamples.read("binance", "trade_combined.json");
    // T (the trade) is 1 ms before E (the event): the price is of the trade's time
    assertEquals(new FeedFrame.Quotes(List.of(Quote.last(BTC, Price.of("90948.01000000", "USDT"), Instant.ofEpochMilli(1767605437209L)))),
        BinanceTickerMapping.frame(trade, SYMBOLS));
    assertEquals(new FeedFrame.Malformed("trade BTCUSDT: field p is missing or zero"),
        BinanceTickerMapping.frame(trade.replace("\"p\":\"90948.01000000\"", "\"p\":\"0.00000000\""), SYMBOLS));
    assertEquals(new FeedFrame.Malformed("trade BTCUSDT: field T is not epoch milliseconds"),
        BinanceTickerMapping.frame(trade.replace("\"T\":1767605437209", "\"T\":\"soon\""), SYMBOLS));
    assertEquals(new FeedFrame.Quotes(List.of()), BinanceTickerMapping.frame(trade, BinanceTickerMapping.symbols(Set.of(ETH))));
  }

  @Test
  void withTradesAskedForBothTickersAndTradesReachTheBus() throws Exception {
    try (LoopbackWebSocketServer server = new LoopbackWebSocketServer()) {
      BinanceTickerFeed feed = new BinanceTickerFeed(new WebSocketFeedClient(HttpClient.newHttpClient(), Duration.ofSeconds(5)), server.uri(), true);
      FeedHarness harness = new FeedHarness(testKit, feed, Set.of(BTC, ETH), Duration.ofSeconds(30));
      LoopbackWebSocketServer.Connection connection = server.nextConnection(WAIT);
      connection.send(FeedSamples.read("binance", "ticker_combined.json"));
      connection.send(FeedSamples.read("binance", "trade_combined.json"));
      Quote ticker = harness.quotes.receiveMessage(WAIT);
      Quote trade = harness.quotes.receiveMessage(WAIT);
      assertEquals(Price.of("90947.59000000", "USDT"), ticker.bid());
      assertEquals(Quote.last(BTC, Price.of("90948.01000000", "USDT"), Instant.ofEpochMilli(1767605437209L)), trade);
    }
  }

  @Test
  void underTheSupervisorADroppedStreamIsOpenedAgainAndMalformedMessagesAreSkipped() throws Exception {
    try (LoopbackWebSocketServer server = new LoopbackWebSocketServer()) {
      BinanceTickerFeed feed = new BinanceTickerFeed(new WebSocketFeedClient(HttpClient.newHttpClient(), Duration.ofSeconds(5)), server.uri());
      FeedHarness harness = new FeedHarness(testKit, feed, Set.of(BTC, ETH), Duration.ofSeconds(30));
      LoopbackWebSocketServer.Connection first = server.nextConnection(WAIT);
      first.send("garbage");
      first.send(FeedSamples.read("binance", "ticker_combined.json"));
      assertEquals(BTC, harness.quotes.receiveMessage(WAIT).instrument());
      assertEquals(1, harness.metrics.malformed());
      first.drop();
      LoopbackWebSocketServer.Connection second = server.nextConnection(WAIT);
      second.send(FeedSamples.read("binance", "ticker_raw.json"));
      assertEquals(ETH, harness.quotes.receiveMessage(WAIT).instrument());
      harness.awaitConnections(2, WAIT);
      assertEquals(2, harness.metrics.connections());
    }
  }
}
