package dev.ballast.engine.marketdata.valuation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.analytics.performance.CumulativeReturn;
import dev.ballast.engine.analytics.series.ReturnSeries;
import dev.ballast.engine.marketdata.AsOfRates;
import dev.ballast.engine.marketdata.CorporateAction;
import dev.ballast.engine.marketdata.DatedRate;
import dev.ballast.engine.marketdata.InMemoryRates;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.valuation.UnadjustedCloses.Close;
import dev.ballast.engine.marketdata.valuation.ValueHistory.Breakdown;
import dev.ballast.engine.marketdata.valuation.ValueHistory.Ledger;
import dev.ballast.engine.model.Asset;
import dev.ballast.engine.model.AssetClass;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Daily values of ledgers from prices, with flows apart, checked against hand computations. */
class ValueHistoryTest {
  static final AssetId JPY = AssetId.of("JPY");
  static final AssetId USD = AssetId.of("USD");
  static final AssetId BTC = AssetId.of("BTC");
  static final AssetId FUND = AssetId.of("FUND");
  static final AssetId TOYOTA = AssetId.of("7203.T");
  static final LocalDate D1 = LocalDate.parse("2024-04-01");

  static final Map<AssetId, Asset> ASSETS = Map.of(
      FUND, new Asset(FUND, "a fund", AssetClass.FUND, JPY, Map.of()),
      TOYOTA, new Asset(TOYOTA, "Toyota", AssetClass.EQUITY, JPY, Map.of()),
      BTC, new Asset(BTC, "Bitcoin", AssetClass.CRYPTO, USD, Map.of()));
  static final Function<AssetId, Optional<Asset>> CATALOG = id -> Optional.ofNullable(ASSETS.get(id));
  static final Function<AssetClass, Duration> STALE = c -> c == AssetClass.CRYPTO ? Duration.ofDays(1) : Duration.ofDays(4);

  static LocalDate day(int n) {
    return D1.plusDays(n - 1);
  }

  static Transaction.Builder tx(TransactionType type, int day, String id) {
    return Transaction.builder(type).at(day(day).atTime(12, 0).toInstant(java.time.ZoneOffset.UTC)).ref("test", id);
  }

  static Close close(AssetId asset, int day, String price, int fetchedOnDay) {
    return new Close(new InstrumentId(asset, ASSETS.get(asset).quoteCurrency()), day(day), new BigDecimal(price), day(fetchedOnDay));
  }

  static ValueHistory history(List<Ledger> ledgers, List<Close> closes, List<CorporateAction.Split> splits, List<DatedRate> fx,
      AssetId currency, int days, Set<Breakdown> breakdown) {
    return ValueHistory.of(ledgers, CATALOG, new UnadjustedCloses(closes, splits), new AsOfRates(new InMemoryRates(fx), USD, Period.ofDays(7)),
        currency, D1, day(days), STALE, breakdown);
  }

  static List<String> values(ValueHistory h) {
    return h.days().stream().map(d -> d.date() + " " + d.value().toPlainString() + " " + d.flow().toPlainString()).toList();
  }

  // a fund bought with deposited cash, more deposited in kind, some withdrawn
  static final List<Transaction> FUND_LEDGER = List.of(
      tx(TransactionType.DEPOSIT, 1, "1").asset("JPY").quantity("1000").build(),
      tx(TransactionType.BUY, 1, "2").asset("FUND").quantity("10").price("100", "JPY").build(),
      tx(TransactionType.DEPOSIT, 3, "3").asset("FUND").quantity("10").build(),
      tx(TransactionType.WITHDRAWAL, 4, "4").asset("FUND").quantity("5").build());
  static final List<Close> FUND_CLOSES = List.of(close(FUND, 1, "100", 1), close(FUND, 2, "110", 2), close(FUND, 3, "99", 3),
      close(FUND, 4, "121", 4));

