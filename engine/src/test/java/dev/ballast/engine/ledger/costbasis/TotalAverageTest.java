package dev.ballast.engine.ledger.costbasis;

import static dev.ballast.engine.Fixtures.btc;
import static dev.ballast.engine.Fixtures.buy;
import static dev.ballast.engine.Fixtures.deposit;
import static dev.ballast.engine.Fixtures.jpy;
import static dev.ballast.engine.Fixtures.sell;
import static dev.ballast.engine.Fixtures.split;
import static dev.ballast.engine.Fixtures.withdrawal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.ledger.Disposal;
import dev.ballast.engine.ledger.Movements;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.CostMethod;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The total average method (総平均法) on hand-worked cases: every expected value is worked out
 * in the comments, per calendar year in Asia/Tokyo unless a test says otherwise.
 */
class TotalAverageTest {
  private static final TotalAverage TOKYO = new TotalAverage(ZoneId.of("Asia/Tokyo"));

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }

  private static CostBasis costs(TotalAverage method, Instant asOf, Transaction... txs) {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < txs.length; i++) {
      entries.add(new Entry("t" + (i + 1), txs[i].timestamp(), Movements.of(txs[i], jpy())));
    }
    return method.costs(jpy(), entries, asOf);
  }

  private static void assertAmount(String expected, Money actual) {
    assertTrue(actual != null, () -> "expected " + expected + " JPY but was unknown");
    assertEquals(jpy(), actual.currency());
    assertTrue(new BigDecimal(expected).compareTo(actual.amount()) == 0,
        () -> "expected " + expected + " but was " + actual.amount().toPlainString());
  }

  private static void assertAmount(String expected, BigDecimal actual) {
    assertTrue(new BigDecimal(expected).compareTo(actual) == 0, () -> "expected " + expected + " but was " + actual.toPlainString());
  }

  // 2024: buy 1 @100 (Jan), sell 0.5 @300 (Mar), buy 1 @400 (Jun)
  private static final Transaction[] YEAR_2024 = {
    buy(at("2024-01-10T00:00:00Z"), "b1", "1", "BTC", "100", "JPY"),
    sell(at("2024-03-10T00:00:00Z"), "s1", "0.5", "BTC", "300", "JPY"),
    buy(at("2024-06-10T00:00:00Z"), "b2", "1", "BTC", "400", "JPY"),
  };

  private static Transaction[] with(Transaction[] first, Transaction... more) {
    List<Transaction> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(more));
    return all.toArray(Transaction[]::new);
  }

  @Test
  void twoBuysAndASellInOneYearAreCostedAtTheYearsAverage() {
    // the year's average is (0 + 100 + 400) / (0 + 1 + 1) = 250, also for the sale made before the second buy:
    // cost 0.5 x 250 = 125, proceeds 150, P&L +25 (the moving average would say 150 - 50 = +100);
    // carried: 1.5 BTC at 500 - 125 = 375
    CostBasis basis = costs(TOKYO, at("2025-01-01T00:00:00Z"), YEAR_2024);

    assertEquals(1, basis.realized().size());
    Realized sale = basis.realized().get(0);
    assertEquals(Disposal.SALE, sale.disposal());
    assertEquals("t2", sale.closedBy());
    assertAmount("0.5", sale.quantity());
    assertAmount("125", sale.cost());
    assertAmount("150", sale.proceeds());
    assertAmount("25", sale.pnl());
    assertFalse(sale.provisional());
    assertAmount("1.5", basis.holdings().get(btc()).quantity());
    assertAmount("375", basis.holdings().get(btc()).cost());
  }

  @Test
  void theRemainingHoldingCarriesIntoTheNextYearAtTheAverage() {
    // 2025 starts with 1.5 BTC at 375; buy 0.5 @500 (cost 250); sell 1 @600
    // average (375 + 250) / (1.5 + 0.5) = 312.5: cost 312.5, proceeds 600, P&L +287.5; carried 1 BTC at 312.5
    CostBasis basis = costs(TOKYO, at("2026-01-01T00:00:00Z"), with(YEAR_2024,
        buy(at("2025-02-01T00:00:00Z"), "b3", "0.5", "BTC", "500", "JPY"),
        sell(at("2025-08-01T00:00:00Z"), "s2", "1", "BTC", "600", "JPY")));

    assertEquals(2, basis.realized().size());
    assertAmount("25", basis.realized().get(0).pnl());
    Realized sale = basis.realized().get(1);
    assertAmount("312.5", sale.cost());
    assertAmount("287.5", sale.pnl());
    assertAmount("1", basis.holdings().get(btc()).quantity());
    assertAmount("312.5", basis.holdings().get(btc()).cost());
  }

  @Test
  void aYearWithOnlySalesCostsThemAtTheCarriedAverage() {
    // after 2025 (1 BTC at 312.5), 2026 only sells 0.5 @700: average 312.5 / 1 = 312.5
    // cost 156.25, proceeds 350, P&L +193.75; carried 0.5 BTC at 156.25
    Transaction[] history = with(YEAR_2024,
        buy(at("2025-02-01T00:00:00Z"), "b3", "0.5", "BTC", "500", "JPY"),
        sell(at("2025-08-01T00:00:00Z"), "s2", "1", "BTC", "600", "JPY"),
        sell(at("2026-04-01T00:00:00Z"), "s3", "0.5", "BTC", "700", "JPY"));
    CostBasis basis = costs(TOKYO, at("2027-01-01T00:00:00Z"), history);

    Realized sale = basis.realized().get(2);
    assertAmount("156.25", sale.cost());
    assertAmount("193.75", sale.pnl());
    assertFalse(sale.provisional());
    assertAmount("156.25", basis.holdings().get(btc()).cost());
  }

  @Test
  void theSalesOfAYearNotCompleteAreProvisionalAndThoseOfEndedYearsFinal() {
    // as of 2026-06 the 2026 sale is costed at the average so far and may still change; 2024 and 2025 are final
    Transaction[] history = with(YEAR_2024,
        buy(at("2025-02-01T00:00:00Z"), "b3", "0.5", "BTC", "500", "JPY"),
        sell(at("2025-08-01T00:00:00Z"), "s2", "1", "BTC", "600", "JPY"),
        sell(at("2026-04-01T00:00:00Z"), "s3", "0.5", "BTC", "700", "JPY"));

    List<Realized> midYear = costs(TOKYO, at("2026-06-01T00:00:00Z"), history).realized();
    assertEquals(List.of(false, false, true), midYear.stream().map(Realized::provisional).toList());
    assertEquals(List.of(false, false, true), costs(TOKYO, null, history).realized().stream().map(Realized::provisional).toList());
    // the year in Tokyo ends at 2026-12-31T15:00Z
    assertTrue(costs(TOKYO, at("2026-12-31T14:59:59Z"), history).realized().get(2).provisional());
    assertFalse(costs(TOKYO, at("2026-12-31T15:00:00Z"), history).realized().get(2).provisional());
  }

  @Test
  void theYearIsTheCalendarYearOfTheZoneGiven() {
    // buy 1 @100 in 2024; sell 0.5 @300 at 2024-12-31T16:00Z (2025-01-01 01:00 in Tokyo); buy 1 @400 in 2025
    // Tokyo: the sale is in 2025, average (100 + 400) / 2 = 250, cost 125, P&L +25
    // UTC: the sale is in 2024, average 100 / 1 = 100, cost 50, P&L +100
    Transaction[] history = {
      buy(at("2024-06-01T00:00:00Z"), "b1", "1", "BTC", "100", "JPY"),
      sell(at("2024-12-31T16:00:00Z"), "s1", "0.5", "BTC", "300", "JPY"),
      buy(at("2025-02-01T00:00:00Z"), "b2", "1", "BTC", "400", "JPY"),
    };

    assertAmount("25", costs(TOKYO, null, history).realized().get(0).pnl());
    assertAmount("100", costs(new TotalAverage(ZoneOffset.UTC), null, history).realized().get(0).pnl());
    assertEquals(ZoneId.of("Asia/Tokyo"), ((TotalAverage) CostBasisMethod.of(CostMethod.TOTAL_AVERAGE)).yearZone());
  }

  @Test
  void feesAndTransfersLeaveAtTheAverageAndOnlyTheFeeRealizes() {
    // 2024: buy 2 @100, buy 2 @300: average 800 / 4 = 200
    // fee 0.5 BTC: cost 100, no proceeds, P&L -100; withdraw 1: cost 200 leaves, nothing realized
    // sell 1 @250 with a 10 JPY fee: proceeds 240, cost 200, P&L +40; carried 1.5 BTC at 800 - 100 - 200 - 200 = 300
    CostBasis basis = costs(TOKYO, at("2025-01-01T00:00:00Z"),
        buy(at("2024-01-01T00:00:00Z"), "b1", "2", "BTC", "100", "JPY"),
        buy(at("2024-02-01T00:00:00Z"), "b2", "2", "BTC", "300", "JPY"),
        Transaction.builder(TransactionType.FEE).at(at("2024-03-01T00:00:00Z")).asset("BTC").quantity("0.5").ref(Fixtures.SOURCE, "f1").build(),
        withdrawal(at("2024-04-01T00:00:00Z"), "w1", "1", "BTC"),
        Fixtures.trade(TransactionType.SELL, at("2024-05-01T00:00:00Z"), "s1", "1", "BTC", "250", "JPY").fee("10", "JPY").build());

    assertEquals(List.of(Disposal.FEE, Disposal.SALE), basis.realized().stream().map(Realized::disposal).toList());
    assertAmount("-100", basis.realized().get(0).pnl());
    assertAmount("0", basis.realized().get(0).proceeds());
    assertAmount("40", basis.realized().get(1).pnl());
    assertAmount("1.5", basis.holdings().get(btc()).quantity());
    assertAmount("300", basis.holdings().get(btc()).cost());
  }

  @Test
  void aSplitInTheYearCountsEveryUnitInTodaysUnits() {
    // buy 10 @1000 (10,000), sell 5 @1200 (6,000), split 2:1, buy 10 @400 (4,000)
    // in post-split units: 20 + 10 = 30 acquired for 14,000; the sale was 5 old = 10 new units
    // cost 14,000 x 10 / 30 = 4,666.666... (34 digits), P&L 6,000 - that; carried 20 units at the exact rest
    AssetId toyota = AssetId.of("7203.T");
    CostBasis basis = costs(TOKYO, at("2025-01-01T00:00:00Z"),
        buy(at("2024-01-10T00:00:00Z"), "b1", "10", "7203.T", "1000", "JPY"),
        sell(at("2024-02-10T00:00:00Z"), "s1", "5", "7203.T", "1200", "JPY"),
        split(at("2024-03-10T00:00:00Z"), "x1", "7203.T", "2"),
        buy(at("2024-04-10T00:00:00Z"), "b2", "10", "7203.T", "400", "JPY"));

    Realized sale = basis.realized().get(0);
    assertAmount("5", sale.quantity());
    assertAmount("4666.666666666666666666666666666667", sale.cost());
    assertAmount("1333.333333333333333333333333333333", sale.pnl());
    assertAmount("20", basis.holdings().get(toyota).quantity());
    assertAmount("9333.333333333333333333333333333333", basis.holdings().get(toyota).cost());
    // nothing is lost to rounding: realized cost + carried cost = 14,000 exactly
    assertAmount("14000", sale.cost().plus(basis.holdings().get(toyota).cost()));
  }

  @Test
  void anUnknownCostMakesTheYearUnknownUntilAYearEndsWithNothingHeld() {
    // 2024: 1 BTC deposited without a price, 1 bought @200, 2 sold @300: the year's average is unknown,
    // so are both sales' cost and P&L (their proceeds are known); the year ends with nothing held
    // 2025: buy 1 @100, sell 1 @150: known again, P&L +50
    CostBasis basis = costs(TOKYO, null,
        deposit(at("2024-01-01T00:00:00Z"), "d1", "1", "BTC"),
        buy(at("2024-02-01T00:00:00Z"), "b1", "1", "BTC", "200", "JPY"),
        sell(at("2024-03-01T00:00:00Z"), "s1", "2", "BTC", "300", "JPY"),
        buy(at("2025-02-01T00:00:00Z"), "b2", "1", "BTC", "100", "JPY"),
        sell(at("2025-03-01T00:00:00Z"), "s2", "1", "BTC", "150", "JPY"));

    assertNull(basis.realized().get(0).cost());
    assertNull(basis.realized().get(0).pnl());
    assertAmount("600", basis.realized().get(0).proceeds());
    assertAmount("50", basis.realized().get(1).pnl());
    assertAmount("0", basis.holdings().get(btc()).cost());
  }

  @Test
  void aHoldingStillHeldAfterAnUnknownYearStaysUnknown() {
    CostBasis basis = costs(TOKYO, null,
        deposit(at("2024-01-01T00:00:00Z"), "d1", "1", "BTC"),
        buy(at("2025-02-01T00:00:00Z"), "b1", "1", "BTC", "100", "JPY"),
        sell(at("2025-03-01T00:00:00Z"), "s1", "1", "BTC", "150", "JPY"));

    assertNull(basis.realized().get(0).pnl());
    assertNull(basis.holdings().get(btc()).cost());
    assertAmount("1", basis.holdings().get(btc()).quantity());
  }

  @Test
  void aShortHoldingHasNoTotalAverage() {
    // sell 1 short @300, buy it back @200 in the same year: the holding went below zero, so the
    // year's cost is unknown (FIFO or the moving average measure shorts)
    CostBasis basis = costs(TOKYO, null,
        sell(at("2024-01-01T00:00:00Z"), "s1", "1", "BTC", "300", "JPY"),
        buy(at("2024-02-01T00:00:00Z"), "b1", "1", "BTC", "200", "JPY"));

    assertEquals(1, basis.realized().size());
    assertNull(basis.realized().get(0).pnl());
    assertAmount("0", basis.holdings().get(btc()).quantity());
    assertAmount("0", basis.holdings().get(btc()).cost());
  }

  @Test
  void cashIsABalanceWithoutACost() {
    CostBasis basis = costs(TOKYO, null, deposit(at("2024-01-01T00:00:00Z"), "d1", "1000", "JPY"), YEAR_2024[0]);

    assertAmount("900", basis.holdings().get(jpy()).quantity());
    assertNull(basis.holdings().get(jpy()).cost());
  }
}
