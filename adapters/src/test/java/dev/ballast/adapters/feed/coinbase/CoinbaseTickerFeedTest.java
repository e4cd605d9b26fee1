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
    FeedHarness harness = new FeedHarness(testKit, feed, WANTED, Duration.ofMillis(400));
    LoopbackWebSocketServer.Connection first = server.nextConnection(WAIT);
    expectSubscriptions(first);
    first.send(FeedSamples.read("coinbase", "heartbeats.json"));
    // then nothing: the supervisor closes it and connects again
    LoopbackWebSocketServer.Connection second = server.nextConnection(WAIT);
    first.clientGone().get(10, TimeUnit.SECONDS);
    expectSubscriptions(second);
    assertEquals(1, harness.metrics.silences());
    second.send(FeedSamples.read("coinbase", "ticker_snapshot.json"));
    assertEquals(BTC, harness.quotes.receiveMessage(WAIT).instrument());
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
}