  @Test
  void valuesAndFlowsAreExactAndTheTimeWeightedReturnIsTheHandComputedOne() {
    ValueHistory h = history(List.of(new Ledger("rakuten", JPY, FUND_LEDGER)), FUND_CLOSES, List.of(), List.of(), JPY, 4, Set.of());
    // a buy moves cash into the fund: no flow; a deposit or withdrawal in kind is a flow at that day's close
    assertEquals(List.of("2024-04-01 1000 1000", "2024-04-02 1100 0", "2024-04-03 1980 990", "2024-04-04 1815 -605"), values(h));
    // by hand: 1100/1000 x (1980-990)/1100 x (1815+605)/1980 - 1 = 1.1 x 0.9 x 11/9 - 1 = 0.21
    double twr = CumulativeReturn.of(ReturnSeries.of(h.valuations().series()).toArray());
    assertEquals(0.21, twr, 1e-12);
    assertTrue(h.incomplete().isEmpty());
  }

  @Test
  void theOpeningHoldingsIncludeEverythingBeforeTheRangeWithoutCountingItsFlows() {
    ValueHistory all = history(List.of(new Ledger("rakuten", JPY, FUND_LEDGER)), FUND_CLOSES, List.of(), List.of(), JPY, 4, Set.of());
    ValueHistory later = ValueHistory.of(List.of(new Ledger("rakuten", JPY, FUND_LEDGER)), CATALOG, new UnadjustedCloses(FUND_CLOSES, List.of()),
        new AsOfRates(new InMemoryRates(List.of()), USD, Period.ofDays(7)), JPY, day(2), day(4), STALE, Set.of());
    assertEquals(values(all).subList(1, 4), values(later));
  }

  @Test
  void aStoreThatOnlyAnswersPerDayGivesTheSameHistoryAsOneWalkedForward() {
    // closes with gaps (no close on days 2, 5 and 6: the walk keeps the last one, stale after four days) and in dollars
    List<Close> closes = List.of(close(FUND, 1, "100", 1), close(FUND, 3, "99", 3), close(FUND, 4, "121", 4), close(FUND, 9, "130", 9),
        close(BTC, 1, "60000", 1), close(BTC, 2, "61000", 2), close(BTC, 7, "65000", 7));
    List<Transaction> ledger = List.of(FUND_LEDGER.get(0), FUND_LEDGER.get(1), FUND_LEDGER.get(2),
        tx(TransactionType.DEPOSIT, 2, "5").asset("BTC").quantity("0.5").build(), FUND_LEDGER.get(3));
    List<DatedRate> fx = List.of(new DatedRate(USD, JPY, day(1), new BigDecimal("150")), new DatedRate(USD, JPY, day(4), new BigDecimal("151.5")));
    UnadjustedCloses walked = new UnadjustedCloses(closes, List.of());
    dev.ballast.engine.marketdata.DatedRates perDay = walked::latest;
    AsOfRates rates = new AsOfRates(new InMemoryRates(fx), USD, Period.ofDays(7));
    ValueHistory a = ValueHistory.of(List.of(new Ledger("rakuten", JPY, ledger)), CATALOG, walked, rates, JPY, D1, day(12), STALE,
        Set.of(Breakdown.ASSET));
    ValueHistory b = ValueHistory.of(List.of(new Ledger("rakuten", JPY, ledger)), CATALOG, perDay, rates, JPY, D1, day(12), STALE,
        Set.of(Breakdown.ASSET));
    assertEquals(b.days(), a.days());
    assertTrue(a.days().stream().anyMatch(d -> d.stale() > 0), "the fixture has stale days");
    assertTrue(a.days().stream().anyMatch(d -> !d.complete()), "and days without a rate (the dollar after its 7 days)");
  }

