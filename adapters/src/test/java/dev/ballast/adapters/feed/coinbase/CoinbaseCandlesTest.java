package dev.ballast.adapters.feed.coinbase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.adapters.feed.FeedSamples;
import static dev.ballast.adapters.feed.HistoryCalls.await;
import static dev.ballast.adapters.feed.HistoryCalls.failure;
import static dev.ballast.adapters.feed.HistoryCalls.query;
import dev.ballast.adapters.marketdata.LoopbackServer;
import dev.ballast.adapters.marketdata.LoopbackServer.Answer;
import dev.ballast.adapters.marketdata.SourceClient;
import dev.ballast.adapters.marketdata.SourceSettings;
import dev.ballast.engine.marketdata.BarInterval;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.OhlcBar;
import dev.ballast.engine.marketdata.PriceSourceError;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Coinbase's public candles against a loopback server speaking the Advanced Trade REST format. */
class CoinbaseCandlesTest {
  static final InstrumentId BTC_USD = InstrumentId.of("BTC", "USD");
  static final Instant T0 = Instant.parse("2024-03-29T00:00:00Z");
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private CoinbaseCandles source(LoopbackServer server, Instant now, int attempts) {
    open.add(server);
    SourceClient client = new SourceClient(SourceSettings.defaults("coinbase-candles", server.baseUrl())
        .withRetries(attempts, Duration.ofMillis(10), Duration.ofSeconds(5)), Clock.systemUTC());
    open.add(client);
    return new CoinbaseCandles(client, Clock.fixed(now, ZoneOffset.UTC));
  }

  private static Price usd(String v) {
    return Price.of(v, "USD");
  }

  /** Candles of every minute of the asked window, newest first, as Coinbase sends them; closes count the minutes from T0. */
  private static Answer generated(URI uri) {
    Map<String, String> q = query(uri);
    long start = Long.parseLong(q.get("start"));
    long end = Long.parseLong(q.get("end"));
    StringBuilder candles = new StringBuilder();
    for (long t = end - Math.floorMod(end, 60); t >= start; t -= 60) {
      String close = Long.toString(1000 + (t - T0.getEpochSecond()) / 60);
      candles.append(candles.length() == 0 ? "" : ",").append("{\"start\":\"").append(t).append("\",\"low\":\"").append(close)
          .append("\",\"high\":\"").append(close).append("\",\"open\":\"").append(close).append("\",\"close\":\"").append(close)
          .append("\",\"volume\":\"1\"}");
    }
    return Answer.json(200, "{\"candles\":[" + candles + "]}");
  }

  @Test
  void theSampleIsItsClosedMinutesOldestFirstWithExactDecimals() {
    LoopbackServer server = new LoopbackServer().answering(uri -> Answer.json(200, FeedSamples.read("coinbase", "candles_BTC-USD_1m.json")));
    // the third minute is still open at 00:02:50: its close still moves
    CoinbaseCandles source = source(server, Instant.parse("2024-03-29T00:02:50Z"), 1);
    List<OhlcBar> bars = await(source.bars(BTC_USD, BarInterval.ONE_MINUTE, T0, T0.plusSeconds(180)));
    assertEquals(List.of(
        new OhlcBar(BTC_USD, BarInterval.ONE_MINUTE, T0, usd("69980.11"), usd("69988.8"), usd("69940.25"), usd("69961.37"), Quantity.of("2.41137901")),
        new OhlcBar(BTC_USD, BarInterval.ONE_MINUTE, T0.plusSeconds(60), usd("69961.37"), usd("70003.14"), usd("69950"), usd("70001.2"),
            Quantity.of("3"))), bars);
    assertEquals("/api/v3/brokerage/market/products/BTC-USD/candles", server.requests().get(0).path());
    assertEquals("start=1711670400&end=1711670579&granularity=ONE_MINUTE", server.requests().get(0).query());
  }

