package dev.ballast.persistence.marketdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.marketdata.BarInterval;
import dev.ballast.engine.marketdata.CorporateAction;
import dev.ballast.engine.marketdata.DailyBar;
import dev.ballast.engine.marketdata.DailyHistory;
import dev.ballast.engine.marketdata.DateRange;
import dev.ballast.engine.marketdata.DatedRate;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.OhlcBar;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import dev.ballast.persistence.testing.PriceStoreDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The price store on each database: idempotent upserts keeping source and fetch time, coverage, FX, actions. */
abstract class PriceStoreContract extends PriceStoreDatabase {
  static final InstrumentId TOYOTA = InstrumentId.of("7203.T", "JPY");
  static final InstrumentId USD_JPY = InstrumentId.of("USD", "JPY");
  static final Instant T1 = Instant.parse("2026-12-01T10:00:00.123456Z");
  static final Instant T2 = Instant.parse("2026-12-02T10:00:00Z");
  static DailyBar day(InstrumentId i, String date, String close, String adjusted) {
    Price c = new Price(new BigDecimal(close), i.quote());
    return new DailyBar(LocalDate.parse(date), new OhlcBar(i, BarInterval.ONE_DAY, LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant(),
        c, c, c, c, Quantity.of("1000")), new Price(new BigDecimal(adjusted), i.quote()));
  }

  static DateRange range(String a, String b) {
    return new DateRange(LocalDate.parse(a), LocalDate.parse(b));
  }

  @Test
  void barsAreStoredExactlyWithTheirSourceAndFetchTimeAndARepeatLeavesOneRowEach() {
    DailyHistory history = new DailyHistory(TOYOTA, List.of(day(TOYOTA, "2021-09-27", "2009", "1984.8436873747495"),
        day(TOYOTA, "2021-09-28", "1996", "1972")), List.of());
    store.save("yahoo", history, range("2021-09-27", "2021-09-28"), T1);
    store.save("yahoo", history, range("2021-09-27", "2021-09-28"), T2);
    List<StoredBar> bars = store.bars(TOYOTA, LocalDate.parse("2021-09-01"), LocalDate.parse("2021-09-30"));
    assertEquals(List.of(
        new StoredBar(TOYOTA, LocalDate.parse("2021-09-27"), new BigDecimal("2009"), new BigDecimal("2009"), new BigDecimal("2009"),
            new BigDecimal("2009"), new BigDecimal("1984.8436873747495"), new BigDecimal("1000"), "yahoo", T2),
        new StoredBar(TOYOTA, LocalDate.parse("2021-09-28"), new BigDecimal("1996"), new BigDecimal("1996"), new BigDecimal("1996"),
            new BigDecimal("1996"), new BigDecimal("1972"), new BigDecimal("1000"), "yahoo", T2)), bars);
  }

  @Test
  void aValueHistoryReadsTheRangesClosesAndTheLatestBeforeItEachAdjustedThroughItsFetchDay() {
    store.save("yahoo", new DailyHistory(TOYOTA, List.of(day(TOYOTA, "2021-09-20", "2000", "2000"), day(TOYOTA, "2021-09-24", "2010", "2010"),
        day(TOYOTA, "2021-09-27", "2009", "2009"), day(TOYOTA, "2021-10-05", "2050", "2050")), List.of()), range("2021-09-20", "2021-10-05"), T1);
    store.saveManual(InstrumentId.of("FUND", "JPY"), LocalDate.parse("2021-09-28"), Price.of("15000.5", "JPY"), "manual", T2);
    List<dev.ballast.engine.marketdata.valuation.UnadjustedCloses.Close> closes =
        store.closes(LocalDate.parse("2021-09-27"), LocalDate.parse("2021-09-30"));
    assertEquals(List.of(
        "7203.T/JPY 2021-09-24 2010 through 2026-12-01", "7203.T/JPY 2021-09-27 2009 through 2026-12-01",
        "FUND/JPY 2021-09-28 15000.5 through 2021-09-28"),
        closes.stream().map(c -> c.instrument() + " " + c.date() + " " + c.price().toPlainString() + " through " + c.adjustedThrough())
            .sorted().toList());
  }

