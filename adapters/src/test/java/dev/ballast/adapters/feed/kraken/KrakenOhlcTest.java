package dev.ballast.adapters.feed.kraken;

import static dev.ballast.adapters.feed.HistoryCalls.await;
import static dev.ballast.adapters.feed.HistoryCalls.failure;
import static dev.ballast.adapters.feed.HistoryCalls.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.ballast.adapters.feed.FeedSamples;
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

/** Kraken's public OHLC against a loopback server speaking its REST format. */
class KrakenOhlcTest {
  static final InstrumentId BTC_USD = InstrumentId.of("BTC", "USD");
  static final Instant T0 = Instant.parse("2024-03-29T00:00:00Z");
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private KrakenOhlc source(LoopbackServer server, Instant now) {
    open.add(server);
    SourceClient client = new SourceClient(SourceSettings.defaults("kraken-ohlc", server.baseUrl())
        .withRetries(1, Duration.ofMillis(10), Duration.ofSeconds(5)), Clock.systemUTC());
    open.add(client);
    return new KrakenOhlc(client, Clock.fixed(now, ZoneOffset.UTC));
  }

  private static Price usd(String v) {
    return Price.of(v, "USD");
  }

  /**
   * Kraken paging as the API does it, at most {@code perPage} rows after {@code since} up to
   * {@code now} (the last one the minute still open) and {@code last}, the newest committed row.
   */
  private static Answer paged(URI uri, Instant now, int perPage) {
    Map<String, String> q = query(uri);
    long since = Long.parseLong(q.get("since"));
    long first = since - Math.floorMod(since, 60) + 60;
    StringBuilder rows = new StringBuilder();
    long last = since;
    int n = 0;
    for (long t = first; t <= now.getEpochSecond() && n < perPage; t += 60, n++) {
      String close = Long.toString(1000 + (t - T0.getEpochSecond()) / 60);
      rows.append(rows.length() == 0 ? "" : ",").append("[").append(t).append(",\"").append(close).append("\",\"").append(close)
          .append("\",\"").append(close).append("\",\"").append(close).append("\",\"").append(close).append("\",\"0.5\",3]");
      if (t + 60 <= now.getEpochSecond()) {
        last = t;
      }
    }
    return Answer.json(200, "{\"error\":[],\"result\":{\"XXBTZUSD\":[" + rows + "],\"last\":" + last + "}}");
  }

  @Test
  void theSampleIsItsCommittedMinutesWithExactDecimalsUnderKrakensOwnPairName() {
    LoopbackServer server = new LoopbackServer().answering(uri -> Answer.json(200, FeedSamples.read("kraken", "ohlc_XBTUSD_1m.json")));
    KrakenOhlc source = source(server, Instant.parse("2024-03-29T00:02:50Z"));
    List<OhlcBar> bars = await(source.bars(BTC_USD, BarInterval.ONE_MINUTE, T0, T0.plusSeconds(180)));
    assertEquals(List.of(
        new OhlcBar(BTC_USD, BarInterval.ONE_MINUTE, T0, usd("69980.1"), usd("69988.8"), usd("69940.2"), usd("69961.4"), Quantity.of("2.41137901")),
        new OhlcBar(BTC_USD, BarInterval.ONE_MINUTE, T0.plusSeconds(60), usd("69961.4"), usd("70003.1"), usd("69950"), usd("70001.2"),
            Quantity.of("3"))), bars);
    assertEquals("/0/public/OHLC", server.requests().get(0).path());
    // since is exclusive: one second before the gap keeps its first minute
    assertEquals("pair=XBTUSD&interval=1&since=1711670399", server.requests().get(0).query());
  }

