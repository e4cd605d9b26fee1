package dev.ballast.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.analytics.account.AccountMetrics;
import dev.ballast.engine.analytics.account.LedgerEntry;
import dev.ballast.engine.analytics.account.Window;
import dev.ballast.engine.ledger.LedgerBook;
import dev.ballast.engine.ledger.PositionSummary;
import dev.ballast.engine.marketdata.AsOfRates;
import dev.ballast.engine.marketdata.DatedRate;
import dev.ballast.engine.marketdata.InMemoryRates;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.CostMethod;
import dev.ballast.engine.model.TaxWrapper;
import dev.ballast.engine.model.Transaction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RealizedGainsTest {
  private static final AssetId JPY = AssetId.of("JPY");
  private static final AssetId USD = AssetId.of("USD");

  /** Buys at 100 and 200, sells 5 at 300, buys at 400 (2025); sells 10 at 500 (2026). */
  static List<LedgerEntry> ledger(String currency) {
    List<Transaction> txs = List.of(
        Fixtures.buy(tokyo("2025-03-01"), "b1", "10", "XYZ", "100", currency),
        Fixtures.buy(tokyo("2025-06-01"), "b2", "10", "XYZ", "200", currency),
        Fixtures.sell(tokyo("2025-09-01"), "s1", "5", "XYZ", "300", currency),
        Fixtures.buy(tokyo("2025-11-01"), "b3", "10", "XYZ", "400", currency),
        Fixtures.sell(tokyo("2026-02-01"), "s2", "10", "XYZ", "500", currency));
    List<LedgerEntry> out = new ArrayList<>();
    for (int i = 0; i < txs.size(); i++) {
      out.add(new LedgerEntry("tx-" + i, txs.get(i)));
    }
    return out;
  }

  /** 10:00 in Tokyo on that date. */
  static Instant tokyo(String date) {
    return LocalDate.parse(date).atTime(10, 0).atZone(RealizedGains.TAX_ZONE).toInstant();
  }

  static RealizedGains.AccountLedger account(String id, String currency, TaxWrapper wrapper, CostMethod method) {
    return new RealizedGains.AccountLedger(id, id, AssetId.of(currency), wrapper, method, ledger(currency));
  }

  private static final RealizedGains NO_RATES = new RealizedGains((from, to, date) -> Optional.empty());

  @Test
  void fifoByHand() {
    AccountGains y2025 = NO_RATES.account(2025, account("a", "JPY", TaxWrapper.SPECIFIC, CostMethod.FIFO));
    assertEquals(1, y2025.lines().size());
    assertEquals(0, new BigDecimal("1000").compareTo(y2025.total().amount()));
    assertEquals(0, new BigDecimal("500").compareTo(y2025.lines().get(0).cost().amount()));
    assertEquals(0, new BigDecimal("1500").compareTo(y2025.lines().get(0).proceeds().amount()));
    assertEquals(LocalDate.parse("2025-09-01"), y2025.lines().get(0).tradeDate());
    AccountGains y2026 = NO_RATES.account(2026, account("a", "JPY", TaxWrapper.SPECIFIC, CostMethod.FIFO));
    // 5 at 100 and 5 at 200 cost 1,500 against 5,000
    assertEquals(0, new BigDecimal("3500").compareTo(y2026.total().amount()));
    assertEquals(y2026.total(), y2026.totalJpy(), "a JPY account's gains are their own JPY figure");
  }

  @Test
  void movingAverageByHand() {
    // average 150 after two buys; 15 left at 150 plus 10 at 400 is 25 at 250
    assertEquals(0, new BigDecimal("750").compareTo(
        NO_RATES.account(2025, account("a", "JPY", TaxWrapper.SPECIFIC, CostMethod.AVERAGE)).total().amount()));
    assertEquals(0, new BigDecimal("2500").compareTo(
        NO_RATES.account(2026, account("a", "JPY", TaxWrapper.SPECIFIC, CostMethod.AVERAGE)).total().amount()));
  }

  @Test
  void totalAverageByHand() {
    // 2025: 7,000 for 30 units, 233.33 each; 5 sold at 300. 2026: 25 brought in at 233.33, 10 sold at 500
    AccountGains y2025 = NO_RATES.account(2025, account("a", "JPY", TaxWrapper.SPECIFIC, CostMethod.TOTAL_AVERAGE));
    assertEquals(new BigDecimal("333.33"), y2025.total().amount().setScale(2, RoundingMode.HALF_UP));
    assertFalse(y2025.lines().get(0).provisional(), "the year is complete when the report is of the whole year");
    AccountGains y2026 = NO_RATES.account(2026, account("a", "JPY", TaxWrapper.SPECIFIC, CostMethod.TOTAL_AVERAGE));
    assertEquals(new BigDecimal("2666.67"), y2026.total().amount().setScale(2, RoundingMode.HALF_UP));
  }

  @ParameterizedTest
  @EnumSource(CostMethod.class)
  void yearTotalsEqualTheLedgerMetricsToTheUnit(CostMethod method) {
    for (int year : new int[] {2025, 2026}) {
      AccountGains gains = NO_RATES.account(year, account("a", "JPY", TaxWrapper.SPECIFIC, method));
      Window taxYear = new Window(
          Optional.of(LocalDate.of(year, 1, 1).atStartOfDay(RealizedGains.TAX_ZONE).toInstant()),
          Optional.of(LocalDate.of(year + 1, 1, 1).atStartOfDay(RealizedGains.TAX_ZONE).toInstant()));
      AccountMetrics metrics = AccountMetrics.of(JPY, false, ledger("JPY"), taxYear, Map.of(), method);
      assertEquals(metrics.realizedPnl(), gains.total().amount(), method + " " + year);
      BigDecimal lines = gains.lines().stream().map(l -> l.pnl().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
      assertEquals(lines, gains.total().amount());
    }
  }

  @Test
  void fifoTotalsEqualTheRealizedOfTheLedgerBook() {
    LedgerBook book = LedgerBook.empty(JPY, false);
    for (LedgerEntry e : ledger("JPY")) {
      book = book.apply(e.transactionId(), e.transaction()).book();
    }
    PositionSummary xyz = book.summary(AssetId.of("XYZ"));
    BigDecimal years = NO_RATES.account(2025, account("a", "JPY", TaxWrapper.SPECIFIC, CostMethod.FIFO)).total().amount()
        .add(NO_RATES.account(2026, account("a", "JPY", TaxWrapper.SPECIFIC, CostMethod.FIFO)).total().amount());
    assertEquals(0, xyz.realizedInAccount().compareTo(years));
  }

  /** USD to JPY on each trade date of {@link #ledger}; the sale of 2025-09-01 takes the Friday rate. */
  static List<DatedRate> usdRates() {
    return List.of(
        new DatedRate(USD, JPY, LocalDate.parse("2025-03-01"), new BigDecimal("150")),
        new DatedRate(USD, JPY, LocalDate.parse("2025-06-01"), new BigDecimal("140")),
        new DatedRate(USD, JPY, LocalDate.parse("2025-08-29"), new BigDecimal("147.25")),
        new DatedRate(USD, JPY, LocalDate.parse("2025-11-01"), new BigDecimal("152")),
        new DatedRate(USD, JPY, LocalDate.parse("2026-02-01"), new BigDecimal("155.5")));
  }

  static RealizedGains usd(List<DatedRate> rates) {
    return new RealizedGains(new AsOfRates(new InMemoryRates(rates), USD, Period.ofDays(7)));
  }

  @Test
  void aUsdAccountConvertsProceedsAtTheSaleDateAndCostAtEachAcquisitionDate() {
    RealizedGains gains = usd(usdRates());
    AccountGains y2025 = gains.account(2025, account("u", "USD", TaxWrapper.GENERAL, CostMethod.FIFO));
    GainLine line = y2025.lines().get(0);
    // the Friday rate serves the Monday sale (at most 7 days old)
    assertEquals(new BigDecimal("147.25"), line.jpyRate());
    // 5 of the lot bought 2025-03-01: 500 USD x 150; proceeds 1,500 USD x 147.25
    assertEquals(0, new BigDecimal("75000").compareTo(line.costJpy().amount()));
    assertEquals(0, new BigDecimal("220875").compareTo(line.proceedsJpy().amount()));
    assertEquals(0, new BigDecimal("145875").compareTo(line.pnlJpy().amount()));
    assertEquals(JPY, y2025.totalJpy().currency());
    assertEquals(0, new BigDecimal("145875").compareTo(y2025.totalJpy().amount()));
    assertEquals(0, new BigDecimal("1000").compareTo(y2025.total().amount()));
    assertEquals(USD, y2025.total().currency());
    AccountGains y2026 = gains.account(2026, account("u", "USD", TaxWrapper.GENERAL, CostMethod.FIFO));
    // two closings: 5 left of 03-01 (500 USD x 150 = 75,000) and 5 of 06-01 (1,000 USD x 140 = 140,000)
    assertEquals(2, y2026.lines().size());
    assertEquals(0, new BigDecimal("75000").compareTo(y2026.lines().get(0).costJpy().amount()));
    assertEquals(0, new BigDecimal("140000").compareTo(y2026.lines().get(1).costJpy().amount()));
    // proceeds 5,000 USD x 155.5 = 777,500 against 215,000
    assertEquals(0, new BigDecimal("562500").compareTo(y2026.totalJpy().amount()));
    assertEquals(0, y2026.withoutRate());
  }

  @Test
  void theAverageMethodsAverageTheYenOfEachAcquisition() {
    RealizedGains gains = usd(usdRates());
    // moving average: 150,000 + 280,000 for 20 units; 5 sold cost 107,500 against 220,875
    assertEquals(0, new BigDecimal("113375").compareTo(
        gains.account(2025, account("u", "USD", TaxWrapper.GENERAL, CostMethod.AVERAGE)).totalJpy().amount()));
    // 15 left at 322,500 plus 10 x 400 x 152 = 608,000: 25 for 930,500; 10 sold cost 372,200 against 777,500
    assertEquals(0, new BigDecimal("405300").compareTo(
        gains.account(2026, account("u", "USD", TaxWrapper.GENERAL, CostMethod.AVERAGE)).totalJpy().amount()));
    // total average 2025: 150,000 + 280,000 + 608,000 = 1,038,000 for 30, 34,600 each; 5 sold cost 173,000
    assertEquals(0, new BigDecimal("47875").compareTo(
        gains.account(2025, account("u", "USD", TaxWrapper.GENERAL, CostMethod.TOTAL_AVERAGE)).totalJpy().amount()));
    // 2026: 25 carried at 34,600; 10 sold cost 346,000 against 777,500
    assertEquals(0, new BigDecimal("431500").compareTo(
        gains.account(2026, account("u", "USD", TaxWrapper.GENERAL, CostMethod.TOTAL_AVERAGE)).totalJpy().amount()));
  }

  @Test
  void aMissingAcquisitionRateLeavesOnlyTheClosingsOfThatLotWithoutAJpyFigure() {
    List<DatedRate> rates = new ArrayList<>(usdRates());
    rates.removeIf(r -> r.date().equals(LocalDate.parse("2025-06-01")));
    RealizedGains gains = usd(rates);
    AccountGains y2025 = gains.account(2025, account("u", "USD", TaxWrapper.GENERAL, CostMethod.FIFO));
    assertEquals(0, y2025.withoutRate(), "the 2025 sale closes only the lot of 03-01");
    AccountGains y2026 = gains.account(2026, account("u", "USD", TaxWrapper.GENERAL, CostMethod.FIFO));
    assertEquals(1, y2026.withoutRate());
    assertNull(y2026.lines().get(1).costJpy(), "the lot of 06-01 has no rate: its yen cost is not guessed");
    assertNull(y2026.lines().get(1).pnlJpy());
    assertEquals(0, new BigDecimal("388750").compareTo(y2026.lines().get(1).proceedsJpy().amount()));
    // only the first closing is in the total: 2,500 x 155.5 - 75,000
    assertEquals(0, new BigDecimal("313750").compareTo(y2026.totalJpy().amount()));
    assertFalse(gains.year(2026, List.of(account("u", "USD", TaxWrapper.GENERAL, CostMethod.FIFO))).complete());
  }

  @Test
  void aMissingRateIsCountedAndLeftOutOfTheJpyTotal() {
    AccountGains gains = NO_RATES.account(2025, account("u", "USD", TaxWrapper.GENERAL, CostMethod.FIFO));
    assertEquals(1, gains.withoutRate());
    assertNull(gains.lines().get(0).pnlJpy());
    assertEquals(0, gains.totalJpy().signum());
    TaxYearGains year = NO_RATES.year(2025, List.of(account("u", "USD", TaxWrapper.GENERAL, CostMethod.FIFO)));
    assertFalse(year.complete());
  }

  @Test
  void nisaGainsAreListedAsUntaxed() {
    TaxYearGains year = NO_RATES.year(2026, List.of(
        account("nisa", "JPY", TaxWrapper.NISA_GROWTH, CostMethod.TOTAL_AVERAGE),
        account("tokutei", "JPY", TaxWrapper.SPECIFIC, CostMethod.FIFO)));
    assertEquals(TaxTreatment.UNTAXED, year.accounts().get(0).treatment());
    assertEquals(0, new BigDecimal("3500").compareTo(year.taxedJpy().amount()));
    assertEquals(year.accounts().get(0).totalJpy(), year.untaxedJpy());
    assertTrue(year.complete());
  }

  @Test
  void aYearWithoutDisposalsIsEmpty() {
    AccountGains gains = NO_RATES.account(2024, account("a", "JPY", TaxWrapper.SPECIFIC, CostMethod.FIFO));
    assertTrue(gains.lines().isEmpty());
    assertEquals(0, gains.total().signum());
  }
}
