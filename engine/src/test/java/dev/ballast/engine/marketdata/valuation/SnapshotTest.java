package dev.ballast.engine.marketdata.valuation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ballast.engine.marketdata.AsOfRates;
import dev.ballast.engine.marketdata.DatedRate;
import dev.ballast.engine.marketdata.InMemoryRates;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.Asset;
import dev.ballast.engine.model.AssetClass;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A portfolio holding yen cash, a Tokyo share, a US ETF, bitcoin and an unpriced fund, valued exactly. */
class SnapshotTest {
  static final LocalDate TUE = LocalDate.parse("2024-04-02");
  static final AssetId JPY = AssetId.of("JPY");
  static final AssetId USD = AssetId.of("USD");
  static final AssetId BTC = AssetId.of("BTC");

  static final Map<AssetId, Asset> ASSETS = Map.of(
      AssetId.of("7203.T"), new Asset(AssetId.of("7203.T"), "Toyota", AssetClass.EQUITY, JPY, Map.of()),
      AssetId.of("VT"), new Asset(AssetId.of("VT"), "VT", AssetClass.ETF, USD, Map.of()),
      BTC, new Asset(BTC, "Bitcoin", AssetClass.CRYPTO, USD, Map.of()),
      AssetId.of("0331418A"), new Asset(AssetId.of("0331418A"), "eMAXIS", AssetClass.FUND, JPY, Map.of()));

  static DatedRate rate(String pair, String date, String value) {
    InstrumentId i = InstrumentId.parse(pair);
    return new DatedRate(i.base(), i.quote(), LocalDate.parse(date), new BigDecimal(value));
  }

  static final InMemoryRates STORE = new InMemoryRates(List.of(
      rate("USD/JPY", "2024-04-01", "150"), rate("BTC/USD", "2024-04-02", "70000"),
      rate("7203.T/JPY", "2024-04-01", "3500"), rate("VT/USD", "2024-03-25", "100")));

  static final List<Holding> HOLDINGS = List.of(
      new Holding("rakuten", JPY, new BigDecimal("1000000"), null),
      new Holding("rakuten", AssetId.of("7203.T"), new BigDecimal("100"), new Money(new BigDecimal("300000"), JPY)),
      new Holding("rakuten", AssetId.of("0331418A"), new BigDecimal("1000"), new Money(new BigDecimal("20000"), JPY)),
      new Holding("ibkr", AssetId.of("VT"), new BigDecimal("10"), new Money(new BigDecimal("900"), USD)),
      new Holding("binance", BTC, new BigDecimal("0.5"), new Money(new BigDecimal("20000"), USD)));

  static final Function<AssetClass, Duration> STALE = c -> c == AssetClass.CRYPTO ? Duration.ofDays(1) : Duration.ofDays(4);

  static Snapshot in(AssetId currency) {
    return Snapshot.of(HOLDINGS, id -> Optional.ofNullable(ASSETS.get(id)), STORE, new AsOfRates(STORE, USD, Period.ofDays(7)),
        currency, TUE, STALE);
  }

  private static BigDecimal d(String v) {
    return v == null ? null : new BigDecimal(v);
  }

  private static SnapshotLine line(String account, String asset, AssetClass c, String qty, String price, String cur, String date, Long age,
      PriceStatus status, String value, String weight, String cost, String pnl, String problem) {
    return new SnapshotLine(account, AssetId.of(asset), c, d(qty), d(price), cur == null ? null : AssetId.of(cur),
        date == null ? null : LocalDate.parse(date), age, status, d(value), d(weight), d(cost), d(pnl), problem);
  }

