package dev.ballast.adapters.marketdata.yahoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.adapters.marketdata.LoopbackServer;
import dev.ballast.adapters.marketdata.LoopbackServer.Answer;
import dev.ballast.adapters.marketdata.SourceClient;
import dev.ballast.adapters.marketdata.SourceSettings;
import dev.ballast.engine.marketdata.BarInterval;
import dev.ballast.engine.marketdata.DailyBar;
import dev.ballast.engine.marketdata.DailyHistory;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.OhlcBar;
import dev.ballast.engine.marketdata.PriceSource;
import dev.ballast.engine.marketdata.PriceSourceContract;
import dev.ballast.engine.marketdata.PriceSourceError;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.AssetId;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Yahoo source against a loopback server speaking chart v8. */
class YahooSourceTest extends PriceSourceContract {
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {

    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private YahooSource source(LoopbackServer server) {
    return source(server, Clock.systemUTC());
  }

  private YahooSource source(LoopbackServer server, Clock clock) {
    open.add(server);
    SourceClient client = new SourceClient(SourceSettings.defaults("yahoo", server.baseUrl())
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5))
        .withRetries(2, Duration.ofMillis(10), Duration.ofSeconds(5)), Clock.systemUTC());
    open.add(client);
    return new YahooSource(client, asset -> asset.equals(AssetId.of("TOYOTA")) ? Optional.of("7203.T") : Optional.empty(), clock);
  }

  @Override
  protected PriceSource sourceKnowing(List<OhlcBar> bars, List<Quote> quotes) {
    return source(new LoopbackServer().answering(uri -> render(uri, bars, quotes)));
  }

  @Override
  protected PriceSource sourceFailingWith(PriceSourceError error) {
    PriceSourceError.RateLimited limited = (PriceSourceError.RateLimited) error;
    LoopbackServer server = new LoopbackServer().thenAnswer(
        Answer.withHeader(429, "Retry-After", Long.toString(limited.retryAfter().toSeconds()), "{}"));
    return source(server);
  }

  @Test
  void theDailyHistoryIsAskedWithEventsAndReadFromTheToyotaSample() {
    LoopbackServer server = new LoopbackServer().answering(uri -> Answer.json(200, LoopbackServer.resource(getClass(), "yahoo_chart_7203T_1d.json")));
    InstrumentId toyota = InstrumentId.of("TOYOTA", "JPY");
    DailyHistory history = await(source(server).dailyHistory(toyota, LocalDate.parse("2021-09-27"), LocalDate.parse("2021-10-01")));
    assertEquals(List.of("2021-09-27", "2021-09-28", "2021-09-29", "2021-10-01"),
        history.bars().stream().map(DailyBar::date).map(LocalDate::toString).toList());
    assertEquals(2, history.actions().size());
    LoopbackServer.Request request = server.requests().get(0);
    assertEquals("/v8/finance/chart/7203.T", request.path());
    assertEquals("period1=1632614400&period2=1633219200&interval=1d&events=div,split", request.query());
  }

  @Test
  void anUnknownSymbolIsATypedErrorAndOtherSymbolsStillAnswer() {
    String sample = LoopbackServer.resource(getClass(), "yahoo_chart_7203T_1d.json");
    String notFound = LoopbackServer.resource(getClass(), "yahoo_chart_error_not_found.json");
    YahooSource source = source(new LoopbackServer().answering(uri -> uri.getPath().endsWith("/7203.T")
        ? Answer.json(200, sample) : Answer.json(404, notFound)));
    InstrumentId nope = InstrumentId.of("NOPE.T", "JPY");
    assertEquals(new PriceSourceError.UnknownInstrument(nope),
        failure(source.dailyHistory(nope, LocalDate.parse("2021-09-27"), LocalDate.parse("2021-10-01"))));
    assertEquals(4, await(source.dailyHistory(InstrumentId.of("7203.T", "JPY"), LocalDate.parse("2021-09-27"),
        LocalDate.parse("2021-10-01"))).bars().size());
    assertEquals(List.of(Quote.last(InstrumentId.of("7203.T", "JPY"), dev.ballast.engine.model.Price.of("1972.5", "JPY"),
        Instant.ofEpochSecond(1633069800))), await(source.latestQuotes(Set.of(nope, InstrumentId.of("7203.T", "JPY")))));
  }

  @Test
  void latestQuotesAreAskedForTheFiveDaysUpToTheInjectedClock() {
    Instant now = Instant.parse("2021-10-01T06:00:00Z");
    LoopbackServer server = new LoopbackServer().answering(uri -> Answer.json(200, LoopbackServer.resource(getClass(), "yahoo_chart_7203T_1d.json")));
    await(source(server, Clock.fixed(now, java.time.ZoneOffset.UTC)).latestQuotes(Set.of(InstrumentId.of("7203.T", "JPY"))));
    assertEquals("period1=" + now.minus(Duration.ofDays(5)).getEpochSecond() + "&period2=" + now.getEpochSecond() + "&interval=1d&events=div,split",
        server.requests().get(0).query());
  }

  @Test
  void aTruncatedChartIsMalformed() {
    String sample = LoopbackServer.resource(getClass(), "yahoo_chart_7203T_1d.json");
    YahooSource source = source(new LoopbackServer().answering(uri -> Answer.json(200, sample.substring(0, sample.length() / 2))));
    PriceSourceError error = failure(source.dailyHistory(InstrumentId.of("7203.T", "JPY"), LocalDate.parse("2021-09-27"),
        LocalDate.parse("2021-10-01")));
    assertTrue(error instanceof PriceSourceError.Malformed, error.message());
  }

  @Test
  void aCurrencyPairIsAskedAsYahoosFxSymbol() {
    LoopbackServer server = new LoopbackServer().answering(uri -> Answer.json(200, """
        {"chart":{"result":[{"meta":{"currency":"JPY","symbol":"USDJPY=X","exchangeTimezoneName":"Europe/London","gmtoffset":0},
        "timestamp":[1711929600],"indicators":{"quote":[{"open":[151.2],"high":[151.5],"low":[151.0],"close":[151.35],"volume":[0]}],
        "adjclose":[{"adjclose":[151.35]}]}}],"error":null}}"""));
    DailyHistory history = await(source(server).dailyHistory(InstrumentId.of("USD", "JPY"), LocalDate.parse("2024-04-01"),
        LocalDate.parse("2024-04-01")));
    assertEquals("/v8/finance/chart/USDJPY%3DX", server.requests().get(0).path().replace("=", "%3D"));
    assertEquals("151.35", history.bars().get(0).bar().close().value().toPlainString());
  }

  // ---- a chart v8 answer made of the bars the contract gives --------------------------------

  private static Answer render(URI uri, List<OhlcBar> bars, List<Quote> quotes) {
    String symbol = uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1);
    Map<String, String> query = new HashMap<>();
    for (String pair : uri.getQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(kv[0], kv[1]);
    }
    Instant from = Instant.ofEpochSecond(Long.parseLong(query.get("period1")));
    Instant to = Instant.ofEpochSecond(Long.parseLong(query.get("period2")));
    BarInterval interval = switch (query.get("interval")) {
      case "1d" -> BarInterval.ONE_DAY;
      case "60m" -> BarInterval.ONE_HOUR;
      default -> BarInterval.ONE_WEEK;
    };
    List<OhlcBar> of = bars.stream().filter(b -> b.instrument().base().value().equals(symbol)).toList();
    Optional<Quote> quote = quotes.stream().filter(q -> q.instrument().base().value().equals(symbol)).findFirst();
    if (of.isEmpty() && quote.isEmpty()) {
      return Answer.json(404, "{\"chart\":{\"result\":null,\"error\":{\"code\":\"Not Found\",\"description\":\"No data found, symbol may be delisted\"}}}");
    }
    List<OhlcBar> in = of.stream().filter(b -> b.interval() == interval && !b.start().isBefore(from) && b.start().isBefore(to))
        .sorted(java.util.Comparator.comparing(OhlcBar::start)).toList();
    String currency = of.isEmpty() ? quote.get().instrument().quote().value() : of.get(0).instrument().quote().value();
    String market = quote.map(q -> ",\"regularMarketPrice\":" + q.last().value().toPlainString() + ",\"regularMarketTime\":"
        + q.time().getEpochSecond()).orElse("");
    return Answer.json(200, "{\"chart\":{\"result\":[{\"meta\":{\"currency\":\"" + currency + "\",\"symbol\":\"" + symbol
        + "\",\"exchangeTimezoneName\":\"UTC\",\"gmtoffset\":0" + market + "},\"timestamp\":["
        + in.stream().map(b -> Long.toString(b.start().getEpochSecond())).collect(Collectors.joining(","))
        + "],\"indicators\":{\"quote\":[{\"open\":" + column(in, b -> b.open().value()) + ",\"high\":" + column(in, b -> b.high().value())
        + ",\"low\":" + column(in, b -> b.low().value()) + ",\"close\":" + column(in, b -> b.close().value())
        + ",\"volume\":" + column(in, b -> b.volume().value()) + "}],\"adjclose\":[{\"adjclose\":" + column(in, b -> b.close().value())
        + "}]}}],\"error\":null}}");
  }

  private static String column(List<OhlcBar> bars, java.util.function.Function<OhlcBar, java.math.BigDecimal> field) {
    return bars.stream().map(b -> field.apply(b).toPlainString()).collect(Collectors.joining(",", "[", "]"));
  }
}