  @Test
  void aSplitDayShowsNoJumpWhetherTheClosesWereFetchedBeforeOrAfterTheSplit() {
    // 5:1 on day 3; 10 shares bought at 10,000 before it, 50 held after
    List<Transaction> ledger = List.of(
        tx(TransactionType.DEPOSIT, 1, "1").asset("JPY").quantity("100000").build(),
        tx(TransactionType.BUY, 1, "2").asset("7203.T").quantity("10").price("10000", "JPY").build(),
        tx(TransactionType.SPLIT, 3, "3").asset("7203.T").splitRatio("5").build());
    CorporateAction.Split split = new CorporateAction.Split(InstrumentId.of("7203.T", "JPY"), day(3), new BigDecimal("5"), BigDecimal.ONE,
        "1711929600");
    // fetched on day 5: Yahoo divided the closes before the split by 5
    List<Close> after = List.of(close(TOYOTA, 1, "2000", 5), close(TOYOTA, 2, "2100", 5), close(TOYOTA, 3, "2100", 5), close(TOYOTA, 4, "2200", 5));
    // days 1 and 2 fetched on day 2, before anyone knew of the split: as traded
    List<Close> before = List.of(close(TOYOTA, 1, "10000", 2), close(TOYOTA, 2, "10500", 2), close(TOYOTA, 3, "2100", 5),
        close(TOYOTA, 4, "2200", 5));
    List<String> expected = List.of("2024-04-01 100000 100000", "2024-04-02 105000 0", "2024-04-03 105000 0", "2024-04-04 110000 0");
    assertEquals(expected, values(history(List.of(new Ledger("sbi", JPY, ledger)), after, List.of(split), List.of(), JPY, 4, Set.of())));
    assertEquals(expected, values(history(List.of(new Ledger("sbi", JPY, ledger)), before, List.of(split), List.of(), JPY, 4, Set.of())));
    // the same split reported by a second source is one split, not 25:1
    CorporateAction.Split again = new CorporateAction.Split(InstrumentId.of("7203.T", "JPY"), day(3), new BigDecimal("5"), BigDecimal.ONE,
        "other-source-id");
    assertEquals(expected, values(history(List.of(new Ledger("sbi", JPY, ledger)), after, List.of(split, again), List.of(), JPY, 4, Set.of())));
  }

  @Test
  void aTransferBetweenTwoOfTheLedgersOnOneDayIsNoFlowButOneInTransitOverNightIsTwo() {
    List<Transaction> exchange = List.of(
        tx(TransactionType.DEPOSIT, 1, "1").asset("BTC").quantity("1").build(),
        tx(TransactionType.TRANSFER_OUT, 2, "2").asset("BTC").quantity("0.5").transferId("t1").build(),
        tx(TransactionType.TRANSFER_OUT, 3, "3").asset("BTC").quantity("0.25").transferId("t2").build());
    List<Transaction> wallet = List.of(
        tx(TransactionType.TRANSFER_IN, 2, "4").asset("BTC").quantity("0.5").transferId("t1").build(),
        tx(TransactionType.TRANSFER_IN, 4, "5").asset("BTC").quantity("0.25").transferId("t2").build());
    List<Close> btc = new ArrayList<>();
    for (int d = 1; d <= 4; d++) {
      btc.add(close(BTC, d, "60000", d));
    }
    ValueHistory h = history(List.of(new Ledger("binance", USD, exchange), new Ledger("ledger-nano", USD, wallet)), btc, List.of(), List.of(),
        USD, 4, Set.of(Breakdown.ACCOUNT, Breakdown.ASSET));
    assertEquals(List.of("2024-04-01 60000 60000", "2024-04-02 60000 0", "2024-04-03 45000 -15000", "2024-04-04 60000 15000"), values(h));
    assertEquals(Map.of("binance", new BigDecimal("30000"), "ledger-nano", new BigDecimal("30000")), h.days().get(1).byAccount());
    assertEquals(Map.of(BTC, new BigDecimal("60000")), h.days().get(3).byAsset());
    // one account alone: the same transfers come from and go to outside it
    ValueHistory wallets = history(List.of(new Ledger("ledger-nano", USD, wallet)), btc, List.of(), List.of(), USD, 4, Set.of());
    assertEquals(List.of("2024-04-01 0 0", "2024-04-02 30000 30000", "2024-04-03 30000 0", "2024-04-04 45000 15000"), values(wallets));
  }