  @Test
  void aTwelveHourGapIsAskedForInWindowsOf300CandlesAndComesBackWhole() {
    LoopbackServer server = new LoopbackServer().answering(CoinbaseCandlesTest::generated);
    CoinbaseCandles source = source(server, T0.plus(Duration.ofDays(1)), 1);
    List<OhlcBar> bars = await(source.bars(BTC_USD, BarInterval.ONE_MINUTE, T0, T0.plus(Duration.ofHours(12))));
    assertEquals(720, bars.size());
    for (int i = 0; i < bars.size(); i++) {
      assertEquals(T0.plusSeconds(60L * i), bars.get(i).start());
      assertEquals(usd(Integer.toString(1000 + i)), bars.get(i).close());
    }
    assertEquals(List.of("start=1711670400&end=1711688399&granularity=ONE_MINUTE", "start=1711688400&end=1711706399&granularity=ONE_MINUTE",
        "start=1711706400&end=1711713599&granularity=ONE_MINUTE"), server.requests().stream().map(LoopbackServer.Request::query).toList());
  }

  @Test
  void anUnknownProductIsAnUnknownInstrument() {
    LoopbackServer server = new LoopbackServer().answering(uri -> Answer.json(404, FeedSamples.read("coinbase", "candles_not_found.json")));
    InstrumentId nope = InstrumentId.of("NOPE", "USD");
    assertEquals(new PriceSourceError.UnknownInstrument(nope),
        failure(source(server, T0.plusSeconds(600), 1).bars(nope, BarInterval.ONE_MINUTE, T0, T0.plusSeconds(60))));
  }

  @Test
  void aMalformedCandleFailsNamingItAndItsField() {
    LoopbackServer server = new LoopbackServer().answering(uri -> Answer.json(200,
        FeedSamples.read("coinbase", "candles_BTC-USD_1m.json").replace("\"close\":\"69961.37\"", "\"close\":\"n/a\"")));
    PriceSourceError error = failure(source(server, T0.plusSeconds(600), 1).bars(BTC_USD, BarInterval.ONE_MINUTE, T0, T0.plusSeconds(180)));
    PriceSourceError.Malformed malformed = assertInstanceOf(PriceSourceError.Malformed.class, error);
    assertEquals("candle 2, field close: not a decimal: \"n/a\"", malformed.reason());
  }

  @Test
  void aRateLimitIsTypedWithItsRetryAfter() {
    LoopbackServer server = new LoopbackServer().thenAnswer(Answer.withHeader(429, "Retry-After", "30", "{\"message\":\"Too many requests\"}"));
    assertEquals(new PriceSourceError.RateLimited(Duration.ofSeconds(30)),
        failure(source(server, T0.plusSeconds(600), 1).bars(BTC_USD, BarInterval.ONE_MINUTE, T0, T0.plusSeconds(60))));
  }

  @Test
  void theLatestQuoteIsTheLastClosedMinutesCloseAtItsEndAndAnUnknownProductIsLeftOut() {
    LoopbackServer server = new LoopbackServer().answering(uri -> uri.getPath().contains("NOPE-USD")
        ? Answer.json(404, FeedSamples.read("coinbase", "candles_not_found.json"))
        : Answer.json(200, FeedSamples.read("coinbase", "candles_BTC-USD_1m.json")));
    CoinbaseCandles source = source(server, Instant.parse("2024-03-29T00:02:50Z"), 1);
    List<Quote> quotes = await(source.latestQuotes(Set.of(BTC_USD, InstrumentId.of("NOPE", "USD"))));
    assertEquals(List.of(Quote.last(BTC_USD, usd("70001.2"), T0.plusSeconds(120))), quotes);
  }

  @Test
  void anIntervalCoinbaseDoesNotServeIsRefusedWithoutARequest() {
    LoopbackServer server = new LoopbackServer();
    PriceSourceError error = failure(source(server, T0, 1).bars(BTC_USD, BarInterval.FOUR_HOURS, T0, T0.plusSeconds(60)));
    assertTrue(error.message().contains("FOUR_HOURS"), error.message());
    assertEquals(0, server.requests().size());
  }
}