  @Test
  void marketCapsAreStoredByTheDayTheyCloseAndTheCryptoMarketByItsObservation() {
    AssetId btc = AssetId.of("BTC");
    AssetId jpy = AssetId.of("JPY");
    dev.ballast.engine.marketdata.MarketCap first = new dev.ballast.engine.marketdata.MarketCap(btc, jpy, Instant.parse("2024-03-31T00:00:00Z"),
        new BigDecimal("210519300458412.5"));
    dev.ballast.engine.marketdata.MarketCap second = new dev.ballast.engine.marketdata.MarketCap(btc, jpy, Instant.parse("2024-04-01T00:00:00Z"),
        new BigDecimal("212454811247098.56"));
    store.saveMarketCaps("coingecko", List.of(first, second), T1);
    store.saveMarketCaps("coingecko", List.of(second), T2);
    assertEquals(List.of(first, second), store.marketCaps(btc, jpy, LocalDate.parse("2024-03-30"), LocalDate.parse("2024-03-31")));
    assertEquals(List.of(first), store.marketCaps(btc, jpy, LocalDate.parse("2024-03-30"), LocalDate.parse("2024-03-30")));

    dev.ballast.engine.marketdata.CryptoMarket market = new dev.ballast.engine.marketdata.CryptoMarket(Instant.ofEpochSecond(1711952943),
        java.util.Map.of(AssetId.of("USD"), new BigDecimal("2741960528462.1"), jpy, new BigDecimal("414912700000000")),
        new BigDecimal("50.87"), new BigDecimal("15.77"), new BigDecimal("4.97"));
    store.saveCryptoMarket("coingecko", market, T1);
    store.saveCryptoMarket("coingecko", market, T2);
    assertEquals(Optional.of(market), store.cryptoMarket(T2));
    assertEquals(Optional.empty(), store.cryptoMarket(Instant.ofEpochSecond(1711952942)));
  }

  @Test
  void theCoverageGrowsWithEachRangeAskedSoOnlyTheRestIsMissing() {
    assertEquals(Optional.empty(), store.coverage(TOYOTA, "yahoo"));
    store.save("yahoo", new DailyHistory(TOYOTA, List.of(day(TOYOTA, "2021-09-28", "1996", "1972")), List.of()), range("2021-09-25", "2021-09-28"), T1);
    // a weekend with no bars still counts as asked
    store.save("yahoo", new DailyHistory(TOYOTA, List.of(), List.of()), range("2021-09-29", "2021-10-03"), T2);
    assertEquals(Optional.of(range("2021-09-25", "2021-10-03")), store.coverage(TOYOTA, "yahoo"));
    assertEquals(List.of(range("2021-10-04", "2021-10-10")), DateRange.missing(store.coverage(TOYOTA, "yahoo"), range("2021-09-27", "2021-10-10")));
    assertEquals(Optional.empty(), store.coverage(TOYOTA, "coingecko"));
  }