  @Test
  void yenCashAndBitcoinAreValuedInBitcoinThroughTheDollar() {
    List<Transaction> ledger = List.of(
        tx(TransactionType.DEPOSIT, 1, "1").asset("JPY").quantity("1500000").build(),
        tx(TransactionType.DEPOSIT, 1, "2").asset("BTC").quantity("0.5").build());
    List<DatedRate> fx = List.of(new DatedRate(USD, JPY, day(1), new BigDecimal("150")),
        new DatedRate(BTC, USD, day(1), new BigDecimal("50000")));
    ValueHistory h = history(List.of(new Ledger("mixed", JPY, ledger)), List.of(close(BTC, 1, "50000", 1)), List.of(), fx, BTC, 1, Set.of());
    // 1,500,000 JPY = 10,000 USD = 0.2 BTC, plus 0.5 BTC as itself; JPY/USD is 1/150 to 34 digits
    BigDecimal jpyInBtc = new BigDecimal("1500000").multiply(BigDecimal.ONE.divide(new BigDecimal("150"), java.math.MathContext.DECIMAL128))
        .multiply(BigDecimal.ONE.divide(new BigDecimal("50000"), java.math.MathContext.DECIMAL128));
    BigDecimal expected = jpyInBtc.add(new BigDecimal("0.5")).stripTrailingZeros();
    assertEquals(expected, h.days().get(0).value());
    assertEquals(expected, h.days().get(0).flow());
    assertEquals(0, new BigDecimal("0.7").compareTo(h.days().get(0).value().setScale(20, java.math.RoundingMode.HALF_EVEN)));
  }

  @Test
  void inBitcoinTheGroupsAddUpToTheValueBitcoinStaysCryptoAndAnUnpricedHoldingIsInNoGroup() {
    List<Transaction> ledger = List.of(
        tx(TransactionType.DEPOSIT, 1, "1").asset("JPY").quantity("1500000").build(),
        tx(TransactionType.DEPOSIT, 1, "2").asset("BTC").quantity("0.5").build(),
        tx(TransactionType.DEPOSIT, 1, "3").asset("FUND").quantity("10").build());
    List<DatedRate> fx = List.of(new DatedRate(USD, JPY, day(1), new BigDecimal("150")),
        new DatedRate(BTC, USD, day(1), new BigDecimal("50000")));
    ValueHistory h = history(List.of(new Ledger("mixed", JPY, ledger, "bitflyer"), new Ledger("cold", USD,
        List.of(tx(TransactionType.DEPOSIT, 1, "1").asset("BTC").quantity("0.25").build()))), List.of(close(BTC, 1, "50000", 1)), List.of(), fx, BTC,
        1, Set.of(Breakdown.CLASS, Breakdown.VENUE, Breakdown.CURRENCY));
    ValueHistory.Day d = h.days().get(0);
    BigDecimal jpyInBtc = new BigDecimal("1500000").multiply(BigDecimal.ONE.divide(new BigDecimal("150"), java.math.MathContext.DECIMAL128))
        .multiply(BigDecimal.ONE.divide(new BigDecimal("50000"), java.math.MathContext.DECIMAL128)).stripTrailingZeros();
    // the fund has no close: named (its deposit's flow too), in no group, not zero
    assertEquals(List.of("flow DEPOSIT 10 FUND in mixed: no price of FUND in JPY on or before 2024-04-01",
        "10 FUND in mixed: no price of FUND in JPY on or before 2024-04-01"), d.missing());
    assertEquals(jpyInBtc.add(new BigDecimal("0.75")), d.value());
    assertEquals(Map.of("CASH", jpyInBtc, "CRYPTO", new BigDecimal("0.75")), d.group(Breakdown.CLASS));
    // a ledger without a venue is its own
    assertEquals(Map.of("bitflyer", jpyInBtc.add(new BigDecimal("0.5")), "cold", new BigDecimal("0.25")), d.group(Breakdown.VENUE));
    assertEquals(Map.of("JPY", jpyInBtc, "USD", new BigDecimal("0.75")), d.group(Breakdown.CURRENCY));
    assertEquals(Map.of(), d.group(Breakdown.ACCOUNT), "not a group");
    // 0.75 of 0.95 BTC (0.2 in yen)
    assertEquals(Map.of("CASH", new BigDecimal("21.0526"), "CRYPTO", new BigDecimal("78.9474")), d.weights(Breakdown.CLASS));
  }

