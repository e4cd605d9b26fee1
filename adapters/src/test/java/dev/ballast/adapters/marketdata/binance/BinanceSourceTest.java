package dev.ballast.adapters.marketdata.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.adapters.marketdata.LoopbackServer;
import dev.ballast.adapters.marketdata.LoopbackServer.Answer;
import dev.ballast.adapters.marketdata.SourceClient;
import dev.ballast.adapters.marketdata.SourceSettings;
import dev.ballast.engine.marketdata.BarInterval;
import dev.ballast.engine.marketdata.DailyBar;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.OhlcBar;
import dev.ballast.engine.marketdata.PriceSource;
import dev.ballast.engine.marketdata.PriceSourceContract;
import dev.ballast.engine.marketdata.PriceSourceError;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Binance klines against a loopback server speaking the REST API's format. */
class BinanceSourceTest extends PriceSourceContract {
  static final InstrumentId BTC_USDT = InstrumentId.of("BTC", "USDT");
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private BinanceSource source(LoopbackServer server, Clock clock) {
    open.add(server);
    SourceClient client = new SourceClient(SourceSettings.defaults("binance", server.baseUrl())
        .withRetries(2, Duration.ofMillis(10), Duration.ofSeconds(5)), Clock.systemUTC());
    open.add(client);
    return new BinanceSource(client, asset -> Optional.empty(), clock);
  }

  @Override
  protected PriceSource sourceKnowing(List<OhlcBar> bars, List<Quote> quotes) {
    return source(new LoopbackServer().answering(uri -> render(uri, bars, quotes)), Clock.systemUTC());
  }

  @Override
  protected PriceSource sourceFailingWith(PriceSourceError error) {
    PriceSourceError.RateLimited limited = (PriceSourceError.RateLimited) error;
    return source(new LoopbackServer().thenAnswer(Answer.withHeader(429, "Retry-After",
        Long.toString(limited.retryAfter().toSeconds()), "{\"code\":-1003,\"msg\":\"Too many requests.\"}")), Clock.systemUTC());
  }

  private static Price usdt(String v) {
    return Price.of(v, "USDT");
  }

  @Test
  void theSampleKlinesAreDailyBarsWithExactDecimalStrings() {
    LoopbackServer server = new LoopbackServer().answering(uri -> Answer.json(200, LoopbackServer.resource(getClass(), "binance_klines_BTCUSDT_1d.json")));
    BinanceSource source = source(server, Clock.fixed(Instant.parse("2024-04-01T06:00:00Z"), ZoneOffset.UTC));
    List<DailyBar> bars = await(source.dailyHistory(BTC_USDT, LocalDate.parse("2024-03-29"), LocalDate.parse("2024-03-31"))).bars();
    assertEquals(new DailyBar(LocalDate.parse("2024-03-29"), new OhlcBar(BTC_USDT, BarInterval.ONE_DAY, Instant.parse("2024-03-29T00:00:00Z"),
        usdt("70744.8"), usdt("70913.07"), usdt("69076"), usdt("69892.83"), Quantity.of("25230.23951")), usdt("69892.83")), bars.get(0));
    assertEquals(List.of("2024-03-29", "2024-03-30", "2024-03-31"), bars.stream().map(b -> b.date().toString()).toList());
    assertEquals("/api/v3/klines", server.requests().get(0).path());
    assertEquals("symbol=BTCUSDT&interval=1d&startTime=1711670400000&endTime=1711929599999&limit=1000", server.requests().get(0).query());
  }

  @Test
  void theKlineStillOpenIsNotABar() {
    LoopbackServer server = new LoopbackServer().answering(uri -> Answer.json(200, LoopbackServer.resource(getClass(), "binance_klines_BTCUSDT_1d.json")));
    BinanceSource source = source(server, Clock.fixed(Instant.parse("2024-03-31T12:00:00Z"), ZoneOffset.UTC));
    assertEquals(List.of(Instant.parse("2024-03-29T00:00:00Z"), Instant.parse("2024-03-30T00:00:00Z")),
        await(source.bars(BTC_USDT, BarInterval.ONE_DAY, Instant.parse("2024-03-29T00:00:00Z"), Instant.parse("2024-04-01T00:00:00Z")))
            .stream().map(OhlcBar::start).toList());
  }

