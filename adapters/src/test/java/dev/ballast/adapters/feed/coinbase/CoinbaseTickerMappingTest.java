package dev.ballast.adapters.feed.coinbase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.ballast.adapters.feed.FeedFrame;
import dev.ballast.adapters.feed.FeedSamples;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Price;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoinbaseTickerMappingTest {
  static final InstrumentId BTC = InstrumentId.of("BTC", "USD");
  static final InstrumentId ETH = InstrumentId.of("ETH", "USD");
  static final Set<InstrumentId> WANTED = Set.of(BTC, ETH);

  @Test
  void aSnapshotGivesBidAskAndLastAtTheMessageTime() {
    FeedFrame frame = CoinbaseTickerMapping.frame(FeedSamples.read("coinbase", "ticker_snapshot.json"), WANTED);
    assertEquals(new FeedFrame.Quotes(List.of(new Quote(BTC, Price.of("21931.98", "USD"), Price.of("21933.01", "USD"),
        Price.of("21932.98", "USD"), Instant.parse("2026-01-05T09:30:37.167359596Z")))), frame);
  }

  @Test
  void anUpdateKeepsOnlyTheSubscribedInstruments() {
    FeedFrame frame = CoinbaseTickerMapping.frame(FeedSamples.read("coinbase", "ticker_update.json"), WANTED);
    assertEquals(new FeedFrame.Quotes(List.of(new Quote(ETH, Price.of("1563.11", "USD"), Price.of("1563.13", "USD"),
        Price.of("1563.12", "USD"), Instant.parse("2026-01-05T09:30:38.000000001Z")))), frame);
  }

  @Test
  void heartbeatsAndSubscriptionsAreSignsOfLifeAndAnErrorIsTheVenues() {
    assertInstanceOf(FeedFrame.Alive.class, CoinbaseTickerMapping.frame(FeedSamples.read("coinbase", "heartbeats.json"), WANTED));
    assertInstanceOf(FeedFrame.Alive.class, CoinbaseTickerMapping.frame(FeedSamples.read("coinbase", "subscriptions.json"), WANTED));
    assertEquals(new FeedFrame.VenueError("failure to subscribe"), CoinbaseTickerMapping.frame(FeedSamples.read("coinbase", "error.json"), WANTED));
  }

  @Test
  void whatIsNotTheFormatIsMalformedWithTheReason() {
    assertEquals(new FeedFrame.Malformed("not JSON"), CoinbaseTickerMapping.frame("{oops", WANTED));
    assertEquals(new FeedFrame.Malformed("unknown channel \"level3\""), CoinbaseTickerMapping.frame("{\"channel\":\"level3\"}", WANTED));
    String badPrice = FeedSamples.read("coinbase", "ticker_snapshot.json").replace("\"price\":\"21932.98\"", "\"price\":\"n/a\"");
    assertEquals(new FeedFrame.Malformed("ticker BTC-USD: field price is not a decimal: \"n/a\""), CoinbaseTickerMapping.frame(badPrice, WANTED));
    String crossed = FeedSamples.read("coinbase", "ticker_snapshot.json").replace("\"best_bid\":\"21931.98\"", "\"best_bid\":\"99999\"");
    assertInstanceOf(FeedFrame.Malformed.class, CoinbaseTickerMapping.frame(crossed, WANTED));
  }

  @Test
  void theSubscriptionNamesTheTickerProductsAndTheHeartbeats() {
    assertEquals(List.of("{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"]}",
        "{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}"), CoinbaseTickerMapping.subscriptions(WANTED));
  }

  @Test
  void marketTradesAreLastPricesAtTheirOwnTimesAndTheSnapshotOfOldTradesIsPassedOver() {
    assertEquals(new FeedFrame.Quotes(List.of(Quote.last(BTC, Price.of("21933.4", "USD"), Instant.parse("2026-01-05T09:30:38.011Z")),
        Quote.last(ETH, Price.of("1563.2", "USD"), Instant.parse("2026-01-05T09:30:38.102Z")))),
        CoinbaseTickerMapping.frame(FeedSamples.read("coinbase", "market_trades_update.json"), WANTED));
    assertEquals(new FeedFrame.Quotes(List.of()), CoinbaseTickerMapping.frame(FeedSamples.read("coinbase", "market_trades_snapshot.json"), WANTED));
    String untimed = FeedSamples.read("coinbase", "market_trades_update.json").replace(",\"time\":\"2026-01-05T09:30:38.011Z\"", "");
    assertEquals(new FeedFrame.Malformed("market_trades BTC-USD: time is not an ISO instant"), CoinbaseTickerMapping.frame(untimed, WANTED));
    String unpriced = FeedSamples.read("coinbase", "market_trades_update.json").replace("\"price\":\"1563.2\"", "\"price\":\"\"");
    assertEquals(new FeedFrame.Malformed("market_trades ETH-USD: no price"), CoinbaseTickerMapping.frame(unpriced, WANTED));
    String badProduct = FeedSamples.read("coinbase", "market_trades_update.json").replace("\"BTC-USD\"", "\"BTCUSD\"");
    assertEquals(new FeedFrame.Malformed("market_trades: product_id \"BTCUSD\" is not BASE-QUOTE"), CoinbaseTickerMapping.frame(badProduct, WANTED));
  }

  @Test
  void theTradesOfOneUpdateComeOldestFirstSoTheNewestIsTheLastPriceKept() {
    String newestFirst = "{\"channel\":\"market_trades\",\"client_id\":\"\",\"timestamp\":\"2026-01-05T09:30:39.000Z\",\"sequence_num\":9,"
        + "\"events\":[{\"type\":\"update\",\"trades\":["
        + "{\"trade_id\":\"3\",\"product_id\":\"BTC-USD\",\"price\":\"21940\",\"size\":\"0.1\",\"side\":\"BUY\",\"time\":\"2026-01-05T09:30:38.900Z\"},"
        + "{\"trade_id\":\"2\",\"product_id\":\"ETH-USD\",\"price\":\"1564\",\"size\":\"1\",\"side\":\"SELL\",\"time\":\"2026-01-05T09:30:38.850Z\"},"
        + "{\"trade_id\":\"1\",\"product_id\":\"BTC-USD\",\"price\":\"21930\",\"size\":\"0.2\",\"side\":\"SELL\",\"time\":\"2026-01-05T09:30:38.700Z\"}]}]}";
    assertEquals(new FeedFrame.Quotes(List.of(Quote.last(BTC, Price.of("21930", "USD"), Instant.parse("2026-01-05T09:30:38.700Z")),
        Quote.last(ETH, Price.of("1564", "USD"), Instant.parse("2026-01-05T09:30:38.850Z")),
        Quote.last(BTC, Price.of("21940", "USD"), Instant.parse("2026-01-05T09:30:38.900Z")))),
        CoinbaseTickerMapping.frame(newestFirst, WANTED));
  }

  @Test
  void withTradesTheMarketTradesOfTheSameProductsAreSubscribedBeforeTheHeartbeats() {
    assertEquals(List.of("{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"]}",
        "{\"type\":\"subscribe\",\"channel\":\"market_trades\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"]}",
        "{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}"), CoinbaseTickerMapping.subscriptions(WANTED, true));
  }
}