  @Test
  void inYenEveryLineIsValuedExactlyAndTheFundWithoutPriceIsMissingNotZero() {
    Snapshot s = in(JPY);
    assertEquals(List.of(
        line("rakuten", "JPY", AssetClass.CASH, "1000000", "1", "JPY", "2024-04-02", 0L, PriceStatus.FRESH, "1000000", "14.8148", null, null, null),
        line("rakuten", "7203.T", AssetClass.EQUITY, "100", "3500", "JPY", "2024-04-01", 1L, PriceStatus.FRESH, "350000", "5.1852", "300000",
            "50000", null),
        line("rakuten", "0331418A", AssetClass.FUND, "1000", null, null, null, null, PriceStatus.MISSING, null, null, null, null,
            "no price of 0331418A in JPY on or before 2024-04-02"),
        line("ibkr", "VT", AssetClass.ETF, "10", "100", "USD", "2024-03-25", 8L, PriceStatus.STALE, "150000", "2.2222", "135000", "15000",
            "price is 8 days old"),
        line("binance", "BTC", AssetClass.CRYPTO, "0.5", "70000", "USD", "2024-04-02", 0L, PriceStatus.FRESH, "5250000", "77.7778",
            "3000000", "2250000", null)), s.lines());
    assertEquals(new BigDecimal("6750000"), s.total());
    assertEquals(1, s.stale());
    assertEquals(1, s.missing());
    assertFalse(s.complete());
    assertEquals(Map.of(
        "CASH", new Snapshot.Group(d("1000000"), d("14.8148"), 1, 0), "CRYPTO", new Snapshot.Group(d("5250000"), d("77.7778"), 1, 0),
        "EQUITY", new Snapshot.Group(d("350000"), d("5.1852"), 1, 0), "ETF", new Snapshot.Group(d("150000"), d("2.2222"), 1, 0),
        "FUND", new Snapshot.Group(d("0"), d("0.0000"), 1, 1)), s.byClass());
    assertEquals(Map.of(
        "binance", new Snapshot.Group(d("5250000"), d("77.7778"), 1, 0), "ibkr", new Snapshot.Group(d("150000"), d("2.2222"), 1, 0),
        "rakuten", new Snapshot.Group(d("1350000"), d("20.0000"), 3, 1)), s.byAccount());
  }

  @Test
  void inDollarsAndInBitcoinTheSameHoldingsGoThroughTheRates() {
    Snapshot usd = in(USD);
    // yen go through 1/150 to 34 digits: the total is 45000 to 30 decimals
    assertEquals("45000.000000000000000000000000000000", usd.total().setScale(30, java.math.RoundingMode.HALF_EVEN).toPlainString());
    assertEquals(new BigDecimal("35000"), usd.lines().get(4).value());
    Snapshot btc = in(BTC);
    assertEquals(new BigDecimal("0.5"), btc.lines().get(4).value(), "bitcoin in bitcoin is its quantity");
    assertEquals(new BigDecimal("77.7778"), btc.lines().get(4).weight());
    // the yen cash in BTC: 1,000,000 x JPY/USD (1/150 to 34 digits) x USD/BTC (1/70000 to 34 digits)
    assertEquals("0.09523809523809523809523809523809527142857142857142857142857142857143",
        btc.lines().get(0).value().toPlainString());
  }

  @Test
  void aMissingFxRateFlagsTheLineNamingThePairAndDate() {
    Snapshot eur = in(AssetId.of("EUR"));
    assertEquals(PriceStatus.MISSING, eur.lines().get(1).status());
    assertEquals("no rate JPY/EUR as of 2024-04-02 (tried JPY/EUR, EUR/JPY, JPY/USD x USD/EUR, each at most 7 days old)",
        eur.lines().get(1).problem());
    assertEquals(BigDecimal.ZERO, eur.total());
    assertEquals(5, eur.missing());
  }

  @Test
  void groupedByAnyKeyTheUnpricedLineCountsAsMissingInItsGroupNotAsZero() {
    Snapshot s = in(JPY);
    // the fund has no price: its currency is still yen, it is one of yen's two lines and adds nothing to its value
    Map<String, Snapshot.Group> byCurrency = s.by(l -> l.priceCurrency() == null ? "JPY" : l.priceCurrency().value());
    assertEquals(Map.of(
        "JPY", new Snapshot.Group(d("1350000"), d("20.0000"), 3, 1),
        "USD", new Snapshot.Group(d("5400000"), d("80.0000"), 2, 0)), byCurrency);
    Map<String, String> venue = Map.of("rakuten", "rakuten", "ibkr", "ibkr", "binance", "binance");
    assertEquals(new Snapshot.Group(d("150000"), d("2.2222"), 1, 0), s.by(l -> venue.get(l.account())).get("ibkr"));
    assertEquals(Map.of("binance", new Snapshot.Group(d("5250000"), d("77.7778"), 1, 0), "UNKNOWN", new Snapshot.Group(d("1500000"),
        d("22.2222"), 4, 1)), s.by(l -> l.asset().equals(BTC) ? "binance" : null), "a null key counts under UNKNOWN");
    Snapshot twice = Snapshot.of(List.of(HOLDINGS.get(1), new Holding("sbi", AssetId.of("7203.T"), new BigDecimal("20"), null)),
        id -> Optional.ofNullable(ASSETS.get(id)), STORE, new AsOfRates(STORE, USD, Period.ofDays(7)), JPY, TUE, STALE);
    assertEquals(Map.of("7203.T", new Snapshot.Group(d("420000"), d("100.0000"), 2, 0)), twice.byAsset(), "summed over the accounts");
  }
}