  @Test
  void anInvalidSymbolIsAnUnknownInstrument() {
    BinanceSource source = source(new LoopbackServer().answering(uri -> Answer.json(400,
        LoopbackServer.resource(getClass(), "binance_error_invalid_symbol.json"))), Clock.systemUTC());
    InstrumentId nope = InstrumentId.of("NOPE", "USDT");
    assertEquals(new PriceSourceError.UnknownInstrument(nope),
        failure(source.bars(nope, BarInterval.ONE_DAY, Instant.parse("2024-03-29T00:00:00Z"), Instant.parse("2024-04-01T00:00:00Z"))));
  }

  @Test
  void aNumberWhereBinanceWritesADecimalStringIsMalformed() {
    BinanceSource source = source(new LoopbackServer().answering(uri -> Answer.json(200,
        "[[1711670400000,70744.8,\"70913.07\",\"69076\",\"69892.83\",\"1\",1711756799999,\"1\",1,\"1\",\"1\",\"0\"]]")), Clock.systemUTC());
    assertEquals(new PriceSourceError.Malformed("kline 0, cell 1: expected a decimal string, got 70744.8"),
        failure(source.bars(BTC_USDT, BarInterval.ONE_DAY, Instant.parse("2024-03-29T00:00:00Z"), Instant.parse("2024-04-01T00:00:00Z"))));
  }

  @Test
  void moreThanAThousandKlinesAreReadPageByPage() {
    Instant first = Instant.parse("2024-01-01T00:00:00Z");
    List<OhlcBar> many = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      Price p = usdt(Integer.toString(100 + i));
      many.add(new OhlcBar(BTC_USDT, BarInterval.ONE_MINUTE, first.plus(Duration.ofMinutes(i)), p, p, p, p, Quantity.of("1")));
    }
    LoopbackServer server = new LoopbackServer().answering(uri -> render(uri, many, List.of()));
    BinanceSource source = source(server, Clock.systemUTC());
    assertEquals(many, await(source.bars(BTC_USDT, BarInterval.ONE_MINUTE, first, first.plus(Duration.ofMinutes(1500)))));
    assertEquals(2, server.requests().size());
  }

  // ---- a klines answer made of the contract's bars -------------------------------------------

  private static Answer render(URI uri, List<OhlcBar> bars, List<Quote> quotes) {
    Map<String, String> q = new HashMap<>();
    for (String pair : uri.getQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      q.put(kv[0], kv[1]);
    }
    String symbol = q.get("symbol");
    List<OhlcBar> of = bars.stream().filter(b -> (b.instrument().base().value() + b.instrument().quote().value()).equals(symbol)).toList();
    Optional<Quote> quote = quotes.stream().filter(x -> (x.instrument().base().value() + x.instrument().quote().value()).equals(symbol)).findFirst();
    if (of.isEmpty() && quote.isEmpty()) {
      return Answer.json(400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
    }
    int limit = Integer.parseInt(q.get("limit"));
    if (!q.containsKey("startTime")) {
      Quote last = quote.orElseThrow();
      String price = last.last().value().toPlainString();
      long close = last.time().toEpochMilli();
      return Answer.json(200, "[[" + (close - 59_999) + ",\"" + price + "\",\"" + price + "\",\"" + price + "\",\"" + price + "\",\"0\","
          + close + ",\"0\",0,\"0\",\"0\",\"0\"]]");
    }
    long start = Long.parseLong(q.get("startTime"));
    long end = Long.parseLong(q.get("endTime"));
    String interval = q.get("interval");
    return Answer.json(200, of.stream()
        .filter(b -> BinanceMapping.interval(b.interval()).equals(interval))
        .filter(b -> b.start().toEpochMilli() >= start && b.start().toEpochMilli() <= end)
        .sorted(java.util.Comparator.comparing(OhlcBar::start))
        .limit(limit)
        .map(b -> "[" + b.start().toEpochMilli() + ",\"" + b.open().value().toPlainString() + "\",\"" + b.high().value().toPlainString()
            + "\",\"" + b.low().value().toPlainString() + "\",\"" + b.close().value().toPlainString() + "\",\"" + b.volume().value().toPlainString()
            + "\"," + (b.end().toEpochMilli() - 1) + ",\"0\",1,\"0\",\"0\",\"0\"]")
        .collect(Collectors.joining(",", "[", "]")));
  }
}