  @Test
  void aDayWithoutAPriceIsIncompleteAndNamedNeverValuedAtZero() {
    // no close of the fund before day 2; stale on day 4 and later (closes stop at day 2, equities... funds allow 4 days)
    List<Close> closes = List.of(close(FUND, 2, "110", 2));
    ValueHistory h = ValueHistory.of(List.of(new Ledger("rakuten", JPY, FUND_LEDGER.subList(0, 2))), CATALOG, new UnadjustedCloses(closes, List.of()),
        new AsOfRates(new InMemoryRates(List.of()), USD, Period.ofDays(7)), JPY, day(1), day(7), STALE, Set.of());
    ValueHistory.Day first = h.days().get(0);
    assertEquals(List.of("10 FUND in rakuten: no price of FUND in JPY on or before 2024-04-01"), first.missing());
    assertEquals(BigDecimal.ZERO, first.value());
    assertEquals(new BigDecimal("1100"), h.days().get(1).value());
    assertEquals(List.of(0, 0, 0, 0, 0, 1), h.days().stream().skip(1).map(ValueHistory.Day::stale).toList());
    ValueHistory.IncompleteHistoryException e = assertThrows(ValueHistory.IncompleteHistoryException.class, h::valuations);
    assertEquals("the value on 2024-04-01 is not complete: 10 FUND in rakuten: no price of FUND in JPY on or before 2024-04-01", e.getMessage());
  }

  @Test
  void aMissingFxRateNamesThePairAndTheDay() {
    List<Transaction> ledger = List.of(tx(TransactionType.DEPOSIT, 1, "1").asset("EUR").quantity("100").build());
    ValueHistory h = history(List.of(new Ledger("n26", AssetId.of("EUR"), ledger)), List.of(), List.of(), List.of(), JPY, 1, Set.of());
    assertEquals(List.of(
        "flow DEPOSIT 100 EUR in n26: no rate EUR/JPY as of 2024-04-01 (tried EUR/JPY, JPY/EUR, EUR/USD x USD/JPY, each at most 7 days old)",
        "100 EUR in n26: no rate EUR/JPY as of 2024-04-01 (tried EUR/JPY, JPY/EUR, EUR/USD x USD/JPY, each at most 7 days old)"),
        h.days().get(0).missing());
  }

  @Test
  void aBenchmarkHoldsOneUnitWithItsSplits() {
    CorporateAction.Split split = new CorporateAction.Split(InstrumentId.of("7203.T", "JPY"), day(3), new BigDecimal("5"), BigDecimal.ONE, "x");
    List<Close> closes = List.of(close(TOYOTA, 1, "2000", 5), close(TOYOTA, 2, "2100", 5), close(TOYOTA, 3, "2100", 5));
    ValueHistory b = ValueHistory.benchmark(TOYOTA, List.of(split), CATALOG, new UnadjustedCloses(closes, List.of(split)),
        new AsOfRates(new InMemoryRates(List.of()), USD, Period.ofDays(7)), JPY, day(1), day(3), STALE);
    assertEquals(List.of("2024-04-01 10000 10000", "2024-04-02 10500 0", "2024-04-03 10500 0"), values(b));
  }
}
