package dev.ballast.engine.analytics.account;

import static dev.ballast.engine.Fixtures.btc;
import static dev.ballast.engine.Fixtures.buy;
import static dev.ballast.engine.Fixtures.jpy;
import static dev.ballast.engine.Fixtures.sell;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.engine.model.AccountKind;
import dev.ballast.engine.model.AccountSpec;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.CostMethod;
import dev.ballast.engine.model.TaxWrapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The metrics under each cost method, and the account's own method as the default. */
class AccountMetricsCostMethodTest {
  private static final Map<AssetId, BigDecimal> AT_400 = Map.of(btc(), new BigDecimal("400"));

  // 2024 (Tokyo): buy 1 @100, sell 0.5 @300, buy 1 @400
  private static List<LedgerEntry> ledger() {
    return List.of(
        new LedgerEntry("t1", buy(Instant.parse("2024-01-10T00:00:00Z"), "b1", "1", "BTC", "100", "JPY")),
        new LedgerEntry("t2", sell(Instant.parse("2024-03-10T00:00:00Z"), "s1", "0.5", "BTC", "300", "JPY")),
        new LedgerEntry("t3", buy(Instant.parse("2024-06-10T00:00:00Z"), "b2", "1", "BTC", "400", "JPY")));
  }

  private static AccountSpec account(CostMethod method) {
    return new AccountSpec("Tokyo", AccountKind.EXCHANGE, "bitflyer", jpy(), TaxWrapper.GENERAL, false, method);
  }

  private static BigDecimal amount(String text) {
    return new BigDecimal(text);
  }

  @Test
  void eachMethodCostsTheSaleItsWayAndMovesTheSameUnits() {
    // FIFO: the sale closes half the 100 lot: 150 - 50 = +100; open 0.5 @100 + 1 @400 = 450, at 400 x 1.5 = 600: +150
    // moving average: the average at the sale is 100: +100 as well; open 1.5 costing 50 + 400 = 450: +150
    // total average: the year's average is 500 / 2 = 250: 150 - 125 = +25; open 1.5 costing 375: +225
    AccountMetrics fifo = AccountMetrics.of(account(CostMethod.FIFO), ledger(), Window.ALL, AT_400, null);
    AccountMetrics moving = AccountMetrics.of(account(CostMethod.FIFO), ledger(), Window.ALL, AT_400, CostMethod.AVERAGE);
    AccountMetrics total = AccountMetrics.of(account(CostMethod.FIFO), ledger(), Window.ALL, AT_400, CostMethod.TOTAL_AVERAGE);

    assertEquals(0, amount("100").compareTo(fifo.realizedPnl()));
    assertEquals(0, amount("150").compareTo(fifo.unrealizedPnl().orElseThrow()));
    assertEquals(0, amount("100").compareTo(moving.realizedPnl()));
    assertEquals(0, amount("150").compareTo(moving.unrealizedPnl().orElseThrow()));
    assertEquals(0, amount("25").compareTo(total.realizedPnl()));
    assertEquals(0, amount("225").compareTo(total.unrealizedPnl().orElseThrow()));
    assertEquals(Optional.of(amount("375")).map(BigDecimal::stripTrailingZeros),
        total.positions().get(0).costInAccount().map(BigDecimal::stripTrailingZeros));
    for (AccountMetrics m : List.of(fifo, moving, total)) {
      assertEquals(0, amount("1.5").compareTo(m.positions().get(0).quantity()), m.method().name());
      assertEquals(1, m.trades().count(), "the trade statistics are FIFO round trips under every method");
    }
    assertEquals("TOTAL_AVERAGE", total.metrics().get("method"));
  }

  @Test
  void theAccountsOwnMethodIsTheDefault() {
    AccountMetrics metrics = AccountMetrics.of(account(CostMethod.TOTAL_AVERAGE), ledger(), Window.ALL, AT_400, null);

    assertEquals(CostMethod.TOTAL_AVERAGE, metrics.method());
    assertEquals(0, amount("25").compareTo(metrics.realizedPnl()));
    assertEquals(CostMethod.AVERAGE,
        AccountMetrics.of(account(CostMethod.TOTAL_AVERAGE), ledger(), Window.ALL, AT_400, CostMethod.AVERAGE).method());
  }

  @Test
  void aSaleInAYearNotCompleteAtTheEndOfTheWindowIsProvisional() {
    // to 2024-12-31 (UTC midnight, still 2024-12-31 09:00 in Tokyo): the year has not ended: 1 provisional closing
    // to 2025-01-01 (UTC midnight = 09:00 in Tokyo): the year has ended: final
    AccountMetrics open = AccountMetrics.of(account(CostMethod.TOTAL_AVERAGE), ledger(),
        new Window(Optional.empty(), Optional.of(Instant.parse("2024-12-31T00:00:00Z"))), AT_400, null);
    AccountMetrics closed = AccountMetrics.of(account(CostMethod.TOTAL_AVERAGE), ledger(),
        new Window(Optional.empty(), Optional.of(Instant.parse("2025-01-01T00:00:00Z"))), AT_400, null);

    assertEquals(1, open.provisionalClosings());
    assertEquals(1, open.metrics().get("provisional_closings"));
    assertEquals(0, closed.provisionalClosings());
    assertEquals(0, amount("25").compareTo(closed.realizedPnl()));
  }
}
