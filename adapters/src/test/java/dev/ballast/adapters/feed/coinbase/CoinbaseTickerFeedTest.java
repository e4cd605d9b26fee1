package dev.ballast.adapters.feed.coinbase;

import static dev.ballast.adapters.feed.coinbase.CoinbaseTickerMappingTest.BTC;
import static dev.ballast.adapters.feed.coinbase.CoinbaseTickerMappingTest.ETH;
import static dev.ballast.adapters.feed.coinbase.CoinbaseTickerMappingTest.WANTED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.adapters.feed.FeedHarness;
import dev.ballast.adapters.feed.FeedSamples;
import dev.ballast.adapters.feed.LoopbackWebSocketServer;
import dev.ballast.adapters.feed.WebSocketFeedClient;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Price;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Coinbase client under the real FeedSupervisor, against a loopback server speaking Coinbase's format. */
class CoinbaseTickerFeedTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static ActorTestKit testKit;
  private LoopbackWebSocketServer server;
  private CoinbaseTickerFeed feed;

  @BeforeAll
  static void startKit() {
    testKit = ActorTestKit.create();
  }

  @AfterAll
  static void stopKit() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void start() throws Exception {
    server = new LoopbackWebSocketServer();
    feed = new CoinbaseTickerFeed(new WebSocketFeedClient(HttpClient.newHttpClient(), Duration.ofSeconds(5)), server.uri());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private static void expectSubscriptions(LoopbackWebSocketServer.Connection connection) throws InterruptedException {
    assertEquals("{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"]}", connection.nextReceived(WAIT));
    assertEquals("{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}", connection.nextReceived(WAIT));
  }

  @Test
  void aDroppedConnectionIsOpenedAgainResubscribedAndItsGapRecorded() throws Exception {
    FeedHarness harness = new FeedHarness(testKit, feed, WANTED, Duration.ofSeconds(30));
    LoopbackWebSocketServer.Connection first = server.nextConnection(WAIT);
    expectSubscriptions(first);
    first.send(FeedSamples.read("coinbase", "ticker_snapshot.json"));
    Quote btc = harness.quotes.receiveMessage(WAIT);
    assertEquals(Price.of("21932.98", "USD"), btc.last());

    first.drop();
    LoopbackWebSocketServer.Connection second = server.nextConnection(WAIT);
    expectSubscriptions(second);
    second.send(FeedSamples.read("coinbase", "ticker_update.json"));
    Quote eth = harness.quotes.receiveMessage(WAIT);
    assertEquals(ETH, eth.instrument());
    var gap = (dev.ballast.engine.marketdata.live.FeedGaps.RecordGap) harness.gaps.receiveMessage(WAIT);
    assertEquals(WANTED, gap.instruments());
    assertEquals(true, !gap.to().isBefore(gap.from()));
    harness.awaitConnections(2, WAIT);
    assertEquals(2, harness.metrics.connections());
  }

  @Test
  void aSilentConnectionIsGivenUpAfterTheHeartbeatTimeout() throws Exception {
    // long enough that the second connection, given a message at once, is not given up too on a loaded machine
    FeedHarness harness = new FeedHarness(testKit, feed, WANTED, Duration.ofMillis(1500));
    LoopbackWebSocketServer.Connection first = server.nextConnection(WAIT);
    expectSubscriptions(first);
    first.send(FeedSamples.read("coinbase", "heartbeats.json"));
    // then nothing: the supervisor closes it and connects again
    LoopbackWebSocketServer.Connection second = server.nextConnection(WAIT);
    first.clientGone().get(10, TimeUnit.SECONDS);
    expectSubscriptions(second);
    second.send(FeedSamples.read("coinbase", "ticker_snapshot.json"));
    assertEquals(BTC, harness.quotes.receiveMessage(WAIT).instrument());
    // counted before the first was closed; the second spoke within its timeout
    assertEquals(1, harness.metrics.silences());
  }

  @Test
  void malformedMessagesAreCountedAndSkippedAndTheConnectionGoesOn() throws Exception {
    FeedHarness harness = new FeedHarness(testKit, feed, WANTED, Duration.ofSeconds(30));
    LoopbackWebSocketServer.Connection first = server.nextConnection(WAIT);
    expectSubscriptions(first);
    first.send("this is not JSON");
    first.send(FeedSamples.read("coinbase", "ticker_snapshot.json").replace("\"price\":\"21932.98\"", "\"price\":\"n/a\""));
    first.send(FeedSamples.read("coinbase", "ticker_update.json"));
    assertEquals(ETH, harness.quotes.receiveMessage(WAIT).instrument());
    // the messages arrive in order, so the two before the good one were counted first
    assertEquals(2, harness.metrics.malformed());
    harness.awaitConnections(1, WAIT);
    assertEquals(1, harness.metrics.connections());
    assertEquals(0, harness.metrics.failures());
  }

  @Test
  void withTradesAskedForTheMarketTradesAreSubscribedAndReachTheBusAfterTheSnapshot() throws Exception {
    CoinbaseTickerFeed trading = new CoinbaseTickerFeed(new WebSocketFeedClient(HttpClient.newHttpClient(), Duration.ofSeconds(5)), server.uri(), true);
    FeedHarness harness = new FeedHarness(testKit, trading, WANTED, Duration.ofSeconds(30));
    LoopbackWebSocketServer.Connection connection = server.nextConnection(WAIT);
    assertEquals("{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"]}", connection.nextReceived(WAIT));
    assertEquals("{\"type\":\"subscribe\",\"channel\":\"market_trades\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"]}",
        connection.nextReceived(WAIT));
    assertEquals("{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}", connection.nextReceived(WAIT));
    connection.send(FeedSamples.read("coinbase", "market_trades_snapshot.json"));
    connection.send(FeedSamples.read("coinbase", "market_trades_update.json"));
    // the snapshot's BTC trade at 21100.5 never arrives: the first quote is the update's
    assertEquals(Quote.last(BTC, Price.of("21933.4", "USD"), Instant.parse("2026-01-05T09:30:38.011Z")), harness.quotes.receiveMessage(WAIT));
    assertEquals(Quote.last(ETH, Price.of("1563.2", "USD"), Instant.parse("2026-01-05T09:30:38.102Z")), harness.quotes.receiveMessage(WAIT));
    assertEquals(0, harness.metrics.malformed());
  }
}