  @Test
  void aLongGapIsPagedForwardByLastWithNoMinuteTwiceOrMissing() {
    Instant now = T0.plus(Duration.ofHours(20));
    LoopbackServer server = new LoopbackServer();
    server.answering(uri -> paged(uri, now, 400));
    KrakenOhlc source = source(server, now);
    List<OhlcBar> bars = await(source.bars(BTC_USD, BarInterval.ONE_MINUTE, T0, T0.plusSeconds(60 * 1000)));
    assertEquals(1000, bars.size());
    for (int i = 0; i < bars.size(); i++) {
      assertEquals(T0.plusSeconds(60L * i), bars.get(i).start());
      assertEquals(usd(Integer.toString(1000 + i)), bars.get(i).close());
    }
    assertEquals(List.of("pair=XBTUSD&interval=1&since=1711670399", "pair=XBTUSD&interval=1&since=1711694340",
        "pair=XBTUSD&interval=1&since=1711718340"), server.requests().stream().map(LoopbackServer.Request::query).toList());
  }

  @Test
  void aGapReachingNowEndsAtTheLastCommittedMinute() {
    Instant now = T0.plusSeconds(60 * 5 + 30);
    LoopbackServer server = new LoopbackServer();
    server.answering(uri -> paged(uri, now, 720));
    List<OhlcBar> bars = await(source(server, now).bars(BTC_USD, BarInterval.ONE_MINUTE, T0, now));
    assertEquals(5, bars.size());
    assertEquals(T0.plusSeconds(240), bars.get(4).start());
  }

  @Test
  void anUnknownPairIsAnUnknownInstrumentAndARateLimitIsTyped() {
    LoopbackServer unknown = new LoopbackServer().answering(uri -> Answer.json(200, FeedSamples.read("kraken", "ohlc_unknown_pair.json")));
    InstrumentId nope = InstrumentId.of("NOPE", "USD");
    assertEquals(new PriceSourceError.UnknownInstrument(nope), failure(source(unknown, T0.plusSeconds(600)).bars(nope, BarInterval.ONE_MINUTE,
        T0, T0.plusSeconds(60))));
    LoopbackServer limited = new LoopbackServer().answering(uri -> Answer.json(200, "{\"error\":[\"EGeneral:Too many requests\"]}"));
    assertEquals(new PriceSourceError.RateLimited(null), failure(source(limited, T0.plusSeconds(600)).bars(BTC_USD, BarInterval.ONE_MINUTE,
        T0, T0.plusSeconds(60))));
  }

  @Test
  void aMalformedRowFailsNamingItsCell() {
    LoopbackServer server = new LoopbackServer().answering(uri -> Answer.json(200,
        FeedSamples.read("kraken", "ohlc_XBTUSD_1m.json").replace("\"69961.4\",\"69962.5\"", "69961.4,\"69962.5\"")));
    PriceSourceError.Malformed malformed = assertInstanceOf(PriceSourceError.Malformed.class,
        failure(source(server, T0.plusSeconds(600)).bars(BTC_USD, BarInterval.ONE_MINUTE, T0, T0.plusSeconds(180))));
    assertEquals("OHLC row 0 (2024-03-29T00:00:00Z), cell 4: expected a decimal string, got 69961.4", malformed.reason());
  }

  @Test
  void pairsUseKrakensRestCodes() {
    assertEquals("XBTUSD", KrakenOhlcMapping.pair(BTC_USD));
    assertEquals("XDGEUR", KrakenOhlcMapping.pair(InstrumentId.of("DOGE", "EUR")));
    assertEquals("ETHUSD", KrakenOhlcMapping.pair(InstrumentId.of("ETH", "USD")));
  }

  @Test
  void theLatestQuoteIsTheLastCommittedMinutesClose() {
    Instant now = T0.plusSeconds(60 * 5 + 30);
    LoopbackServer server = new LoopbackServer();
    server.answering(uri -> paged(uri, now, 720));
    assertEquals(List.of(Quote.last(BTC_USD, usd("1004"), T0.plusSeconds(300))), await(source(server, now).latestQuotes(Set.of(BTC_USD))));
  }
}
