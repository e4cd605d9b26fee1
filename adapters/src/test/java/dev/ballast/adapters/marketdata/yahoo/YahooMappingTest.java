package dev.ballast.adapters.marketdata.yahoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ballast.adapters.marketdata.LoopbackServer;
import dev.ballast.adapters.marketdata.SourceClient;
import dev.ballast.engine.marketdata.BarInterval;
import dev.ballast.engine.marketdata.CorporateAction;
import dev.ballast.engine.marketdata.DailyBar;
import dev.ballast.engine.marketdata.DailyHistory;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.OhlcBar;
import dev.ballast.engine.marketdata.PriceSourceError;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class YahooMappingTest {
  static final InstrumentId TOYOTA = InstrumentId.of("7203.T", "JPY");

  static YahooChart chart(String text) {
    try {
      return SourceClient.mapper().readValue(text, YahooChart.class);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static YahooChart toyota() {
    return chart(LoopbackServer.resource(YahooMappingTest.class, "yahoo_chart_7203T_1d.json"));
  }

  private static Price jpy(String v) {
    return Price.of(v, "JPY");
  }

  private static DailyBar bar(String date, long ts, String o, String h, String l, String c, String volume, String adjusted) {
    return new DailyBar(LocalDate.parse(date), new OhlcBar(TOYOTA, BarInterval.ONE_DAY, Instant.ofEpochSecond(ts), jpy(o), jpy(h), jpy(l),
        jpy(c), Quantity.of(volume)), jpy(adjusted));
  }

  @Test
  void theToyotaSampleGivesTokyoTradingDaysAdjustedClosesAndTheSplitAndDividendOfTheTwentyNinth() {
    DailyHistory history = YahooMapping.dailyHistory(TOYOTA, toyota(), LocalDate.parse("2021-09-27"), LocalDate.parse("2021-10-01"));
    assertEquals(List.of(
        bar("2021-09-27", 1632700800, "2010", "2024", "2001.5", "2009", "22861000", "1984.8436873747495"),
        bar("2021-09-28", 1632787200, "2012", "2018.5", "1990", "1996", "28533500", "1972"),
        bar("2021-09-29", 1632873600, "1990", "1999", "1960.5", "1968", "41217400", "1968"),
        // 09-30 has a null open: the whole bar is dropped, not half-filled
        bar("2021-10-01", 1633046400, "1978", "1998", "1962", "1972.5", "41722300", "1972.5")), history.bars());
    assertEquals(List.of(
        new CorporateAction.Dividend(TOYOTA, LocalDate.parse("2021-09-29"), jpy("24"), "dividend:1632873600"),
        new CorporateAction.Split(TOYOTA, LocalDate.parse("2021-09-29"), new BigDecimal("5"), new BigDecimal("1"), "split:1632873600")),
        history.actions());
    assertEquals(new BigDecimal("5"), ((CorporateAction.Split) history.actions().get(1)).ratio());
  }

  @Test
  void aRangeKeepsOnlyItsTradingDatesAndEvents() {
    DailyHistory history = YahooMapping.dailyHistory(TOYOTA, toyota(), LocalDate.parse("2021-09-30"), LocalDate.parse("2021-10-01"));
    assertEquals(List.of(LocalDate.parse("2021-10-01")), history.bars().stream().map(DailyBar::date).toList());
    assertEquals(List.of(), history.actions());
  }

  @Test
  void theTradingDateIsTheExchangesNotTheUtcDate() {
    // ASX opens at 10:00 Sydney time, 23:00 UTC of the day before in summer (UTC+11)
    InstrumentId bhp = InstrumentId.of("BHP.AX", "AUD");
    String body = """
        {"chart":{"result":[{"meta":{"currency":"AUD","symbol":"BHP.AX","gmtoffset":39600,"exchangeTimezoneName":"Australia/Sydney"},
        "timestamp":[1704150000],"indicators":{"quote":[{"open":[45.1],"high":[45.9],"low":[44.8],"close":[45.5],"volume":[100]}],
        "adjclose":[{"adjclose":[45.5]}]}}],"error":null}}""";
    DailyHistory history = YahooMapping.dailyHistory(bhp, chart(body), LocalDate.parse("2024-01-01"), LocalDate.parse("2024-01-03"));
    assertEquals("2024-01-01T23:00:00Z", history.bars().get(0).bar().start().toString());
    assertEquals(LocalDate.parse("2024-01-02"), history.bars().get(0).date());
  }

  @Test
  void theLatestQuoteIsTheRegularMarketPriceAtItsTime() {
    assertEquals(Quote.last(TOYOTA, jpy("1972.5"), Instant.ofEpochSecond(1633069800)), YahooMapping.quote(TOYOTA, toyota()).orElseThrow());
  }

  @Test
  void aPriceInPenceIsRefusedRatherThanReadAsPounds() {
    InstrumentId vod = InstrumentId.of("VOD.L", "GBP");
    String body = """
        {"chart":{"result":[{"meta":{"currency":"GBp","symbol":"VOD.L","exchangeTimezoneName":"Europe/London"},"timestamp":[],
        "indicators":{"quote":[{}]}}],"error":null}}""";
    var refusal = assertThrows(YahooMapping.Refusal.class,
        () -> YahooMapping.dailyHistory(vod, chart(body), LocalDate.parse("2024-01-01"), LocalDate.parse("2024-01-03")));
    assertEquals(new PriceSourceError.Malformed("VOD.L is quoted in GBp, expected GBP"), refusal.error());
  }

  @Test
  void theNotFoundBodyIsAnUnknownInstrument() {
    YahooChart notFound = chart(LoopbackServer.resource(YahooMappingTest.class, "yahoo_chart_error_not_found.json"));
    var refusal = assertThrows(YahooMapping.Refusal.class,
        () -> YahooMapping.dailyHistory(TOYOTA, notFound, LocalDate.parse("2021-09-27"), LocalDate.parse("2021-10-01")));
    assertEquals(new PriceSourceError.UnknownInstrument(TOYOTA), refusal.error());
  }

  @Test
  void arraysOfUnequalLengthAreMalformed() {
    String body = """
        {"chart":{"result":[{"meta":{"currency":"JPY","symbol":"7203.T","exchangeTimezoneName":"Asia/Tokyo"},"timestamp":[1632700800,1632787200],
        "indicators":{"quote":[{"open":[1],"high":[1,2],"low":[1,2],"close":[1,2]}]}}],"error":null}}""";
    var refusal = assertThrows(YahooMapping.Refusal.class,
        () -> YahooMapping.dailyHistory(TOYOTA, chart(body), LocalDate.parse("2021-09-27"), LocalDate.parse("2021-10-01")));
    assertEquals(new PriceSourceError.Malformed("a quote array is missing or not as long as timestamp (2)"), refusal.error());
  }
}