  @Test
  void aPairOfCurrenciesGoesToTheFxTableAndEveryRateIsFoundAsOfADate() {
    store.save("yahoo", new DailyHistory(USD_JPY, List.of(day(USD_JPY, "2024-03-29", "151.35", "151.35")), List.of()),
        range("2024-03-29", "2024-03-31"), T1);
    store.save("yahoo", new DailyHistory(TOYOTA, List.of(day(TOYOTA, "2024-03-29", "3500", "3500")), List.of()), range("2024-03-29", "2024-03-31"), T1);
    assertEquals(List.of(), store.bars(USD_JPY, LocalDate.parse("2024-01-01"), LocalDate.parse("2024-12-31")));
    DatedRate usdJpy = new DatedRate(AssetId.of("USD"), AssetId.of("JPY"), LocalDate.parse("2024-03-29"), new BigDecimal("151.35"));
    assertEquals(Optional.of(usdJpy), store.latest(AssetId.of("USD"), AssetId.of("JPY"), LocalDate.parse("2024-03-31")));
    assertEquals(Optional.empty(), store.latest(AssetId.of("USD"), AssetId.of("JPY"), LocalDate.parse("2024-03-28")));
    DatedRate toyota = new DatedRate(AssetId.of("7203.T"), AssetId.of("JPY"), LocalDate.parse("2024-03-29"), new BigDecimal("3500"));
    assertEquals(Optional.of(toyota), store.latest(AssetId.of("7203.T"), AssetId.of("JPY"), LocalDate.parse("2024-04-02")));
    assertEquals(List.of(usdJpy, toyota).stream().sorted(java.util.Comparator.comparing(DatedRate::base)).toList(),
        store.allRates(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-12-31")).stream()
            .sorted(java.util.Comparator.comparing(DatedRate::base)).toList());
  }

  @Test
  void aCorporateActionIsStoredOncePerSourceAndExternalId() {
    CorporateAction split = new CorporateAction.Split(TOYOTA, LocalDate.parse("2021-09-29"), new BigDecimal("5"), BigDecimal.ONE, "split:1632873600");
    CorporateAction dividend = new CorporateAction.Dividend(TOYOTA, LocalDate.parse("2021-09-29"), Price.of("24", "JPY"), "dividend:1632873600");
    DailyHistory history = new DailyHistory(TOYOTA, List.of(), List.of(dividend, split));
    assertEquals(List.of(dividend, split), store.save("yahoo", history, range("2021-09-27", "2021-10-01"), T1));
    assertEquals(List.of(), store.save("yahoo", history, range("2021-09-27", "2021-10-01"), T2), "synced twice: nothing new");
    assertEquals(List.of(new StoredAction("yahoo", dividend, StoredAction.Status.SUGGESTED, T1),
        new StoredAction("yahoo", split, StoredAction.Status.NEW, T1)), store.actions(TOYOTA));
    assertTrue(store.markAction("yahoo", TOYOTA, "split:1632873600", StoredAction.Status.NEW, StoredAction.Status.APPLIED));
    assertEquals(false, store.markAction("yahoo", TOYOTA, "split:1632873600", StoredAction.Status.NEW, StoredAction.Status.APPLIED));
  }

  @Test
  void twoInstrumentsSplittingOnOneDayAreBothKeptThoughTheSourceNamesThemAlike() {
    InstrumentId sony = InstrumentId.of("6758.T", "JPY");
    CorporateAction toyota = new CorporateAction.Split(TOYOTA, LocalDate.parse("2021-09-29"), new BigDecimal("5"), BigDecimal.ONE, "split:1632873600");
    CorporateAction sonySplit = new CorporateAction.Split(sony, LocalDate.parse("2021-09-29"), new BigDecimal("2"), BigDecimal.ONE, "split:1632873600");
    store.save("yahoo", new DailyHistory(TOYOTA, List.of(), List.of(toyota)), range("2021-09-27", "2021-10-01"), T1);
    assertEquals(List.of(sonySplit), store.save("yahoo", new DailyHistory(sony, List.of(), List.of(sonySplit)), range("2021-09-27", "2021-10-01"), T1));
    assertEquals(List.of(new StoredAction("yahoo", sonySplit, StoredAction.Status.NEW, T1)), store.actions(sony));
    assertTrue(store.markAction("yahoo", sony, "split:1632873600", StoredAction.Status.NEW, StoredAction.Status.APPLIED));
    assertEquals(StoredAction.Status.NEW, store.actions(TOYOTA).get(0).status(), "the other instrument's split is untouched");
  }

  @Test
  void aManualPriceIsStoredUnderItsSource() {
    InstrumentId fund = InstrumentId.of("0331418A", "JPY");
    store.saveManual(fund, LocalDate.parse("2024-03-29"), Price.of("2.5431", "JPY"), "manual", T1);
    StoredBar bar = store.latestBar(fund, LocalDate.parse("2024-04-05")).orElseThrow();
    assertEquals(new BigDecimal("2.5431"), bar.close());
    assertEquals("manual", bar.source());
  }
}
